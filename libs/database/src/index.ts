export * from './data-source';
export * from './entities';
export { SnakeNamingStrategy } from './snake-naming.strategy';
export * from './repositories';
export * from './audit';
export { SecretBox } from './secret-box';
