export * from './app-config';
export * from './config.module';
export { envSchema, type Env } from './env.schema';
export { SSO_MAPPABLE_ROLES, type IdentityConfig, type SsoConfig, type SsoMappedRole } from './identity-env';
export * from './json-logger';
