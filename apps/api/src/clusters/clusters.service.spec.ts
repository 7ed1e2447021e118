import type { AppConfig } from '@nprod/config';
import { PlatformRole } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException, ErrorCode } from '../common/app-exception';
import { ClustersService } from './clusters.service';

const KUBECONFIG = `apiVersion: v1
clusters: [{ name: c, cluster: { server: "https://k8s.example:6443" } }]
users: [{ name: u, user: { token: a-service-account-token } }]
contexts: [{ name: c, context: { cluster: c, user: u } }]
current-context: c
`;

function sut(dataEncryptionKey: string | null) {
  // Nothing may reach the database in these cases: a DataSource that throws proves it.
  const db = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the database was used');
      },
    },
  ) as DataSource;
  const config = { auth: { dataEncryptionKey } } as AppConfig;
  return new ClustersService(db, new AccessPolicy(db), config);
}

const operator = { id: 'op', platformRole: PlatformRole.Operator, memberships: [] } as unknown as AuthUser;
const auditor = { id: 'au', platformRole: PlatformRole.Auditor, memberships: [] } as unknown as AuthUser;

async function refusal(promise: Promise<unknown>): Promise<AppException> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof AppException)) throw new Error(`expected an AppException, got ${String(error)}`);
  return error;
}

describe('ClustersService.register', () => {
  it('refuses to store credentials without DATA_ENCRYPTION_KEY, saying what to set, before storing anything', async () => {
    const error = await refusal(sut(null).register(operator, { name: 'kz-1', regions: ['almaty'], kubeconfig: KUBECONFIG }));
    expect(error.code).toBe(ErrorCode.Forbidden);
    expect(error.message).toContain('DATA_ENCRYPTION_KEY is not set on the API');
  });

  it('refuses auditors before looking at the arguments', async () => {
    const error = await refusal(sut('k'.repeat(32)).register(auditor, { name: 'kz-1', regions: ['almaty'], kubeconfig: KUBECONFIG }));
    expect(error.code).toBe(ErrorCode.Forbidden);
  });

  it('names the field of bad capacity, qps, name or missing credentials', async () => {
    const service = sut('k'.repeat(32));
    const base = { name: 'kz-1', regions: ['almaty'], kubeconfig: KUBECONFIG };
    expect((await refusal(service.register(operator, { ...base, capacityMemoryMiB: -5 }))).details.field).toBe('capacityMemoryMiB');
    expect((await refusal(service.register(operator, { ...base, qps: 0 }))).details.field).toBe('qps');
    expect((await refusal(service.register(operator, { ...base, name: 'KZ 1' }))).details.field).toBe('name');
    expect((await refusal(service.register(operator, { ...base, regions: [] }))).details.field).toBe('regions');
    expect((await refusal(service.register(operator, { ...base, kubeconfig: null }))).details.field).toBe('kubeconfig');
    expect((await refusal(service.register(operator, { ...base, kubeconfig: null, token: 'a-service-account-token' }))).details.field).toBe('apiUrl');
  });
});
