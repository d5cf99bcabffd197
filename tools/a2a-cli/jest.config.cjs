module.exports = {
  displayName: 'a2a-cli',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
