import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './app-config';

const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/nprod', JWT_SECRET: 'x'.repeat(32) };

describe('parseConfig', () => {
  it('applies defaults and picks the emulator when no cluster is configured', () => {
    const config = parseConfig(valid);
    expect(config.http.port).toBe(3000);
    expect(config.queue).toEqual({ backend: 'postgres', databaseUrl: valid.DATABASE_URL });
    expect(config.kubernetes.source).toEqual({ kind: 'emulator', port: 0 });
    expect(config.kubernetes.clusterRegions).toEqual(['almaty', 'astana', 'shymkent']);
  });

  it('names each wrong variable and what it expects', () => {
    try {
      parseConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', QUEUE_BACKEND: 'redis' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('DATABASE_URL expected a URL starting with postgres://');
      expect(message).toMatch(/PORT .*\(currently "eighty"\)/);
      expect(message).toContain('JWT_SECRET is required');
      expect(message).not.toContain('mysql://x');
    }
  });

  it('requires REDIS_URL only for the Redis backend', () => {
    expect(() => parseConfig({ ...valid, QUEUE_BACKEND: 'redis' })).toThrow(/REDIS_URL is required when QUEUE_BACKEND=redis/);
    expect(parseConfig({ ...valid, QUEUE_BACKEND: 'redis', REDIS_URL: 'redis://h:1' }).queue).toEqual({ backend: 'redis', redisUrl: 'redis://h:1' });
  });

  it('reads the sign-in security settings, and needs DATA_ENCRYPTION_KEY for mandatory TOTP', () => {
    expect(parseConfig(valid).auth).toMatchObject({ dataEncryptionKey: null, requireTotpForOperators: false, loginRatePerMinute: 10, loginBurst: 20 });
    expect(() => parseConfig({ ...valid, REQUIRE_TOTP_FOR_OPERATORS: 'true' })).toThrow(/DATA_ENCRYPTION_KEY is required when REQUIRE_TOTP_FOR_OPERATORS=true/);
    const short = () => parseConfig({ ...valid, DATA_ENCRYPTION_KEY: 'too-short-secret' });
    expect(short).toThrow(/DATA_ENCRYPTION_KEY must be at least 32 characters long.*\(currently set \(hidden\)\)/);
    expect(short).not.toThrow(/too-short-secret/);
    const key = 'k'.repeat(32);
    expect(parseConfig({ ...valid, DATA_ENCRYPTION_KEY: key, REQUIRE_TOTP_FOR_OPERATORS: 'true', LOGIN_BURST: '5' }).auth).toMatchObject({ dataEncryptionKey: key, requireTotpForOperators: true, loginBurst: 5 });
  });

  it('accepts a kubeconfig or in-cluster credentials, not both', () => {
    expect(parseConfig({ ...valid, KUBECONFIG: '/k' }).kubernetes.source).toEqual({ kind: 'kubeconfig', path: '/k' });
    expect(parseConfig({ ...valid, KUBE_IN_CLUSTER: 'true' }).kubernetes.source).toEqual({ kind: 'in-cluster' });
    expect(() => parseConfig({ ...valid, KUBECONFIG: '/k', KUBE_IN_CLUSTER: 'true' })).toThrow(/KUBE_IN_CLUSTER cannot be true/);
  });

  it('reads how often workers look for stalled jobs, within bounds', () => {
    expect(parseConfig(valid).worker.stalledIntervalMs).toBe(15_000);
    expect(parseConfig({ ...valid, WORKER_STALLED_INTERVAL_MS: '1000' }).worker.stalledIntervalMs).toBe(1000);
    expect(() => parseConfig({ ...valid, WORKER_STALLED_INTERVAL_MS: '100' })).toThrow(/WORKER_STALLED_INTERVAL_MS must be at least 500/);
    expect(() => parseConfig({ ...valid, WORKER_STALLED_INTERVAL_MS: 'soon' })).toThrow(/WORKER_STALLED_INTERVAL_MS/);
  });
});
