#!/usr/bin/env node
// Builds everything `npm start` and the production image run:
//  - the Nest apps and libs, compiled by SWC to CommonJS in dist/ (decorator metadata for
//    Nest's dependency injection; `@nprod/*` aliases rewritten to relative paths);
//  - the React-Admin console, built by Vite into dist/console (skipped when up to date).
// Usage: node scripts/build.mjs [--server-only] [--console-only]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const libs = ['domain', 'config', 'database', 'jobs', 'kube', 'testing', 'catalogue', 'mail'];
const serverRoots = ['apps/api/src', 'apps/worker/src', ...libs.map((lib) => `libs/${lib}/src`)];
const isSource = (file) => file.endsWith('.ts') && !/\.(spec|int-spec|test)\.ts$/.test(file) && !file.endsWith('.d.ts');

function walk(directory, keep) {
  const found = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(entry.name === 'node_modules' || entry.name === '__snapshots__' ? [] : walk(path, keep)));
    else if (keep(path)) found.push(path);
  }
  return found;
}

/** Rewrites `@nprod/x` to a relative require of dist/libs/x/src/index.js from the output file. */
function rewriteAliases(code, outFile) {
  return code.replace(/require\((["'])@nprod\/([a-z-]+)\1\)/g, (_match, quote, lib) => {
    let target = relative(dirname(outFile), join(dist, 'libs', lib, 'src', 'index.js')).replaceAll('\\', '/');
    if (!target.startsWith('.')) target = `./${target}`;
    return `require(${quote}${target}${quote})`;
  });
}

async function buildServer() {
  const started = Date.now();
  const files = serverRoots.flatMap((dir) => walk(join(root, dir), isSource));
  await Promise.all(
    files.map(async (file) => {
      const output = await transformFile(file, {
        swcrc: false,
        sourceMaps: true,
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
        module: { type: 'commonjs', ignoreDynamic: false },
      });
      const outFile = join(dist, relative(root, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, `${rewriteAliases(output.code, outFile)}\n//# sourceMappingURL=${outFile.split('/').pop()}.map\n`);
      if (output.map) writeFileSync(`${outFile}.map`, output.map);
    }),
  );
  console.log(`build: ${files.length} server files compiled in ${Date.now() - started} ms`);
}

const newestMtime = (paths) =>
  Math.max(0, ...paths.flatMap((path) => (!existsSync(path) ? [] : statSync(path).isDirectory() ? walk(path, () => true) : [path])).map((file) => statSync(file).mtimeMs));

function buildConsole() {
  const stamp = join(dist, 'console', '.built-at');
  const inputs = [join(root, 'apps/console'), join(root, 'libs/domain/src'), join(root, 'apps/api/schema.gql')];
  if (existsSync(stamp) && Number(readFileSync(stamp, 'utf8')) >= newestMtime(inputs)) {
    console.log('build: console is up to date');
    return;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, String(newestMtime(inputs)));
  console.log(`build: console built in ${Date.now() - started} ms`);
}

if (!args.has('--console-only')) await buildServer();
if (!args.has('--server-only')) buildConsole();
