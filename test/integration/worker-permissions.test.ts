import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadAllYaml, type V1ClusterRole } from '@kubernetes/client-node';
import type { KubeEmulator, RequestLogEntry } from '@nprod/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconcileService } from '../../apps/worker/src/reconcile/reconcile.service';
// @ts-expect-error: a plain ES module script without type declarations
import { ensureHelm } from '../../scripts/helm-binary.mjs';
import { offeringId, orderSettles, SUBMIT_ORDER } from '../support/order-fixtures';
import { eventually, startEmulatedPlatform, type EmulatedPlatform, type Platform } from '../support/platform-harness';
import type { Tenancy } from '../support/tenancy-fixture';

/**
 * The worker's ClusterRole in helm/ lists exactly what the worker uses: every request the worker
 * makes during a whole lifecycle (space, instances of a StatefulSet and a Deployment kind, resize,
 * reconcile, RBAC sync, decommission, space resize and delete, health probes) is allowed by the
 * rendered ClusterRole, and every permission the ClusterRole grants was needed by some request.
 */
const run = promisify(execFile);
let stack: EmulatedPlatform;
let emulator: KubeEmulator;
let platform: Platform;
let t: Tenancy;

/** A permission as RBAC spells it: `group/resource:verb` (group empty for the core API). */
type Permission = string;
const permission = (group: string, resource: string, verb: string): Permission => `${group}/${resource}:${verb}`;

/**
 * What RBAC checks for one request. Server-side apply is a PATCH that creates the object when it
 * is missing, and a real API server then checks `create` as well, so an apply needs both.
 */
function permissionsOf(request: RequestLogEntry): Permission[] | 'non-resource' {
  const match = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?(?:\/([^/]+))?(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return 'non-resource';
  const [, group = '', namespace, resource, name, subresource] = match;
  // `/api/v1/namespaces/x` is the namespace x itself, not something inside it.
  const [kind, object] = namespace !== undefined && resource === undefined ? ['namespaces', namespace] : [resource, name];
  if (!kind) return 'non-resource';
  const full = subresource ? `${kind}/${subresource}` : kind;
  const watching = /(^|&)watch=(1|true)/.test(request.query);
  switch (request.method) {
    case 'GET':
      return [permission(group, full, object ? 'get' : watching ? 'watch' : 'list')];
    case 'POST':
      return [permission(group, full, 'create')];
    case 'PUT':
      return [permission(group, full, 'update')];
    case 'PATCH':
      return request.fieldManager ? [permission(group, full, 'patch'), permission(group, full, 'create')] : [permission(group, full, 'patch')];
    case 'DELETE':
      return [permission(group, full, object ? 'delete' : 'deletecollection')];
    default:
      return [permission(group, full, request.method.toLowerCase())];
  }
}

/** The permissions the chart's worker ClusterRole grants, rendered by the real Helm binary. */
async function chartPermissions(): Promise<{ granted: Set<Permission>; escalation: Set<Permission> }> {
  const helm: string = await ensureHelm();
  const { stdout } = await run(helm, ['template', 'nprod', 'helm/nprod', '--namespace', 'nprod', '--show-only', 'templates/worker-clusterrole.yaml'], { cwd: process.cwd() });
  const role = (loadAllYaml(stdout) as V1ClusterRole[]).find((object) => object?.kind === 'ClusterRole');
  if (!role?.rules?.length) throw new Error('the chart rendered no worker ClusterRole');
  const granted = new Set<Permission>();
  const escalation = new Set<Permission>();
  for (const rule of role.rules) {
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs) {
          // `bind` is checked by the API server when a RoleBinding is written, never requested itself.
          (verb === 'bind' ? escalation : granted).add(permission(group, resource, verb));
        }
      }
    }
  }
  return { granted, escalation };
}

beforeAll(async () => {
  stack = await startEmulatedPlatform({ RECONCILE_INTERVAL_SECONDS: '3600', PROVISION_TIMEOUT_SECONDS: '20', INSTANCE_HOSTNAME_SUFFIX: 'apps.test.nprod.local' }, { readinessDelayMs: 10 });
  ({ emulator, platform, t } = stack);
});

afterAll(() => stack?.stop());

describe('the worker ClusterRole shipped in helm/', () => {
  it('allows every request of a whole lifecycle, and grants nothing that lifecycle did not need', async () => {
    const owner = t.clients.owner;
    const { createSpace } = await owner.data(
      `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Apps", slug: "apps", cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 100, idempotencyKey: "perm-space") { id } }`,
      { tenantId: t.own.id },
    );
    const spaceId = createSpace.id;
    await eventually(async () => ((await owner.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: spaceId })).Space.status === 'ACTIVE' ? true : undefined), 'the space to become ACTIVE');

    const order = async (offering: string, planKey: string, name: string, parameters: Record<string, unknown>) => {
      const { submitOrder } = await owner.data(SUBMIT_ORDER, { tenantId: t.own.id, offeringId: await offeringId(owner, offering), planKey, spaceId, name, parameters, key: `perm-${name}` });
      await orderSettles(owner, submitOrder.id);
      return submitOrder.instanceId as string;
    };
    const database = await order('postgresql', 'small', 'ledger', {});
    const app = await order('container-app', 's', 'web', { image: 'registry.example/web:1.0' });

    const { resizeInstance } = await owner.data(`mutation($id: ID!) { resizeInstance(id: $id, planKey: "medium") { id } }`, { id: database });
    await orderSettles(owner, resizeInstance.id);
    await platform.worker.context.get(ReconcileService).reconcileAll();

    // A membership ending leaves a role with nobody in it: its RoleBinding is deleted.
    const { allMemberships } = await t.clients.operator.data(`query($tenantId: ID!) { allMemberships(filter: { tenantId: $tenantId, role: VIEWER }) { id } }`, { tenantId: t.own.id });
    await t.clients.operator.data(`mutation($id: ID!) { deleteMembership(id: $id) { id } }`, { id: allMemberships[0].id });
    await eventually(async () => (emulator.requests.some((request) => request.method === 'DELETE' && request.path.includes('/rolebindings/')) ? true : undefined), 'the RBAC sync to delete the emptied RoleBinding');

    for (const instance of [app, database]) {
      const { decommissionInstance } = await owner.data(`mutation($id: ID!) { decommissionInstance(id: $id) { id } }`, { id: instance });
      await orderSettles(owner, decommissionInstance.id);
    }
    const { resizeSpace } = await owner.data(`mutation($id: ID!) { resizeSpace(id: $id, parameters: { cpuMillicores: 9000 }) { id } }`, { id: spaceId });
    await orderSettles(owner, resizeSpace.id);
    const { deleteSpace } = await owner.data(`mutation($id: ID!) { deleteSpace(id: $id) { id } }`, { id: spaceId });
    await orderSettles(owner, deleteSpace.id);

    const used = new Set<Permission>();
    const nonResource = new Set<string>();
    for (const request of emulator.requests) {
      const needed = permissionsOf(request);
      if (needed === 'non-resource') nonResource.add(request.path);
      else needed.forEach((entry) => used.add(entry));
    }
    const { granted, escalation } = await chartPermissions();

    expect([...used].filter((entry) => !granted.has(entry)).sort(), 'requests the ClusterRole would refuse').toEqual([]);
    expect([...granted].filter((entry) => !used.has(entry)).sort(), 'permissions granted but never used').toEqual([]);
    // Only discovery and health paths, which every authenticated client may read without a rule.
    expect([...nonResource].filter((path) => !/^\/(api|apis|version|readyz|livez|healthz)(\/|$)/.test(path) || /namespaces/.test(path))).toEqual([]);
    // Binding the built-in roles is the one escalation the worker needs, for tenant RoleBindings.
    expect([...escalation].sort()).toEqual(['rbac.authorization.k8s.io/clusterroles:bind']);
  });
});
