import { type ClusterCapacity, type ClusterReservation, type ResourceAmounts, SpaceStatus } from '@nprod/domain';
import type { EntityManager } from 'typeorm';
import type { ClusterEntity, SpaceEntity } from '../entities';

/** SecretBox purpose of a registered cluster's kubeconfig: the api seals it, the worker opens it (owner: the cluster id). */
export const CLUSTER_CREDENTIALS_PURPOSE = 'cluster-credentials';

/** credentialsRef of a cluster whose kubeconfig is in credentialsSealed. */
export const SEALED_CREDENTIALS_REF = 'sealed';

/** Spaces in these states hold nothing on their cluster any more (gone, or never made). */
const RELEASED_SPACE_STATUSES = [SpaceStatus.Deleted, SpaceStatus.Failed];

export const NOTHING_RESERVED: ClusterReservation = Object.freeze({ cpuMillicores: 0, memoryMiB: 0, storageGiB: 0, spaces: 0 });

/**
 * What the live spaces on each cluster reserve (their sizes, their count): the one
 * definition placement and resize admission (worker) and the clusters page (api) all use. A
 * space being resized counts the larger of its size and the size it is going to, per
 * dimension (see `countedSize`). Clusters without spaces are absent from the map.
 */
export async function clusterReservations(manager: EntityManager, clusterIds: readonly string[]): Promise<Map<string, ClusterReservation>> {
  if (clusterIds.length === 0) return new Map();
  const counted = (column: string, key: keyof ResourceAmounts) => `coalesce(sum(greatest(${column}, coalesce((resizing_to->>'${key}')::int, 0))), 0)`;
  const rows = await manager.query<Array<{ cluster_id: string; spaces: string; cpu: string; memory: string; storage: string }>>(
    `SELECT cluster_id, count(*) AS spaces, ${counted('cpu_millicores', 'cpuMillicores')} AS cpu, ${counted('memory_mib', 'memoryMiB')} AS memory,
            ${counted('storage_gib', 'storageGiB')} AS storage
       FROM spaces WHERE cluster_id = ANY($1::uuid[]) AND status <> ALL($2::space_status[]) GROUP BY cluster_id`,
    [clusterIds, RELEASED_SPACE_STATUSES],
  );
  return new Map(
    rows.map((row) => [row.cluster_id, { spaces: Number(row.spaces), cpuMillicores: Number(row.cpu), memoryMiB: Number(row.memory), storageGiB: Number(row.storage) }]),
  );
}

/** What a space's cluster counts for it: its size, or per dimension the size a resize under way takes it to when larger (as `clusterReservations` sums). */
export function countedSize(space: Pick<SpaceEntity, 'cpuMillicores' | 'memoryMiB' | 'storageGiB' | 'resizingTo'>): ResourceAmounts {
  const next = space.resizingTo;
  return {
    cpuMillicores: Math.max(space.cpuMillicores, next?.cpuMillicores ?? 0),
    memoryMiB: Math.max(space.memoryMiB, next?.memoryMiB ?? 0),
    storageGiB: Math.max(space.storageGiB, next?.storageGiB ?? 0),
  };
}

/**
 * Serialises placement and resize admission with everything that changes what they may count
 * on (deleting a cluster): two spaces placed or grown at once cannot both take the last room.
 * Transaction-scoped.
 */
export async function lockClusterPlacement(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('nprod-cluster-placement'))`);
}

/** How many live spaces a cluster holds (deleting it is refused while any do). */
export async function liveSpacesOn(manager: EntityManager, clusterId: string): Promise<number> {
  return (await clusterReservations(manager, [clusterId])).get(clusterId)?.spaces ?? 0;
}

export function clusterCapacity(cluster: Pick<ClusterEntity, 'capacityCpuMillicores' | 'capacityMemoryMiB' | 'capacityStorageGiB' | 'capacityMaxSpaces'>): ClusterCapacity {
  return {
    cpuMillicores: cluster.capacityCpuMillicores,
    memoryMiB: cluster.capacityMemoryMiB,
    storageGiB: cluster.capacityStorageGiB,
    maxSpaces: cluster.capacityMaxSpaces,
  };
}
