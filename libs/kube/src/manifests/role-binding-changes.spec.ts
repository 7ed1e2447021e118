import type { V1RoleBinding } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { roleBindingChanges } from './role-binding-changes';
import { buildSpaceRoleBindings } from './space-manifests';

const input = { tenantSlug: 'akimat', spaceSlug: 'web', namespace: 't-akimat--web', orderId: 'order-1' };
const desired = buildSpaceRoleBindings({ ...input, users: { admin: ['a@x.kz', 'b@x.kz'], edit: ['e@x.kz'], view: [] } });

/** A binding as the API server returns it: server fields added, subjects possibly in another order, labels of others kept. */
const asLive = (binding: V1RoleBinding): V1RoleBinding => ({
  ...binding,
  metadata: { ...binding.metadata, uid: 'u', resourceVersion: '7', labels: { ...binding.metadata?.labels, 'team.example/owner': 'ops' } },
  subjects: [...(binding.subjects ?? [])].reverse(),
});

describe('roleBindingChanges', () => {
  it('writes nothing when the live bindings already match', () => {
    expect(roleBindingChanges(desired, desired.map(asLive))).toEqual({ apply: [], remove: [] });
  });

  it('applies only the binding whose subjects, role, labels or annotations differ, and the missing one', () => {
    const [admin, edit] = desired.map(asLive);
    expect(roleBindingChanges(desired, [{ ...admin, subjects: admin.subjects?.slice(1) }, edit]).apply).toEqual([desired[0]]);
    expect(roleBindingChanges(desired, [admin, { ...edit, roleRef: { ...edit.roleRef, name: 'view' } }]).apply).toEqual([desired[1]]);
    expect(roleBindingChanges(desired, [admin, { ...edit, metadata: { ...edit.metadata, annotations: { 'nprod.io/order-id': 'older' } } }]).apply).toEqual([desired[1]]);
    expect(roleBindingChanges(desired, [admin]).apply).toEqual([desired[1]]);
  });

  it('removes the bindings of roles left without subjects', () => {
    const stale = asLive(buildSpaceRoleBindings({ ...input, users: { view: ['v@x.kz'] } })[0]);
    expect(roleBindingChanges(desired, [...desired.map(asLive), stale])).toEqual({ apply: [], remove: [stale] });
  });
});
