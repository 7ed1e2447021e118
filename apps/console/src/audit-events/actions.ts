import type { IntrospectionObjectType } from 'graphql';
import { introspectionSchema } from '../lib/schema';

/** Audited actions that are not GraphQL mutations (HTTP routes and side effects). */
const OTHER_ACTIONS = ['ssoLogin', 'sendInvitationEmail'];

/** Every action the audit trail can hold: each mutation by name, plus the few recorded elsewhere. */
export const auditActions = (): string[] => {
  const mutation = introspectionSchema.types.find((type) => type.name === 'Mutation') as IntrospectionObjectType | undefined;
  return [...new Set([...(mutation?.fields.map((field) => field.name) ?? []), ...OTHER_ACTIONS])].sort();
};
