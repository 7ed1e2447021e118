export * from './allocation.repository';
export * from './cluster.repository';
export * from './order.repository';
export * from './order-quota.repository';
export * from './order-updated-channel';
export * from './space-usage.repository';
