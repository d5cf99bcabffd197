module.exports = {
  displayName: 'erp-mcp',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
