export * from './job-producer';
export * from './job-types';
export * from './queue-backend';
export * from './outbox';
