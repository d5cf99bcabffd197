module.exports = {
  displayName: 'inventory-mcp',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
