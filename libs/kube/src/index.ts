export * from './manifests';
export { systemClock, type Clock } from './clock';
export { TokenBucket, type TokenBucketOptions } from './token-bucket';
export { KubeApiError, toKubeApiError, type KubeStatusCause } from './kube-api-error';
export {
  createKubeClient,
  KubeClientFactory,
  loadKubeConfig,
  type KubeClient,
  type KubeClientOptions,
  type KubeConfigSource,
  type KubeRequestInfo,
} from './kube-client.factory';
export { describeKubeObject, isKubeObjectReady } from './kube-readiness';
export { describeProbeFailure, summariseMessage, type ProbeFailure } from './probe-failure';
export { missingKubeObject, observeKubeObject, type KubeObjectStatus } from './kube-observation';
export { backoffDelayMs, KubeApplier, KubeWaitTimeoutError, type KubeApplierOptions, type KubeApplyOptions, type KubeKind } from './kube-applier';
