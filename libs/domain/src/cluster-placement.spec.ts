import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClusterCapacity, type PlacementCandidate, admitResize, freeIn, placeSpace, placementShortfalls, resizeGrowth, validateClusterCapacity } from './cluster-placement';
import { ClusterHealth } from './enums';
import type { ResourceAmounts } from './quota';

const UNLIMITED: ClusterCapacity = { cpuMillicores: null, memoryMiB: null, storageGiB: null, maxSpaces: null };
const NOTHING_RESERVED = { cpuMillicores: 0, memoryMiB: 0, storageGiB: 0, spaces: 0 };

function cluster(name: string, overrides: Partial<PlacementCandidate> = {}): PlacementCandidate {
  return { id: name, name, regions: ['almaty'], cordoned: false, health: ClusterHealth.Healthy, capacity: UNLIMITED, reserved: NOTHING_RESERVED, ...overrides };
}

const size = (cpuMillicores: number, memoryMiB = 1024, storageGiB = 10): ResourceAmounts => ({ cpuMillicores, memoryMiB, storageGiB });
const request = (region: string, amounts = size(1000)) => ({ region, size: amounts });

describe('placeSpace', () => {
  it("places a space only on a cluster serving the tenant's home region", () => {
    const decision = placeSpace([cluster('astana-1', { regions: ['astana'] }), cluster('almaty-1')], request('almaty'));
    expect(decision).toMatchObject({ ok: true, cluster: { name: 'almaty-1' } });
  });

  it('never places outside the home region, even when another region has room', () => {
    const decision = placeSpace([cluster('astana-1', { regions: ['astana'] })], request('almaty'));
    expect(decision).toEqual({ ok: false, reason: expect.stringContaining('No cluster serves region almaty yet') });
  });

  it('skips cordoned, unreachable and never-probed clusters and says why when none is left', () => {
    const decision = placeSpace(
      [
        cluster('kz-1', { cordoned: true, cordonReason: 'kernel upgrade' }),
        cluster('kz-2', { health: ClusterHealth.Unreachable, healthReason: 'connect ECONNREFUSED' }),
        cluster('kz-3', { health: ClusterHealth.Unknown }),
      ],
      request('almaty'),
    );
    expect(decision.ok).toBe(false);
    const reason = (decision as { reason: string }).reason;
    expect(reason).toContain('No cluster in region almaty takes new spaces now');
    expect(reason).toContain('kz-1 is cordoned (kernel upgrade)');
    expect(reason).toContain('kz-2 is unreachable (connect ECONNREFUSED)');
    expect(reason).toContain('kz-3 has not answered a health check yet');
  });

  it('picks the cluster with the most room left (spread)', () => {
    const capacity = { cpuMillicores: 10_000, memoryMiB: 10_240, storageGiB: 100, maxSpaces: 10 };
    const busy = cluster('busy', { capacity, reserved: { cpuMillicores: 6000, memoryMiB: 1024, storageGiB: 10, spaces: 1 } });
    const quiet = cluster('quiet', { capacity, reserved: { cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 10, spaces: 1 } });
    expect(placeSpace([busy, quiet], request('almaty'))).toMatchObject({ ok: true, cluster: { name: 'quiet' } });
  });

  it('names the region, what is short and the best cluster when nothing has room', () => {
    const kz1 = cluster('kz-1', { capacity: { ...UNLIMITED, cpuMillicores: 4000 }, reserved: { ...NOTHING_RESERVED, cpuMillicores: 2000 } });
    const kz2 = cluster('kz-2', { capacity: { ...UNLIMITED, cpuMillicores: 4000, memoryMiB: 1024 }, reserved: { ...NOTHING_RESERVED, cpuMillicores: 3000, memoryMiB: 1024 } });
    const decision = placeSpace([kz1, kz2], request('almaty', size(4000)));
    expect(decision).toEqual({
      ok: false,
      reason:
        'No cluster in region almaty has room for 4 CPU: the best is kz-1 with 2 CPU free. An operator can add capacity or register a cluster; the space is created as soon as one has room.',
    });
  });

  it('counts spaces against maxSpaces', () => {
    const full = cluster('full', { capacity: { ...UNLIMITED, maxSpaces: 2 }, reserved: { ...NOTHING_RESERVED, spaces: 2 } });
    const decision = placeSpace([full], request('almaty'));
    expect(decision).toEqual({ ok: false, reason: expect.stringContaining('has room for one more space: the best is full with no room for more spaces') });
  });

  it('treats capacity lowered below what is reserved as no room, never negative room', () => {
    const shrunk = cluster('shrunk', { capacity: { ...UNLIMITED, memoryMiB: 1024 }, reserved: { ...NOTHING_RESERVED, memoryMiB: 4096 } });
    expect(freeIn(shrunk, 'memoryMiB')).toBe(0);
    expect(placementShortfalls(shrunk, size(100, 512))).toEqual([{ dimension: 'memoryMiB', requested: 512, free: 0 }]);
  });
});

const capacityArb = fc.record({
  cpuMillicores: fc.option(fc.nat({ max: 64_000 }), { nil: null }),
  memoryMiB: fc.option(fc.nat({ max: 262_144 }), { nil: null }),
  storageGiB: fc.option(fc.nat({ max: 10_000 }), { nil: null }),
  maxSpaces: fc.option(fc.nat({ max: 50 }), { nil: null }),
});
const reservedArb = fc.record({ cpuMillicores: fc.nat({ max: 64_000 }), memoryMiB: fc.nat({ max: 262_144 }), storageGiB: fc.nat({ max: 10_000 }), spaces: fc.nat({ max: 50 }) });
const candidateArb = fc.record({
  id: fc.uuid(),
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  regions: fc.subarray(['almaty', 'astana', 'shymkent'], { minLength: 1 }),
  cordoned: fc.boolean(),
  health: fc.constantFrom(ClusterHealth.Healthy, ClusterHealth.Unknown, ClusterHealth.Unreachable),
  capacity: capacityArb,
  reserved: reservedArb,
});
const sizeArb = fc.record({ cpuMillicores: fc.integer({ min: 1, max: 16_000 }), memoryMiB: fc.integer({ min: 1, max: 65_536 }), storageGiB: fc.integer({ min: 1, max: 1000 }) });

describe('placeSpace properties', () => {
  it('a chosen cluster serves the region, is usable and has room in every dimension', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { maxLength: 6 }), fc.constantFrom('almaty', 'astana', 'shymkent'), sizeArb, (candidates, region, amounts) => {
        const decision = placeSpace(candidates, { region, size: amounts });
        if (!decision.ok) return;
        expect(decision.cluster.regions).toContain(region);
        expect(decision.cluster.cordoned).toBe(false);
        expect(decision.cluster.health).toBe(ClusterHealth.Healthy);
        expect(placementShortfalls(decision.cluster, amounts)).toEqual([]);
      }),
    );
  });

  it('waits only when no usable cluster of the region has room, and then names the region', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { maxLength: 6 }), fc.constantFrom('almaty', 'astana', 'shymkent'), sizeArb, (candidates, region, amounts) => {
        const decision = placeSpace(candidates, { region, size: amounts });
        const anyFits = candidates.some(
          (c) => c.regions.includes(region) && !c.cordoned && c.health === ClusterHealth.Healthy && placementShortfalls(c, amounts).length === 0,
        );
        expect(decision.ok).toBe(anyFits);
        if (!decision.ok) expect(decision.reason).toContain(region);
      }),
    );
  });

  it('placing spaces one by one never overfills a cluster', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { minLength: 1, maxLength: 4 }), fc.array(sizeArb, { maxLength: 30 }), (initial, sizes) => {
        const clusters = initial.map((c) => ({ ...c, regions: ['almaty'], reserved: NOTHING_RESERVED }));
        for (const amounts of sizes) {
          const decision = placeSpace(clusters, { region: 'almaty', size: amounts });
          if (!decision.ok) continue;
          const target = decision.cluster;
          const reserved = {
            cpuMillicores: target.reserved.cpuMillicores + amounts.cpuMillicores,
            memoryMiB: target.reserved.memoryMiB + amounts.memoryMiB,
            storageGiB: target.reserved.storageGiB + amounts.storageGiB,
            spaces: target.reserved.spaces + 1,
          };
          clusters[clusters.indexOf(target)] = { ...target, reserved };
        }
        for (const c of clusters) {
          if (c.capacity.cpuMillicores !== null) expect(c.reserved.cpuMillicores).toBeLessThanOrEqual(c.capacity.cpuMillicores);
          if (c.capacity.memoryMiB !== null) expect(c.reserved.memoryMiB).toBeLessThanOrEqual(c.capacity.memoryMiB);
          if (c.capacity.storageGiB !== null) expect(c.reserved.storageGiB).toBeLessThanOrEqual(c.capacity.storageGiB);
          if (c.capacity.maxSpaces !== null) expect(c.reserved.spaces).toBeLessThanOrEqual(c.capacity.maxSpaces);
        }
      }),
    );
  });
});

describe('admitResize', () => {
  const onCluster = (capacity: Partial<ClusterCapacity>, reserved: Partial<typeof NOTHING_RESERVED>) => ({ name: 'kz-1', capacity: { ...UNLIMITED, ...capacity }, reserved: { ...NOTHING_RESERVED, ...reserved } });

  it('admits growth that fits what is free, counting only the growth and never one more space', () => {
    const cluster = onCluster({ cpuMillicores: 4000, maxSpaces: 2 }, { cpuMillicores: 3000, spaces: 2 });
    expect(admitResize(cluster, size(1000), size(2000))).toEqual({ ok: true });
  });

  it('refuses growth beyond what is free, naming the cluster, what is short and what is free', () => {
    const cluster = onCluster({ cpuMillicores: 4000, memoryMiB: 8192 }, { cpuMillicores: 3500, memoryMiB: 2048 });
    const decision = admitResize(cluster, size(1000, 1024), size(2000, 2048));
    expect(decision).toEqual({ ok: false, reason: expect.stringContaining('Cluster kz-1 has no room to grow the space by 1 CPU: it has 0.5 CPU free.') });
  });

  it('always admits a shrink, even where capacity was lowered below what is reserved', () => {
    const overfull = onCluster({ cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 1 }, { cpuMillicores: 5000, memoryMiB: 8192, storageGiB: 100 });
    expect(admitResize(overfull, size(2000, 4096, 50), size(1000, 2048, 10))).toEqual({ ok: true });
  });

  it('asks only for the dimensions that grow', () => {
    expect(resizeGrowth(size(2000, 4096, 50), size(1000, 8192, 50))).toEqual({ cpuMillicores: 0, memoryMiB: 4096, storageGiB: 0 });
  });

  it('admitting resizes one by one never overfills a cluster', () => {
    fc.assert(
      fc.property(capacityArb, fc.array(fc.tuple(sizeArb, sizeArb), { maxLength: 20 }), (capacity, resizes) => {
        let reserved = NOTHING_RESERVED;
        for (const [current, next] of resizes) {
          // The space is on the cluster at its current size if it fits there at all.
          if (placementShortfalls({ capacity, reserved }, current).length > 0) continue;
          reserved = { cpuMillicores: reserved.cpuMillicores + current.cpuMillicores, memoryMiB: reserved.memoryMiB + current.memoryMiB, storageGiB: reserved.storageGiB + current.storageGiB, spaces: reserved.spaces + 1 };
          if (!admitResize({ name: 'kz-1', capacity, reserved }, current, next).ok) continue;
          const growth = resizeGrowth(current, next);
          reserved = { ...reserved, cpuMillicores: reserved.cpuMillicores + growth.cpuMillicores, memoryMiB: reserved.memoryMiB + growth.memoryMiB, storageGiB: reserved.storageGiB + growth.storageGiB };
        }
        for (const dimension of ['cpuMillicores', 'memoryMiB', 'storageGiB'] as const) {
          if (capacity[dimension] !== null) expect(reserved[dimension]).toBeLessThanOrEqual(capacity[dimension]!);
        }
      }),
    );
  });
});

describe('validateClusterCapacity', () => {
  it('accepts whole numbers and null (no limit), and names the bad field otherwise', () => {
    expect(validateClusterCapacity({ cpuMillicores: 8000, memoryMiB: null, storageGiB: 0, maxSpaces: 10 }).ok).toBe(true);
    expect(validateClusterCapacity({ ...UNLIMITED, memoryMiB: -1 })).toMatchObject({ ok: false, field: 'memoryMiB', message: expect.stringContaining('memoryMiB must be a whole number') });
    expect(validateClusterCapacity({ ...UNLIMITED, storageGiB: 1.5 })).toMatchObject({ ok: false, field: 'storageGiB' });
  });
});
