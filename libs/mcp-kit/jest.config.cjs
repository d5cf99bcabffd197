module.exports = {
  displayName: 'mcp-kit',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
