import nx from '@nx/eslint-plugin';

// What the agent runtime builds on: every lib scope below it.
const RUNTIME_LAYERS = [
  'scope:protocol',
  'scope:store',
  'scope:a2a',
  'scope:mcp',
  'scope:platform',
  'scope:telemetry',
  'scope:auth',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-output', 'tmp'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          // See docs/architecture.md: apps and tools use libs; libs layer on the protocol.
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:protocol', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:store', onlyDependOnLibsWithTags: ['scope:protocol'] },
            { sourceTag: 'scope:telemetry', onlyDependOnLibsWithTags: ['scope:protocol'] },
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:protocol'] },
            {
              sourceTag: 'scope:platform',
              onlyDependOnLibsWithTags: ['scope:protocol', 'scope:telemetry', 'scope:auth', 'scope:store'],
            },
            {
              sourceTag: 'scope:mcp',
              onlyDependOnLibsWithTags: [
                'scope:mcp',
                'scope:protocol',
                'scope:telemetry',
                'scope:platform',
                'scope:auth',
                // For the MCP apps' tests (mcp-kit itself cannot: test-support depends on it).
                'scope:testing',
              ],
            },
            { sourceTag: 'scope:runtime', onlyDependOnLibsWithTags: RUNTIME_LAYERS },
            // Test-only helpers (libs/test-support): they drive every layer, so they may use every scope.
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: [...RUNTIME_LAYERS, 'scope:runtime'] },
            {
              sourceTag: 'scope:a2a',
              onlyDependOnLibsWithTags: ['scope:protocol', 'scope:store', 'scope:telemetry', 'scope:auth'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
