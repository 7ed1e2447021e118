#!/usr/bin/env node
// `npm test`: the entire suite on a fresh clone. Installs what it needs (npm packages,
// Debian's redis-server and chromium), builds, type-checks, runs every Vitest project
// (unit, integration, e2e, browser) and lints the Helm chart, then prints one summary line.
// test/e2e runs against $KUBECONFIG when set, otherwise against a built-in emulator's kubeconfig.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, ensureNodeModules } from './ensure-deps.mjs';

const startedAt = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const extraArgs = process.argv.slice(2);
const steps = [];

/** Runs one step without blocking this process: the emulator serving test/e2e lives here. */
async function step(name, command, args, env = process.env) {
  const started = Date.now();
  console.log(`\n== ${name}`);
  const status = await new Promise((resolve) => spawn(command, args, { stdio: 'inherit', env }).on('exit', (code) => resolve(code)));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  steps.push(`${name} ${status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  return status === 0;
}

function finish(ok, detail) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
  console.log(`\n${ok ? 'PASS' : 'FAIL'} nprod test: ${detail}; ${steps.join(', ')}; ${seconds} s total`);
  process.exit(ok ? 0 : 1);
}

ensureNodeModules(root);
ensureDebianPackages({ 'redis-server': 'redis-server', chromium: 'chromium' });

const node = process.execPath;
if (!(await step('build', node, ['scripts/build.mjs']))) finish(false, 'build failed');
const typecheck = (await step('typecheck', node, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'])) && (await step('typecheck console', node, ['node_modules/typescript/bin/tsc', '-p', 'apps/console/tsconfig.json', '--noEmit']));

// The build is CommonJS whose exports Node's ESM loader cannot list, so require it.
const { KubeEmulator } = createRequire(import.meta.url)('../dist/libs/testing/src/index.js');
const scratch = mkdtempSync(join(tmpdir(), 'nprod-test-'));
let emulator;
let kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) {
  emulator = await KubeEmulator.start();
  kubeconfig = join(scratch, 'kubeconfig');
  emulator.writeKubeconfig(kubeconfig);
}
console.log(`\ntest/e2e targets ${process.env.KUBECONFIG ? `KUBECONFIG=${kubeconfig}` : `the built-in Kubernetes emulator at ${emulator.url}`}`);

const report = join(scratch, 'vitest.json');
const vitestOk = await step('vitest', node, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs], { ...process.env, KUBECONFIG: kubeconfig });
await emulator?.stop();
const helmOk = await step('helm', node, ['scripts/helm-lint.mjs']);

let detail = 'no test report';
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  detail = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped of ${results.numTotalTests} tests in ${results.testResults.length} files`;
} catch {
  // The report is missing when Vitest could not start; its own output says why.
}
rmSync(scratch, { recursive: true, force: true });
finish(typecheck && vitestOk && helmOk, detail);
