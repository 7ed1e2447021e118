export * from './quantity';
export * from './space-manifests';
export * from './instance-manifests';
export * from './role-binding-changes';
