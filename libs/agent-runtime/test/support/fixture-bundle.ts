import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** The repository root (this file is libs/agent-runtime/test/support/). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

const FIXTURES = resolve(__dirname, '../fixtures');

/** Workspace libs are bundled from their TypeScript sources; every other package stays an import. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(on) {
    on.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@a2a-platform/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** The fixture processes, bundled once into a temporary directory. */
export interface FixtureBundle {
  /** Path of the runnable `<name>.mjs` of `test/fixtures/<name>.ts`. */
  entry(name: string): string;
  remove(): Promise<void>;
}

/**
 * Bundles `test/fixtures/<name>.ts` (ESM, Node 20) with esbuild in a few hundred ms. The directory
 * links the workspace's node_modules, so the bundles import fastify, ioredis... as the apps do.
 */
export async function bundleFixtures(names: readonly string[]): Promise<FixtureBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-runtime-fixtures-'));
  await symlink(join(WORKSPACE_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await build({
    entryPoints: Object.fromEntries(names.map((name) => [name, join(FIXTURES, `${name}.ts`)])),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    conditions: ['@a2a-platform/source'],
    plugins: [externalPackages],
    logLevel: 'silent',
  });
  return {
    entry: (name) => join(dir, `${name}.mjs`),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
