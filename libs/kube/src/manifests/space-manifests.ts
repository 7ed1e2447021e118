import {
  ANNOTATION_ORDER,
  LABEL_MANAGED_BY,
  LABEL_SPACE,
  LABEL_TENANT,
  MANAGED_BY_VALUE,
  type ResourceAmounts,
  TenantRole,
  validateSize,
} from '@nprod/domain';
import type {
  V1LimitRange,
  V1Namespace,
  V1NetworkPolicy,
  V1ObjectMeta,
  V1ResourceQuota,
  V1RoleBinding,
} from '@kubernetes/client-node';
import { formatCpu, formatMemory, formatStorage } from './quantity';

export const DEFAULT_INGRESS_NAMESPACE = 'ingress-nginx';
export const DEFAULT_MAX_PODS = 50;
export const DEFAULT_MAX_PVCS = 10;

/** The ClusterRoles a tenant's groups are bound to inside a space, weakest last. */
export type SpaceRole = 'admin' | 'edit' | 'view';

export const SPACE_ROLES: readonly SpaceRole[] = ['admin', 'edit', 'view'];

/** Label on each space RoleBinding naming its ClusterRole, so bindings left without subjects can be deleted by label. */
export const LABEL_SPACE_ROLE = 'nprod.io/space-role';

const SPACE_ROLE_OF_TENANT_ROLE: Record<TenantRole, SpaceRole> = {
  [TenantRole.Owner]: 'admin',
  [TenantRole.Admin]: 'admin',
  [TenantRole.Member]: 'edit',
  [TenantRole.Viewer]: 'view',
};

/** The ClusterRole a tenant role grants inside the tenant's spaces. */
export function spaceRoleOf(role: TenantRole): SpaceRole {
  return SPACE_ROLE_OF_TENANT_ROLE[role];
}

/** One person's access to a space: their Kubernetes user name (the email) and the strongest role they hold. */
export interface SpaceAccessMember {
  readonly username: string;
  readonly role: SpaceRole;
}

/**
 * Kubernetes user names per ClusterRole. A person who qualifies for several roles (a MEMBER
 * of the municipality who is also ADMIN of its agency) is bound once, with the strongest.
 */
export function spaceUsersByRole(members: readonly SpaceAccessMember[]): Record<SpaceRole, string[]> {
  const strongest = new Map<string, SpaceRole>();
  for (const member of members) {
    const current = strongest.get(member.username);
    if (current === undefined || SPACE_ROLES.indexOf(member.role) < SPACE_ROLES.indexOf(current)) strongest.set(member.username, member.role);
  }
  const result: Record<SpaceRole, string[]> = { admin: [], edit: [], view: [] };
  for (const [username, role] of strongest) result[role].push(username);
  for (const role of SPACE_ROLES) result[role].sort();
  return result;
}

export interface SpaceManifestInput {
  readonly tenantSlug: string;
  readonly spaceSlug: string;
  /** Usually `spaceNamespaceName(tenantSlug, spaceSlug)`. */
  readonly namespace: string;
  /** Written to every object as the `nprod.io/order-id` annotation. */
  readonly orderId: string;
  /** The space's capacity; requests and limits quotas are both set to it (no overcommit). */
  readonly size: ResourceAmounts;
  /** Pod count limit; default DEFAULT_MAX_PODS. */
  readonly maxPods?: number;
  /** PersistentVolumeClaim count limit; default DEFAULT_MAX_PVCS. */
  readonly maxPvcs?: number;
  /** Namespace of the ingress controller allowed to reach the space's pods; default DEFAULT_INGRESS_NAMESPACE. */
  readonly ingressNamespace?: string;
  /** Identity-provider groups per role; a role with no groups and no users gets no RoleBinding. */
  readonly groups?: Readonly<Partial<Record<SpaceRole, readonly string[]>>>;
  /** Kubernetes user names (the OIDC username claim: the email) per role; see docs/decisions/0007. */
  readonly users?: Readonly<Partial<Record<SpaceRole, readonly string[]>>>;
}

/** What the RoleBindings of a space need; `buildSpaceRoleBindings` alone re-applies access without touching the rest. */
export type SpaceAccessInput = Pick<SpaceManifestInput, 'tenantSlug' | 'spaceSlug' | 'namespace' | 'orderId' | 'groups' | 'users'>;

/**
 * These objects use `@kubernetes/client-node`'s model field names (`_default` in a
 * LimitRange, `_from` in a NetworkPolicy rule): send them through its KubernetesObjectApi
 * (or `dumpYaml`), which serializes them to the API's names, never as raw JSON.
 */
export type SpaceManifest = V1Namespace | V1ResourceQuota | V1LimitRange | V1NetworkPolicy | V1RoleBinding;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function assertNamespaceName(name: string, field: string): void {
  if (name.length > 63 || !DNS_1123_LABEL.test(name)) {
    throw new RangeError(`${field} "${name}" is not a valid namespace name (DNS-1123 label, at most 63 characters)`);
  }
}

// An unsized container gets an eighth of the space, so about eight fit, capped so a large
// space does not hand out huge defaults. Request equals limit because the quota sets
// requests and limits to the same total: a higher default limit would only let the limits
// quota run out first.
const DEFAULT_SHARE_DIVISOR = 8;
const DEFAULT_CPU_CAP_MILLICORES = 1000;
const DEFAULT_MEMORY_CAP_MIB = 2048;

function containerDefault(total: number, cap: number): number {
  return Math.max(1, Math.min(Math.floor(total / DEFAULT_SHARE_DIVISOR), cap));
}

/**
 * Desired state of a space, in apply order: Namespace, ResourceQuota, LimitRange (before any
 * pod can be admitted), NetworkPolicies, then RoleBindings (access last, once isolation is in
 * place). Every object carries the tenant, space and managed-by labels and the order id.
 * Throws a RangeError for an invalid size or namespace name.
 */
export function buildSpaceManifests(input: SpaceManifestInput): SpaceManifest[] {
  const sizeCheck = validateSize(input.size);
  if (!sizeCheck.ok) throw new RangeError(sizeCheck.message);
  const ingressNamespace = input.ingressNamespace ?? DEFAULT_INGRESS_NAMESPACE;
  assertNamespaceName(input.namespace, 'namespace');
  assertNamespaceName(ingressNamespace, 'ingressNamespace');

  const labels = {
    [LABEL_TENANT]: input.tenantSlug,
    [LABEL_SPACE]: input.spaceSlug,
    [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
  };
  const metadata = (name: string): V1ObjectMeta => ({
    name,
    namespace: input.namespace,
    labels: { ...labels },
    annotations: { [ANNOTATION_ORDER]: input.orderId },
  });

  const { cpuMillicores, memoryMiB, storageGiB } = input.size;
  const cpu = formatCpu(cpuMillicores);
  const memory = formatMemory(memoryMiB);
  const containerDefaults = {
    cpu: formatCpu(containerDefault(cpuMillicores, DEFAULT_CPU_CAP_MILLICORES)),
    memory: formatMemory(containerDefault(memoryMiB, DEFAULT_MEMORY_CAP_MIB)),
  };

  const namespace: V1Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: input.namespace,
      labels: {
        ...labels,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
      annotations: { [ANNOTATION_ORDER]: input.orderId },
    },
  };

  const resourceQuota: V1ResourceQuota = {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: metadata('space-quota'),
    spec: {
      hard: {
        'requests.cpu': cpu,
        'limits.cpu': cpu,
        'requests.memory': memory,
        'limits.memory': memory,
        'requests.storage': formatStorage(storageGiB),
        persistentvolumeclaims: String(input.maxPvcs ?? DEFAULT_MAX_PVCS),
        pods: String(input.maxPods ?? DEFAULT_MAX_PODS),
        'services.nodeports': '0',
        'services.loadbalancers': '0',
      },
    },
  };

  const limitRange: V1LimitRange = {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: metadata('space-defaults'),
    spec: {
      limits: [
        {
          type: 'Container',
          _default: { ...containerDefaults },
          defaultRequest: { ...containerDefaults },
          max: { cpu, memory },
        },
      ],
    },
  };

  const networkPolicy = (name: string, spec: V1NetworkPolicy['spec']): V1NetworkPolicy => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(name),
    spec,
  });
  const networkPolicies = [
    networkPolicy('default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
    networkPolicy('allow-same-namespace', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ _from: [{ podSelector: {} }] }],
    }),
    networkPolicy('allow-from-ingress-controller', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ _from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ingressNamespace } } }] }],
    }),
  ];

  return [namespace, resourceQuota, limitRange, ...networkPolicies, ...buildSpaceRoleBindings(input)];
}

/**
 * One RoleBinding per ClusterRole that has subjects: `space-admin`, `space-edit`, `space-view`,
 * labelled with LABEL_SPACE_ROLE. Roles without subjects get none, so a sync deletes the
 * bindings that lost their last subject (see roleBindingChanges).
 */
export function buildSpaceRoleBindings(input: SpaceAccessInput): V1RoleBinding[] {
  assertNamespaceName(input.namespace, 'namespace');
  return SPACE_ROLES.flatMap((role): V1RoleBinding[] => {
    // Sorted and de-duplicated so the same subjects always apply as the same object.
    const groups = [...new Set(input.groups?.[role] ?? [])].sort();
    const users = [...new Set(input.users?.[role] ?? [])].sort();
    if (groups.length === 0 && users.length === 0) return [];
    return [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: {
          name: `space-${role}`,
          namespace: input.namespace,
          labels: { [LABEL_TENANT]: input.tenantSlug, [LABEL_SPACE]: input.spaceSlug, [LABEL_MANAGED_BY]: MANAGED_BY_VALUE, [LABEL_SPACE_ROLE]: role },
          annotations: { [ANNOTATION_ORDER]: input.orderId },
        },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [
          ...groups.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
          ...users.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
        ],
      },
    ];
  });
}
