// Installs what a fresh clone needs, so `npm start` and `npm test` work with no manual step:
// npm packages when node_modules is missing or older than the lockfile, and Debian packages
// (redis-server, chromium) when asked for and missing.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function ensureNodeModules(root) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // `npm install --no-save` rather than `npm ci`: the lockfile cannot list optional
  // packages for other platforms when the registry mirror lacks them, which `npm ci` rejects.
  // With the lockfile present, install still pins the same versions and leaves it untouched.
  console.log('setup: installing npm dependencies...');
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund'], root);
}

const hasCommand = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** packages: { command: debianPackage } */
export function ensureDebianPackages(packages) {
  const missing = Object.entries(packages).filter(([command]) => !hasCommand(command)).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !hasCommand('apt-get')) {
    throw new Error(`Missing ${missing.join(', ')}: install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`setup: installing ${missing.join(', ')} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env }).status !== 0) {
    run('apt-get', ['update'], undefined, env);
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], undefined, env);
  }
}

export function run(command, args, cwd, env = process.env) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}
