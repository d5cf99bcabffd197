module.exports = {
  displayName: 'procurement-agent',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
