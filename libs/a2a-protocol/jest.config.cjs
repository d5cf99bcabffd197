module.exports = {
  displayName: 'a2a-protocol',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
