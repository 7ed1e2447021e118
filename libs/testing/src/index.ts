export * from './harness';
export * from './kube-emulator';
