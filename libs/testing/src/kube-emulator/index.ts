export { KubeEmulator, KUBE_EMULATOR_CONTEXT, type KubeEmulatorOptions } from './kube-emulator';
export type { FaultRule, RequestLogEntry } from './fault-injector';
export { RESOURCES as KUBE_EMULATOR_RESOURCES, type ResourceDefinition } from './resource-registry';
