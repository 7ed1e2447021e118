export * from './allocation.repository';
export * from './order.repository';
