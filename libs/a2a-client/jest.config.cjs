module.exports = {
  displayName: 'a2a-client',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
