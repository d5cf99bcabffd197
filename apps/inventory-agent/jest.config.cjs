module.exports = {
  displayName: 'inventory-agent',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
