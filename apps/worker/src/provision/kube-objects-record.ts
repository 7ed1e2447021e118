import { InstanceEntity, SpaceEntity } from '@nprod/database';
import { mergeKubeObservations, type KubeObjectObservation } from '@nprod/domain';
import type { KubeObjectStatus } from '@nprod/kube';
import type { EntityManager } from 'typeorm';

/**
 * Stores what was just observed of the objects of an instance or a space, only when a state
 * or message changed, so a quiet periodic reconcile writes nothing.
 */
export async function recordKubeObjects(
  manager: EntityManager,
  target: typeof InstanceEntity | typeof SpaceEntity,
  row: { id: string; kubeObjects: KubeObjectObservation[] },
  observed: KubeObjectStatus[],
): Promise<void> {
  const kubeObjects = mergeKubeObservations(row.kubeObjects, observed, new Date());
  if (kubeObjects) await manager.getRepository<InstanceEntity | SpaceEntity>(target).update({ id: row.id }, { kubeObjects });
}
