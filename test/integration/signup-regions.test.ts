import { ClusterEntity, TenantEntity } from '@nprod/database';
import { registryNumberWithCheckDigit } from '@nprod/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import { startApiStack, stopApiStack, type ApiStack } from '../support/api-stack';

/**
 * Which regions the public sign-up offers and accepts (the clusters that take new spaces, plus the
 * configured one), which the console's forms offer signed-in users (every registered cluster's,
 * cordoned too, plus the configured one), and when the sandbox banner shows (a sandbox cluster
 * that takes or hosts spaces).
 */
let stack: ApiStack;

const SIGN_UP = `mutation($region: String!, $email: String!, $registryNumber: String!) {
  signUp(kind: BUSINESS, name: "Regional LLP", email: $email, password: "a long enough passphrase", registryNumber: $registryNumber, region: $region, displayName: "Aida Region") {
    user { memberships { tenantId } }
  }
}`;

/** A BIN with a valid check digit for each call. */
let nextBin = 0;
function bin(): string {
  for (;;) {
    try {
      return registryNumberWithCheckDigit(`1908405${String(nextBin++).padStart(4, '0')}`);
    } catch {
      // no check digit for this number: such numbers are never issued
    }
  }
}

const REGIONS = '{ regions }';
const regions = async () => (await stack.api.client().data<{ signUpRegions: string[] }>('{ signUpRegions }')).signUpRegions;
const sandboxBanner = async () => (await stack.api.client().data<{ platformInfo: { sandboxCluster: boolean } }>('{ platformInfo { sandboxCluster } }')).platformInfo.sandboxCluster;
const signUp = (region: string) => stack.api.client().request(SIGN_UP, { region, email: `owner-${nextBin}@region.kz`, registryNumber: bin() });

async function addCluster(name: string, clusterRegions: string[], options: { cordoned?: boolean; sandbox?: boolean } = {}): Promise<string> {
  const clusters = stack.db.getRepository(ClusterEntity);
  await clusters.insert({ name, regions: clusterRegions, apiUrl: `https://${name}.example:6443`, credentialsRef: 'in-cluster', cordoned: options.cordoned ?? false, sandbox: options.sandbox ?? false });
  return (await clusters.findOneByOrFail({ name })).id;
}

beforeAll(async () => {
  stack = await startApiStack({ KUBE_CLUSTER_REGIONS: 'almaty' });
});

afterAll(() => stopApiStack(stack ?? {}));

describe('sign-up regions', () => {
  it('offers the configured regions and those of clusters that take new spaces, and accepts only these', async () => {
    expect(await regions()).toEqual(['almaty']);
    await addCluster('east', ['shymkent', 'astana']);
    await addCluster('west', ['aktobe'], { cordoned: true });
    expect(await regions()).toEqual(['almaty', 'astana', 'shymkent']);

    const tenantsBefore = await stack.db.getRepository(TenantEntity).count();
    const refused = await signUp('aktobe');
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'region' }, message: 'region must be one of almaty, astana, shymkent, got "aktobe".' });
    expect(await stack.db.getRepository(TenantEntity).count()).toBe(tenantsBefore);

    const accepted = await signUp('astana');
    expect(accepted.errors).toBeUndefined();
    const tenantId = (accepted.data as { signUp: { user: { memberships: Array<{ tenantId: string }> } } }).signUp.user.memberships[0].tenantId;
    expect(await stack.db.getRepository(TenantEntity).findOneByOrFail({ id: tenantId })).toMatchObject({ region: 'astana', status: 'PENDING' });
  });

  it('stops offering the regions of a cluster once it is cordoned', async () => {
    await stack.db.getRepository(ClusterEntity).update({ name: 'east' }, { cordoned: true, cordonReason: 'maintenance' });
    expect(await regions()).toEqual(['almaty']);
    expect((await signUp('shymkent')).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'region' } });
  });
});

describe('regions for signed-in users', () => {
  it('lists the regions of every registered cluster, cordoned ones too, and the configured ones, to any signed-in user', async () => {
    // Both clusters are cordoned by now (see above): sign-up offers only the configured region.
    expect(await regions()).toEqual(['almaty']);
    await addCluster('north', ['kostanay', 'almaty']);
    const admin = stack.api.client();
    await admin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    expect((await admin.data<{ regions: string[] }>(REGIONS)).regions).toEqual(['aktobe', 'almaty', 'astana', 'kostanay', 'shymkent']);
  });

  it('refuses callers who are not signed in', async () => {
    const anonymous = await stack.api.client().request(REGIONS);
    expect(anonymous.data ?? null).toBeNull();
    expect(anonymous.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('sandbox banner', () => {
  it('shows while a sandbox cluster takes new spaces or still hosts spaces, cordoned or not', async () => {
    expect(await sandboxBanner()).toBe(false);
    const sandboxId = await addCluster('sandbox', ['almaty'], { sandbox: true });
    expect(await sandboxBanner()).toBe(true);

    await stack.db.getRepository(ClusterEntity).update({ id: sandboxId }, { cordoned: true, cordonReason: 'no new spaces here' });
    expect(await sandboxBanner()).toBe(false);

    const admin = stack.api.client();
    await admin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    const tenantId = (await admin.data<{ allTenants: Array<{ id: string }> }>('query($q: String!) { allTenants(filter: { q: $q }) { id } }', { q: DEMO_AGENCY_SLUG })).allTenants[0].id;
    const { createSpace } = await admin.data<{ createSpace: { id: string } }>(
      'mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "On the sandbox", slug: "on-sandbox", cpuMillicores: 500, memoryMiB: 512, storageGiB: 5) { id } }',
      { tenantId },
    );
    // Placed there before the cordon, as the worker would have: what runs there is still not real.
    await stack.db.query('UPDATE spaces SET cluster_id = $1 WHERE id = $2', [sandboxId, createSpace.id]);
    expect(await sandboxBanner()).toBe(true);

    await stack.db.query(`UPDATE spaces SET status = 'DELETED' WHERE id = $1`, [createSpace.id]);
    expect(await sandboxBanner()).toBe(false);
  });
});
