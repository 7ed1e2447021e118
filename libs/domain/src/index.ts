export * from './domain-result';
export * from './enums';
export * from './naming';
export * from './order-state-machine';
export * from './quota';
export * from './registry-number';
export * from './slug';
