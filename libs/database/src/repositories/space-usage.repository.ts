import { InstanceStatus, OrderAction, OrderTarget, TERMINAL_ORDER_STATUSES, ZERO_AMOUNTS, type ResourceAmounts } from '@nprod/domain';
import type { EntityManager } from 'typeorm';

/** Instance statuses that hold a name and their footprint in their space (a deleted instance frees both). */
export const LIVE_INSTANCE_STATUSES: readonly InstanceStatus[] = [
  InstanceStatus.Provisioning,
  InstanceStatus.Active,
  InstanceStatus.Degraded,
  InstanceStatus.Decommissioning,
  InstanceStatus.Failed,
];

interface UseRow {
  space_id: string;
  cpu_millicores: string;
  memory_mib: string;
  storage_gib: string;
}

/**
 * What the instances of each space use of it: the footprints of its live instances plus the
 * growth reserved by its open instance resizes (an instance's columns change only when its
 * resize completes). Computed from the instances and orders themselves, so a failed, rejected
 * or cancelled order stops counting the moment it ends and nothing has to be given back.
 * A FAILED instance still counts: its volumes may still be bound in the namespace.
 * `exceptInstanceId` leaves out one instance (the one an order being drafted just recorded).
 * Callers that decide on this lock the space row first, so concurrent orders queue.
 */
export async function spaceInstancesUse(manager: EntityManager, spaceIds: readonly string[], exceptInstanceId?: string): Promise<Map<string, ResourceAmounts>> {
  const result = new Map<string, ResourceAmounts>(spaceIds.map((id) => [id, ZERO_AMOUNTS]));
  if (spaceIds.length === 0) return result;
  const rows = await manager.query<UseRow[]>(
    `SELECT s.id AS space_id,
            COALESCE(i.cpu, 0) + COALESCE(o.cpu, 0) AS cpu_millicores,
            COALESCE(i.memory, 0) + COALESCE(o.memory, 0) AS memory_mib,
            COALESCE(i.storage, 0) + COALESCE(o.storage, 0) AS storage_gib
     FROM unnest($1::uuid[]) AS s(id)
     LEFT JOIN (
       SELECT space_id, sum(cpu_millicores) AS cpu, sum(memory_mib) AS memory, sum(storage_gib) AS storage
       FROM instances
       WHERE space_id = ANY($1::uuid[]) AND status::text = ANY($2::text[]) AND id IS DISTINCT FROM $3::uuid
       GROUP BY space_id
     ) i ON i.space_id = s.id
     LEFT JOIN (
       SELECT space_id,
              sum(GREATEST(COALESCE((request->'reserved'->>'cpuMillicores')::int, 0), 0)) AS cpu,
              sum(GREATEST(COALESCE((request->'reserved'->>'memoryMiB')::int, 0), 0)) AS memory,
              sum(GREATEST(COALESCE((request->'reserved'->>'storageGiB')::int, 0), 0)) AS storage
       FROM orders
       WHERE space_id = ANY($1::uuid[]) AND target = $4 AND action = $5 AND NOT (status::text = ANY($6::text[]))
       GROUP BY space_id
     ) o ON o.space_id = s.id`,
    [spaceIds, LIVE_INSTANCE_STATUSES, exceptInstanceId ?? null, OrderTarget.Instance, OrderAction.Modify, TERMINAL_ORDER_STATUSES],
  );
  for (const row of rows) {
    result.set(row.space_id, { cpuMillicores: Number(row.cpu_millicores), memoryMiB: Number(row.memory_mib), storageGiB: Number(row.storage_gib) });
  }
  return result;
}

/**
 * The size instances may fill: the space's size, or the smaller size an open resize of the
 * space is taking it to (instances must not grow into room that is about to go).
 */
export async function spaceRoomSize(manager: EntityManager, space: { id: string } & ResourceAmounts): Promise<ResourceAmounts> {
  const rows = await manager.query<{ footprint: Partial<ResourceAmounts> | null }[]>(
    `SELECT request->'footprint' AS footprint FROM orders WHERE space_id = $1 AND target = $2 AND action = $3 AND NOT (status::text = ANY($4::text[]))`,
    [space.id, OrderTarget.Space, OrderAction.Modify, TERMINAL_ORDER_STATUSES],
  );
  const smaller = (current: number, target: number | undefined) => (typeof target === 'number' ? Math.min(current, target) : current);
  return rows.reduce<ResourceAmounts>(
    (size, { footprint }) => ({
      cpuMillicores: smaller(size.cpuMillicores, footprint?.cpuMillicores),
      memoryMiB: smaller(size.memoryMiB, footprint?.memoryMiB),
      storageGiB: smaller(size.storageGiB, footprint?.storageGiB),
    }),
    { cpuMillicores: space.cpuMillicores, memoryMiB: space.memoryMiB, storageGiB: space.storageGiB },
  );
}
