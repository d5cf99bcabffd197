module.exports = {
  displayName: 'task-store',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
