const nxPreset = require('@nx/jest/preset').default;

// One jest setup for every project: swc transpiles TypeScript (type-checking is the
// `typecheck` target's job) and the ESM-only packages we depend on into CommonJS.
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  testEnvironmentOptions: {
    // Resolve workspace libs to their TypeScript sources (package.json "exports" condition).
    customExportConditions: ['@a2a-platform/source', 'node', 'require', 'default'],
  },
  transform: {
    '^.+\\.[cm]?[tj]s$': [
      '@swc/jest',
      {
        swcrc: false,
        sourceMaps: 'inline',
        jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|oauth2-mock-server|is-plain-obj|cookie)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
