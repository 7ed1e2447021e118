export * from './quantity';
export * from './space-manifests';
