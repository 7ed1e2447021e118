import { KubeObjectDetailCode, KubeObjectState } from '@nprod/domain';
import { describe, expect, it } from 'vitest';
import { missingKubeObject, observeKubeObject } from './kube-observation';

const meta = (kind: string, name = 'shop-app') => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'acme-web', generation: 2 } });

describe('observeKubeObject', () => {
  it('reports a Deployment by its available replicas: ready, progressing, or failed past its deadline', () => {
    const available = { type: 'Available', status: 'True' };
    expect(
      observeKubeObject({ ...meta('Deployment'), spec: { replicas: 2 }, status: { observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2, conditions: [available] } } as never),
    ).toEqual({
      kind: 'Deployment',
      name: 'shop-app',
      namespace: 'acme-web',
      state: KubeObjectState.Ready,
      message: '2/2 replicas available',
      detail: { code: KubeObjectDetailCode.ReplicasAvailable, params: { ready: 2, desired: 2 } },
    });
    expect(observeKubeObject({ ...meta('Deployment'), spec: { replicas: 2 } } as never)).toMatchObject({ state: KubeObjectState.Progressing, message: '0/2 replicas available' });
    expect(
      observeKubeObject({
        ...meta('Deployment'),
        spec: { replicas: 1 },
        status: { observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "shop-app-1" has timed out progressing.' }] },
      } as never),
    ).toMatchObject({ state: KubeObjectState.Failed, message: '0/1 replicas available; ProgressDeadlineExceeded: ReplicaSet "shop-app-1" has timed out progressing.' });
    expect(observeKubeObject({ ...meta('Deployment'), spec: { replicas: 0 } } as never)).toMatchObject({ state: KubeObjectState.Ready, message: 'scaled to zero replicas' });
  });

  it('reports a StatefulSet by ready replicas and a PVC by its phase and size', () => {
    expect(observeKubeObject({ ...meta('StatefulSet'), spec: { replicas: 1 }, status: { observedGeneration: 2, readyReplicas: 1 } } as never)).toMatchObject({
      state: KubeObjectState.Ready,
      message: '1/1 replicas ready',
    });
    expect(observeKubeObject({ ...meta('PersistentVolumeClaim'), status: { phase: 'Bound', capacity: { storage: '10Gi' } } } as never)).toMatchObject({ state: KubeObjectState.Ready, message: 'Bound, 10Gi' });
    expect(observeKubeObject({ ...meta('PersistentVolumeClaim'), spec: { resources: { requests: { storage: '5Gi' } } } } as never)).toMatchObject({
      state: KubeObjectState.Progressing,
      message: 'Pending, 5Gi: waiting for a volume',
    });
    expect(observeKubeObject({ ...meta('PersistentVolumeClaim'), status: { phase: 'Lost' } } as never)).toMatchObject({ state: KubeObjectState.Failed });
  });

  it('describes kinds without a status by what matters about them', () => {
    expect(observeKubeObject({ ...meta('Ingress'), spec: { rules: [{ host: 'shop.apps.example.kz' }] } } as never).message).toBe('host shop.apps.example.kz');
    expect(observeKubeObject({ ...meta('Service'), spec: { type: 'ClusterIP', clusterIP: '10.96.0.7', ports: [{ port: 5432 }] } } as never).message).toBe('ClusterIP 10.96.0.7 port 5432');
    expect(observeKubeObject({ ...meta('Secret'), data: { username: 'YQ==', password: 'Yg==' } } as never).message).toBe('2 keys');
    expect(observeKubeObject({ ...meta('LimitRange'), spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' } }] } } as never).message).toBe('container default cpu 500m, memory 512Mi');
    expect(observeKubeObject({ ...meta('RoleBinding'), roleRef: { kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'User', name: 'a@x.kz' }] } as never).message).toBe('ClusterRole admin, 1 subject');
    expect(
      observeKubeObject({ ...meta('ResourceQuota'), status: { hard: { 'requests.cpu': '2', 'requests.memory': '4Gi', pods: '20' }, used: { 'requests.cpu': '500m' } } } as never).message,
    ).toBe('requests.cpu 500m/2, requests.memory 0/4Gi');
    expect(observeKubeObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'acme-web' }, status: { phase: 'Terminating' } } as never)).toEqual({
      kind: 'Namespace',
      name: 'acme-web',
      namespace: null,
      state: KubeObjectState.Progressing,
      message: 'Terminating',
      detail: { code: KubeObjectDetailCode.NamespacePhase, params: { phase: 'Terminating' } },
    });
  });

  it('gives every message as a detail code with the values a translation needs, counts as smart_count for plurals', () => {
    const detail = (object: object) => observeKubeObject(object as never).detail;
    expect(detail({ ...meta('StatefulSet'), spec: { replicas: 1 }, status: { observedGeneration: 2, readyReplicas: 1 } })).toEqual({ code: KubeObjectDetailCode.ReplicasReady, params: { ready: 1, desired: 1 } });
    expect(
      detail({ ...meta('Deployment'), spec: { replicas: 1 }, status: { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota exceeded' }] } }),
    ).toEqual({ code: KubeObjectDetailCode.ReplicasFailing, params: { ready: 0, desired: 1, problem: 'FailedCreate: quota exceeded' } });
    expect(detail({ ...meta('PersistentVolumeClaim'), status: { phase: 'Bound', capacity: { storage: '50Gi' } } })).toEqual({ code: KubeObjectDetailCode.VolumeBound, params: { capacity: '50Gi' } });
    expect(detail({ ...meta('Secret'), data: { a: 'YQ==', b: 'Yg==', c: 'Yw==', d: 'ZA==' } })).toEqual({ code: KubeObjectDetailCode.SecretKeys, params: { smart_count: 4 } });
    expect(detail({ ...meta('RoleBinding'), roleRef: { kind: 'ClusterRole', name: 'admin' }, subjects: [{}] })).toEqual({
      code: KubeObjectDetailCode.RoleBinding,
      params: { roleKind: 'ClusterRole', role: 'admin', smart_count: 1 },
    });
    expect(detail({ ...meta('Service'), spec: { clusterIP: '10.96.0.7', ports: [{ port: 5432 }] } })).toEqual({
      code: KubeObjectDetailCode.Service,
      params: { type: 'ClusterIP', clusterIP: '10.96.0.7', ports: '5432' },
    });
    expect(observeKubeObject({ ...meta('Service'), spec: { type: 'ExternalName' } } as never)).toMatchObject({
      message: 'ExternalName',
      detail: { code: KubeObjectDetailCode.ServiceNoPorts, params: { type: 'ExternalName', clusterIP: '' } },
    });
    expect(detail({ ...meta('LimitRange'), spec: { limits: [] } })?.code).toBe(KubeObjectDetailCode.NoContainerDefaults);
    expect(detail({ ...meta('NetworkPolicy'), spec: {} })).toEqual({ code: KubeObjectDetailCode.PolicyTypes, params: { types: 'Ingress' } });
    expect(detail({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'acme-web' }, status: { phase: 'Active' } })?.code).toBe(KubeObjectDetailCode.NamespaceActive);
    expect(detail({ ...meta('ResourceQuota'), spec: {} })?.code).toBe(KubeObjectDetailCode.QuotaNoLimits);
    expect(detail({ ...meta('ConfigMap') })?.code).toBe(KubeObjectDetailCode.Exists);
  });

  it('never puts a Secret value in the message', () => {
    expect(JSON.stringify(observeKubeObject({ ...meta('Secret'), data: { password: Buffer.from('hunter2-secret').toString('base64') } } as never))).not.toContain('aHVudGVy');
  });

  it('reports an object that is not there as missing', () => {
    expect(missingKubeObject(meta('Deployment'))).toEqual({ kind: 'Deployment', name: 'shop-app', namespace: 'acme-web', state: KubeObjectState.Missing, message: 'not found in the cluster', detail: { code: KubeObjectDetailCode.NotFound, params: {} } });
  });
});
