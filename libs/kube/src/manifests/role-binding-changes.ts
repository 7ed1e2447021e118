import type { KubernetesObject, RbacV1Subject, V1RoleBinding } from '@kubernetes/client-node';
import { LABEL_MANAGED_BY, MANAGED_BY_VALUE } from '@nprod/domain';
import { LABEL_SPACE_ROLE } from './space-manifests';

/** Selects the RoleBindings the platform makes for space roles (one list request per namespace finds them all). */
export const SPACE_ROLE_BINDINGS_SELECTOR = `${LABEL_MANAGED_BY}=${MANAGED_BY_VALUE},${LABEL_SPACE_ROLE}`;

export interface RoleBindingChanges {
  /** Desired bindings that are missing or differ from the live ones. */
  apply: V1RoleBinding[];
  /** Live bindings of the platform whose role no longer has anyone to bind. */
  remove: KubernetesObject[];
}

const subjectKey = (subject: RbacV1Subject) => [subject.kind, subject.apiGroup ?? '', subject.namespace ?? '', subject.name].join('\u0000');

/** Every key of `wanted` has the same value in `actual` (others may add labels or annotations of their own). */
const includes = (actual: Record<string, string> | undefined, wanted: Record<string, string> | undefined) =>
  Object.entries(wanted ?? {}).every(([key, value]) => actual?.[key] === value);

function differs(desired: V1RoleBinding, live: V1RoleBinding): boolean {
  const wantedSubjects = (desired.subjects ?? []).map(subjectKey).sort();
  const liveSubjects = (live.subjects ?? []).map(subjectKey).sort();
  return (
    JSON.stringify(wantedSubjects) !== JSON.stringify(liveSubjects) ||
    desired.roleRef.kind !== live.roleRef?.kind ||
    desired.roleRef.name !== live.roleRef?.name ||
    desired.roleRef.apiGroup !== live.roleRef?.apiGroup ||
    !includes(live.metadata?.labels, desired.metadata?.labels) ||
    !includes(live.metadata?.annotations, desired.metadata?.annotations)
  );
}

/**
 * What to write so the live space RoleBindings (listed with SPACE_ROLE_BINDINGS_SELECTOR)
 * match the desired ones: nothing at all when they already do, so a sync with no
 * membership change makes no write request.
 */
export function roleBindingChanges(desired: readonly V1RoleBinding[], live: readonly V1RoleBinding[]): RoleBindingChanges {
  const liveByName = new Map(live.map((binding) => [binding.metadata?.name, binding]));
  const wanted = new Set(desired.map((binding) => binding.metadata?.name));
  return {
    apply: desired.filter((binding) => {
      const current = liveByName.get(binding.metadata?.name);
      return !current || differs(binding, current);
    }),
    remove: live.filter((binding) => !wanted.has(binding.metadata?.name)),
  };
}
