/** Which name rule the real API server applies to `metadata.name` of a resource. */
export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label';

export interface ResourceDefinition {
  /** API group; '' is the core group served under /api. */
  group: string;
  version: string;
  /** Plural resource name as it appears in URLs. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: readonly string[];
  shortNames?: readonly string[];
  nameRule: NameRule;
  /** Resources with a status subresource ignore `status` on writes to the main resource. */
  hasStatus: boolean;
  /** False for resources the emulator only lists (pods: nothing creates them here). */
  writable: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

function resource(definition: Omit<ResourceDefinition, 'verbs' | 'writable'> & { verbs?: readonly string[]; writable?: boolean }): ResourceDefinition {
  return { verbs: ALL_VERBS, writable: true, ...definition };
}

export const RESOURCES: readonly ResourceDefinition[] = [
  resource({ group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], nameRule: 'dns1123-label', hasStatus: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  resource({ group: '', version: 'v1', plural: 'resourcequotas', singular: 'resourcequota', kind: 'ResourceQuota', namespaced: true, shortNames: ['quota'], nameRule: 'dns1123-subdomain', hasStatus: true }),
  resource({ group: '', version: 'v1', plural: 'limitranges', singular: 'limitrange', kind: 'LimitRange', namespaced: true, shortNames: ['limits'], nameRule: 'dns1123-subdomain', hasStatus: false }),
  resource({ group: '', version: 'v1', plural: 'secrets', singular: 'secret', kind: 'Secret', namespaced: true, nameRule: 'dns1123-subdomain', hasStatus: false }),
  resource({ group: '', version: 'v1', plural: 'configmaps', singular: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], nameRule: 'dns1123-subdomain', hasStatus: false }),
  resource({ group: '', version: 'v1', plural: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], nameRule: 'dns1035-label', hasStatus: true }),
  resource({ group: '', version: 'v1', plural: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], nameRule: 'dns1123-subdomain', hasStatus: false }),
  resource({ group: '', version: 'v1', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'], nameRule: 'dns1123-subdomain', hasStatus: true }),
  resource({ group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], nameRule: 'dns1123-subdomain', hasStatus: true, verbs: ['get', 'list'], writable: false }),
  resource({ group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], nameRule: 'dns1123-subdomain', hasStatus: true }),
  resource({ group: 'apps', version: 'v1', plural: 'statefulsets', singular: 'statefulset', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], nameRule: 'dns1123-subdomain', hasStatus: true }),
  resource({ group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', singular: 'networkpolicy', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'], nameRule: 'dns1123-subdomain', hasStatus: false }),
  resource({ group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', singular: 'ingress', kind: 'Ingress', namespaced: true, shortNames: ['ing'], nameRule: 'dns1123-subdomain', hasStatus: true }),
  resource({ group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', singular: 'role', kind: 'Role', namespaced: true, nameRule: 'dns1123-subdomain', hasStatus: false }),
  resource({ group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', singular: 'rolebinding', kind: 'RoleBinding', namespaced: true, nameRule: 'dns1123-subdomain', hasStatus: false }),
];

export function groupVersionOf(definition: ResourceDefinition): string {
  return definition.group === '' ? definition.version : `${definition.group}/${definition.version}`;
}

/** The qualified resource the real server names in messages: `deployments.apps`, or `configmaps` in the core group. */
export function qualifiedResourceName(definition: ResourceDefinition): string {
  return definition.group === '' ? definition.plural : `${definition.plural}.${definition.group}`;
}

export function findResource(group: string, version: string, plural: string): ResourceDefinition | undefined {
  return RESOURCES.find((candidate) => candidate.group === group && candidate.version === version && candidate.plural === plural);
}

export function resourcesOfGroupVersion(group: string, version: string): ResourceDefinition[] {
  return RESOURCES.filter((candidate) => candidate.group === group && candidate.version === version);
}

export function apiGroups(): Array<{ name: string; version: string }> {
  const seen = new Map<string, string>();
  for (const definition of RESOURCES) {
    if (definition.group !== '') seen.set(definition.group, definition.version);
  }
  return [...seen].map(([name, version]) => ({ name, version }));
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Returns the real API server's complaints about a name (messages copied from apimachinery validation). */
export function nameProblems(name: string, rule: NameRule): string[] {
  const problems: string[] = [];
  switch (rule) {
    case 'dns1123-label':
      if (name.length > 63) problems.push('must be no more than 63 characters');
      if (!DNS1123_LABEL.test(name)) {
        problems.push(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        );
      }
      break;
    case 'dns1123-subdomain':
      if (name.length > 253) problems.push('must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(name)) {
        problems.push(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        );
      }
      break;
    case 'dns1035-label':
      if (name.length > 63) problems.push('must be no more than 63 characters');
      if (!DNS1035_LABEL.test(name)) {
        problems.push(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        );
      }
      break;
  }
  return problems;
}
