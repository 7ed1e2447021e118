import type { ResourceAmounts } from '@nprod/domain';
import type { EntityManager } from 'typeorm';
import { AllocationEntity } from '../entities';

export interface ReservationRequest {
  tenantId: string;
  region: string;
  amounts: ResourceAmounts;
  /** 1 when a space is created, 0 on resize. */
  spaces: number;
}

/**
 * Reserves capacity with one conditional UPDATE: the row lock makes concurrent reservations
 * queue behind each other and re-check the condition, so together they never overshoot.
 * Returns false (and changes nothing) when the request does not fit.
 */
export async function reserveAllocation(manager: EntityManager, request: ReservationRequest): Promise<boolean> {
  const { cpuMillicores, memoryMiB, storageGiB } = request.amounts;
  const result = await manager.query<[unknown[], number]>(
    `UPDATE allocations SET
       used_cpu_millicores = used_cpu_millicores + $3,
       used_memory_mib = used_memory_mib + $4,
       used_storage_gib = used_storage_gib + $5,
       used_spaces = used_spaces + $6,
       updated_at = now()
     WHERE tenant_id = $1 AND region = $2
       AND used_cpu_millicores + $3 <= cpu_millicores
       AND used_memory_mib + $4 <= memory_mib
       AND used_storage_gib + $5 <= storage_gib
       AND used_spaces + $6 <= max_spaces
     RETURNING id`,
    [request.tenantId, request.region, cpuMillicores, memoryMiB, storageGiB, request.spaces],
  );
  return result[1] === 1;
}

/**
 * Gives reserved capacity back. GREATEST keeps usage at zero or above even if a release
 * were ever applied twice; the CHECK constraint would otherwise abort the transaction.
 */
export async function releaseAllocation(manager: EntityManager, request: ReservationRequest): Promise<void> {
  const { cpuMillicores, memoryMiB, storageGiB } = request.amounts;
  await manager.query(
    `UPDATE allocations SET
       used_cpu_millicores = GREATEST(used_cpu_millicores - $3, 0),
       used_memory_mib = GREATEST(used_memory_mib - $4, 0),
       used_storage_gib = GREATEST(used_storage_gib - $5, 0),
       used_spaces = GREATEST(used_spaces - $6, 0),
       updated_at = now()
     WHERE tenant_id = $1 AND region = $2`,
    [request.tenantId, request.region, cpuMillicores, memoryMiB, storageGiB, request.spaces],
  );
}

export function findAllocation(manager: EntityManager, tenantId: string, region: string): Promise<AllocationEntity | null> {
  return manager.getRepository(AllocationEntity).findOneBy({ tenantId, region });
}
