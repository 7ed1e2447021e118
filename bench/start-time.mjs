#!/usr/bin/env node
// Benchmark: wall time from `npm start` to a console that answers, on a fresh clone of this
// repository (cold: npm ci, build, initdb, migrations, seed) and on a second start of the
// same clone (warm: data and build kept). Results go to bench/results/start-time.json and .md.
// Usage: node bench/start-time.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? '.', '..');
const clone = join(mkdtempSync(join(tmpdir(), 'nprod-start-')), 'nprod');
execFileSync('git', ['clone', '--quiet', root, clone]);
const port = 3900 + Math.floor(Math.random() * 50);

async function timeStart(label) {
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: clone, env: { ...process.env, PORT: String(port), DEMO_PASSWORD: 'bench-password' }, stdio: 'ignore', detached: true });
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/`).then((response) => response.ok && response.headers.get('content-type')?.includes('text/html'), () => false);
    if (ready) break;
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} during the ${label} start`);
    await new Promise((done) => setTimeout(done, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((done) => child.once('exit', done));
  console.log(`${label}: console ready after ${seconds.toFixed(1)} s`);
  return Number(seconds.toFixed(1));
}

const cold = await timeStart('cold (fresh clone)');
const warm = await timeStart('warm (second start)');
rmSync(join(clone, '..'), { recursive: true, force: true });

const result = { benchmark: 'npm start -> console answers', date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, coldSeconds: cold, warmSeconds: warm };
writeFileSync(join(root, 'bench/results/start-time.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  join(root, 'bench/results/start-time.md'),
  `# npm start -> console ready\n\n${result.date}, ${result.machine.cpus} CPUs, Node ${result.machine.node}.\n\n| start | seconds | includes |\n|---|---|---|\n` +
    `| cold, fresh clone | ${cold} | npm ci, SWC and Vite builds, initdb, migrations, seed, API, worker, emulator |\n` +
    `| warm, second start | ${warm} | PostgreSQL start, migrations check, API, worker |\n`,
);
