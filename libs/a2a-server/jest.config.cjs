module.exports = {
  displayName: 'a2a-server',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
