module.exports = {
  displayName: 'dev-stack',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
