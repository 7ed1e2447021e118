import { describe, expect, it } from 'vitest';
import { describeKubeObject, isKubeObjectReady } from './kube-readiness';

const deployment = (status: Record<string, unknown>, generation = 1, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'space', generation },
  spec: { replicas },
  status,
});

describe('isKubeObjectReady', () => {
  it('wants a Namespace Active', () => {
    expect(isKubeObjectReady({ kind: 'Namespace', status: { phase: 'Active' } } as never)).toBe(true);
    expect(isKubeObjectReady({ kind: 'Namespace', status: { phase: 'Terminating' } } as never)).toBe(false);
  });

  it('wants a Deployment available for its latest generation with every replica', () => {
    const available = { type: 'Available', status: 'True' };
    expect(isKubeObjectReady(deployment({ observedGeneration: 1, updatedReplicas: 2, availableReplicas: 2, conditions: [available] }))).toBe(true);
    expect(isKubeObjectReady(deployment({ observedGeneration: 1, updatedReplicas: 2, availableReplicas: 2, conditions: [available] }, 2))).toBe(false);
    expect(isKubeObjectReady(deployment({ observedGeneration: 1, updatedReplicas: 2, availableReplicas: 1, conditions: [available] }))).toBe(false);
    expect(isKubeObjectReady(deployment({ observedGeneration: 1, conditions: [available] }, 1, 0))).toBe(true);
    expect(isKubeObjectReady(deployment({}))).toBe(false);
  });

  it('wants a StatefulSet with all replicas ready and a PVC Bound; other kinds just exist', () => {
    expect(isKubeObjectReady({ kind: 'StatefulSet', metadata: { generation: 1 }, spec: { replicas: 3 }, status: { observedGeneration: 1, readyReplicas: 3 } } as never)).toBe(true);
    expect(isKubeObjectReady({ kind: 'StatefulSet', metadata: { generation: 1 }, spec: { replicas: 3 }, status: { observedGeneration: 1, readyReplicas: 2 } } as never)).toBe(false);
    expect(isKubeObjectReady({ kind: 'PersistentVolumeClaim', status: { phase: 'Pending' } } as never)).toBe(false);
    expect(isKubeObjectReady({ kind: 'PersistentVolumeClaim', status: { phase: 'Bound' } } as never)).toBe(true);
    expect(isKubeObjectReady({ kind: 'ConfigMap' })).toBe(true);
  });

  it('wants a ResourceQuota whose status enforces every hard limit of its spec (a resize is in force)', () => {
    const quota = (hard: Record<string, string>, enforced?: Record<string, string>) => ({ kind: 'ResourceQuota', spec: { hard }, status: enforced ? { hard: enforced } : {} });
    expect(isKubeObjectReady(quota({ 'requests.cpu': '4', 'requests.memory': '8Gi' }, { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '50' }))).toBe(true);
    expect(isKubeObjectReady(quota({ 'requests.cpu': '4', 'requests.memory': '8Gi' }, { 'requests.cpu': '2', 'requests.memory': '8Gi' }))).toBe(false);
    expect(isKubeObjectReady(quota({ 'requests.cpu': '4' }))).toBe(false);
  });

  it('describes objects for messages', () => {
    expect(describeKubeObject(deployment({}))).toBe('Deployment space/web');
    expect(describeKubeObject({ kind: 'Namespace', metadata: { name: 'space' } })).toBe('Namespace space');
  });
});
