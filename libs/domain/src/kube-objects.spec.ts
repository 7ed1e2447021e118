import { describe, expect, it } from 'vitest';
import { KubeObjectDetailCode, KubeObjectState, mergeKubeObservations, type KubeObjectObservation } from './kube-objects';

const earlier = new Date('2026-01-01T00:00:00Z');
const now = new Date('2026-01-02T00:00:00Z');
const deployment = { kind: 'Deployment', name: 'shop-app', namespace: 'acme-web' };
const service = { kind: 'Service', name: 'shop-app', namespace: 'acme-web' };
const stored: KubeObjectObservation[] = [
  { ...deployment, state: KubeObjectState.Ready, message: '1/1 replicas available', observedAt: earlier.toISOString() },
  { ...service, state: KubeObjectState.Ready, message: 'ClusterIP 10.96.0.1 port 80', observedAt: earlier.toISOString() },
];
const strip = ({ observedAt: _observedAt, ...rest }: KubeObjectObservation) => rest;

describe('mergeKubeObservations', () => {
  it('reports no change when every object is seen as before, so nothing is written', () => {
    expect(mergeKubeObservations(stored, stored.map(strip), now)).toBeUndefined();
  });

  it('stamps only the object whose state changed and keeps the others observedAt', () => {
    const next = mergeKubeObservations(stored, [{ ...deployment, state: KubeObjectState.Progressing, message: '0/1 replicas available' }, strip(stored[1])], now);
    expect(next).toEqual([
      { ...deployment, state: KubeObjectState.Progressing, message: '0/1 replicas available', observedAt: now.toISOString() },
      stored[1],
    ]);
  });

  it('treats a changed message, a new object, a removed object and a new order as changes', () => {
    expect(mergeKubeObservations(stored, [{ ...strip(stored[0]), message: '2/2 replicas available' }, strip(stored[1])], now)?.[0].observedAt).toBe(now.toISOString());
    expect(mergeKubeObservations(stored, [strip(stored[0])], now)).toEqual([stored[0]]);
    expect(mergeKubeObservations([], stored.map(strip), now)?.map((object) => object.observedAt)).toEqual([now.toISOString(), now.toISOString()]);
    expect(mergeKubeObservations(stored, [strip(stored[1]), strip(stored[0])], now)).toEqual([stored[1], stored[0]]);
  });

  it('adds a detail code to an object stored without one, keeping when it was first seen so', () => {
    const detail = { code: KubeObjectDetailCode.ReplicasAvailable, params: { ready: 1, desired: 1 } };
    const next = mergeKubeObservations(stored, [{ ...strip(stored[0]), detail }, strip(stored[1])], now);
    expect(next).toEqual([{ ...stored[0], detail }, stored[1]]);
    expect(mergeKubeObservations(next ?? [], [{ ...strip(stored[0]), detail }, strip(stored[1])], now)).toBeUndefined();
    // As read back from jsonb, which orders keys its own way.
    expect(mergeKubeObservations(next ?? [], [{ ...strip(stored[0]), detail: { code: detail.code, params: { desired: 1, ready: 1 } } }, strip(stored[1])], now)).toBeUndefined();
    expect(mergeKubeObservations(next ?? [], [{ ...strip(stored[0]), detail: { code: detail.code, params: { desired: 2, ready: 1 } } }, strip(stored[1])], now)).toBeDefined();
  });
});
