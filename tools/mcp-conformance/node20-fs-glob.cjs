'use strict';
/**
 * Preload (`node --require`) that gives Node 20 the `fs.globSync` Node 22 added, so an ES module
 * that imports `{ globSync } from 'fs'` (the MCP conformance CLI) links. Does nothing where Node
 * already has it.
 *
 * Setting `fs.globSync` alone is not enough: Node fixed the export names of the ESM `fs` view when
 * it loaded `fs` at startup. So ESM imports of `fs` are resolved (through a module hook) to a small
 * module that re-exports `node:fs` plus the added function. `glob` is loaded on first call only.
 */
const fs = require('node:fs');
const { register } = require('node:module');

if (typeof fs.globSync !== 'function') {
  fs.globSync = function globSync(pattern, options = {}) {
    const { globSync: globFiles } = require('glob');
    const { cwd, exclude, withFileTypes = false } = options;
    let ignore;
    if (typeof exclude === 'function') {
      ignore = { ignored: (entry) => Boolean(exclude(withFileTypes ? entry : entry.relative())) };
    } else if (Array.isArray(exclude)) {
      ignore = exclude;
    }
    return globFiles(pattern, { cwd: cwd === undefined ? undefined : String(cwd), ignore, withFileTypes });
  };

  const facadeUrl = 'node20-fs-glob:fs';
  const facadeSource = [
    "import fs from 'node:fs';",
    "export * from 'node:fs';",
    'export const globSync = fs.globSync;',
    'export default fs;',
  ].join('\n');
  const hooks = `
    const FACADE = ${JSON.stringify(facadeUrl)};
    export async function resolve(specifier, context, next) {
      if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL !== FACADE) {
        return { url: FACADE, shortCircuit: true };
      }
      return next(specifier, context);
    }
    export async function load(url, context, next) {
      if (url === FACADE) return { format: 'module', source: ${JSON.stringify(facadeSource)}, shortCircuit: true };
      return next(url, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
