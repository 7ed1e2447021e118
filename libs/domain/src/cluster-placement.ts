import { type DomainResult, invalid, valid } from './domain-result';
import { ClusterHealth } from './enums';
import { type ResourceAmounts, formatQuotaAmount } from './quota';

/** What a cluster may hold. Null on a dimension means no limit there (e.g. the bootstrap cluster until an operator sets one). */
export interface ClusterCapacity {
  readonly cpuMillicores: number | null;
  readonly memoryMiB: number | null;
  readonly storageGiB: number | null;
  readonly maxSpaces: number | null;
}

/** What the spaces already placed on a cluster reserve (their ResourceQuota sizes and their count). */
export interface ClusterReservation extends ResourceAmounts {
  readonly spaces: number;
}

export interface PlacementCandidate {
  readonly id: string;
  readonly name: string;
  readonly regions: readonly string[];
  readonly cordoned: boolean;
  readonly cordonReason?: string | null;
  readonly health: ClusterHealth;
  readonly healthReason?: string | null;
  readonly capacity: ClusterCapacity;
  readonly reserved: ClusterReservation;
}

export interface PlacementRequest {
  /** The tenant's home region: a space never lands outside it (data residency). */
  readonly region: string;
  readonly size: ResourceAmounts;
}

export type CapacityDimension = keyof ClusterCapacity;

export const CAPACITY_DIMENSIONS: readonly CapacityDimension[] = ['cpuMillicores', 'memoryMiB', 'storageGiB', 'maxSpaces'];

/** One dimension a space does not fit in on a cluster. */
export interface PlacementShortfall {
  readonly dimension: CapacityDimension;
  readonly requested: number;
  readonly free: number;
}

export type PlacementDecision<C extends PlacementCandidate = PlacementCandidate> =
  | { readonly ok: true; readonly cluster: C }
  | { readonly ok: false; readonly reason: string };

const ZERO_CAPACITY_MESSAGE = 'must be a whole number of at least 0, or empty for no limit';

/** Checks capacity amounts an operator enters: whole numbers, 0 or more, or null (no limit). The message names the field. */
export function validateClusterCapacity(capacity: ClusterCapacity): DomainResult & { field?: CapacityDimension } {
  for (const dimension of CAPACITY_DIMENSIONS) {
    const value = capacity[dimension];
    if (value !== null && !(Number.isSafeInteger(value) && value >= 0 && value <= 2_147_483_647)) {
      return { ...invalid(`${dimension} ${ZERO_CAPACITY_MESSAGE}, got ${value}.`), field: dimension };
    }
  }
  return valid;
}

/** Amount a space asks for in each capacity dimension: its size, and `spaces` (one for a new space, none for a resize). */
function requestedIn(dimension: CapacityDimension, size: ResourceAmounts, spaces = 1): number {
  return dimension === 'maxSpaces' ? spaces : size[dimension];
}

function reservedIn(dimension: CapacityDimension, reserved: ClusterReservation): number {
  return dimension === 'maxSpaces' ? reserved.spaces : reserved[dimension];
}

/** Free amount in a dimension (never negative, even when an operator lowered capacity below what is reserved); Infinity without a limit. */
export function freeIn(candidate: Pick<PlacementCandidate, 'capacity' | 'reserved'>, dimension: CapacityDimension): number {
  const limit = candidate.capacity[dimension];
  return limit === null ? Number.POSITIVE_INFINITY : Math.max(limit - reservedIn(dimension, candidate.reserved), 0);
}

/** Every dimension in which the space (or, with `spaces` 0, a resize's growth) does not fit on this cluster. */
export function placementShortfalls(candidate: Pick<PlacementCandidate, 'capacity' | 'reserved'>, size: ResourceAmounts, spaces = 1): PlacementShortfall[] {
  return CAPACITY_DIMENSIONS.map((dimension) => ({ dimension, requested: requestedIn(dimension, size, spaces), free: freeIn(candidate, dimension) })).filter(
    (shortfall) => shortfall.requested > shortfall.free,
  );
}

/**
 * How much room a cluster keeps after taking the space: the smallest share left over any
 * limited dimension (1 when nothing is limited). Picking the highest spreads spaces out.
 */
export function roomAfter(candidate: Pick<PlacementCandidate, 'capacity' | 'reserved'>, size: ResourceAmounts): number {
  let room = 1;
  for (const dimension of CAPACITY_DIMENSIONS) {
    const limit = candidate.capacity[dimension];
    if (limit === null) continue;
    const left = limit - reservedIn(dimension, candidate.reserved) - requestedIn(dimension, size);
    room = Math.min(room, limit === 0 ? (left >= 0 ? 0 : -1) : left / limit);
  }
  return room;
}

/** Why a cluster of the region takes no new spaces at all, or null when it may. */
export function unavailability(candidate: PlacementCandidate): string | null {
  if (candidate.cordoned) return `${candidate.name} is cordoned${candidate.cordonReason ? ` (${candidate.cordonReason})` : ''}`;
  if (candidate.health === ClusterHealth.Unreachable) return `${candidate.name} is unreachable${candidate.healthReason ? ` (${candidate.healthReason})` : ''}`;
  if (candidate.health !== ClusterHealth.Healthy) return `${candidate.name} has not answered a health check yet`;
  return null;
}

function formatDimension(dimension: CapacityDimension, amount: number): string {
  if (dimension === 'maxSpaces') return `${amount} more ${amount === 1 ? 'space' : 'spaces'}`;
  return `${formatQuotaAmount(dimension, amount)}${dimension === 'storageGiB' ? ' storage' : dimension === 'memoryMiB' ? ' memory' : ''}`;
}

function formatNeed(shortfalls: readonly PlacementShortfall[]): string {
  return shortfalls.map((shortfall) => (shortfall.dimension === 'maxSpaces' ? 'one more space' : formatDimension(shortfall.dimension, shortfall.requested))).join(', ');
}

function formatFree(shortfalls: readonly PlacementShortfall[]): string {
  return shortfalls.map((shortfall) => (shortfall.dimension === 'maxSpaces' ? 'no room for more spaces' : `${formatDimension(shortfall.dimension, shortfall.free)} free`)).join(', ');
}

/**
 * Where a new space goes: a cluster that serves the tenant's home region, is not cordoned,
 * is HEALTHY (a cluster that never answered a probe is not trusted with new spaces) and has
 * room in every limited dimension; of those, the one with the most room left (spread).
 * Otherwise the reason, naming the region and what is short, and what an operator can do.
 */
export function placeSpace<C extends PlacementCandidate>(candidates: readonly C[], request: PlacementRequest): PlacementDecision<C> {
  const inRegion = candidates.filter((candidate) => candidate.regions.includes(request.region));
  if (inRegion.length === 0) {
    return { ok: false, reason: `No cluster serves region ${request.region} yet; an operator can register one (or add ${request.region} to a cluster's regions).` };
  }
  const available = inRegion.filter((candidate) => unavailability(candidate) === null);
  if (available.length === 0) {
    const why = inRegion.map(unavailability).join('; ');
    return { ok: false, reason: `No cluster in region ${request.region} takes new spaces now: ${why}. An operator can uncordon or repair one, or register another.` };
  }
  const fitting = available.filter((candidate) => placementShortfalls(candidate, request.size).length === 0);
  if (fitting.length === 0) {
    // The best is the one closest to fitting: fewest dimensions short, then most room.
    const best = [...available].sort(
      (a, b) => placementShortfalls(a, request.size).length - placementShortfalls(b, request.size).length || roomAfter(b, request.size) - roomAfter(a, request.size) || a.name.localeCompare(b.name),
    )[0];
    const shortfalls = placementShortfalls(best, request.size);
    return {
      ok: false,
      reason:
        `No cluster in region ${request.region} has room for ${formatNeed(shortfalls)}: the best is ${best.name} with ${formatFree(shortfalls)}. ` +
        'An operator can add capacity or register a cluster; the space is created as soon as one has room.',
    };
  }
  const chosen = [...fitting].sort((a, b) => roomAfter(b, request.size) - roomAfter(a, request.size) || a.name.localeCompare(b.name))[0];
  return { ok: true, cluster: chosen };
}


/** What a resize needs beyond what its cluster already counts for the space: the growth in each dimension, never negative. */
export function resizeGrowth(counted: ResourceAmounts, next: ResourceAmounts): ResourceAmounts {
  return {
    cpuMillicores: Math.max(next.cpuMillicores - counted.cpuMillicores, 0),
    memoryMiB: Math.max(next.memoryMiB - counted.memoryMiB, 0),
    storageGiB: Math.max(next.storageGiB - counted.storageGiB, 0),
  };
}

/**
 * Whether a space on this cluster may grow from the size the cluster counts for it to `next`:
 * only the growth has to fit (the space is already counted), so a shrink always may, even on a
 * cluster whose capacity was lowered below what it holds. Cordon and health do not matter: they
 * stop new spaces, not changes to the ones already there. Otherwise the reason, naming what is
 * short and what an operator can do.
 */
export function admitResize(
  cluster: Pick<PlacementCandidate, 'name' | 'capacity' | 'reserved'>,
  counted: ResourceAmounts,
  next: ResourceAmounts,
): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  const shortfalls = placementShortfalls(cluster, resizeGrowth(counted, next), 0);
  if (shortfalls.length === 0) return { ok: true };
  return {
    ok: false,
    reason:
      `Cluster ${cluster.name} has no room to grow the space by ${formatNeed(shortfalls)}: it has ${formatFree(shortfalls)}. ` +
      'An operator can add capacity, or room comes back when other spaces there shrink or are deleted; the resize is applied as soon as it fits.',
  };
}
