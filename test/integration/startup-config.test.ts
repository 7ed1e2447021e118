import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const entries = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];

describe.each(entries)('%s with a wrong environment', (entry) => {
  it('stops at once and names each wrong variable and what it expects', () => {
    expect(existsSync(entry), `${entry} is missing: run node scripts/build.mjs first (npm test does)`).toBe(true);
    const result = spawnSync(process.execPath, [entry], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://db', JWT_SECRET: 'short', QUEUE_BACKEND: 'kafka' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('DATABASE_URL expected a URL starting with postgres://');
    expect(result.stderr).toContain('JWT_SECRET must be at least 32 characters long');
    expect(result.stderr).toContain('QUEUE_BACKEND expected postgres or redis');
  });
});
