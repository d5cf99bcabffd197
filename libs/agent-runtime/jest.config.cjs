module.exports = {
  displayName: 'agent-runtime',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
