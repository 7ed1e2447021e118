export * from './allocation.repository';
export * from './order.repository';
export * from './order-quota.repository';
