import { specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * Mercurius parses a subscription sent over the WebSocket but never validates it (graphql's
 * `subscribe` does not either), so the HTTP route's rules, the cost limit among them, would not
 * apply there. This `preSubscriptionExecution` hook runs the same rules; the first error refuses it.
 */
export function validateSubscriptions(rules: readonly ValidationRule[]) {
  const all = [...specifiedRules, ...rules];
  return async (schema: GraphQLSchema, document: DocumentNode): Promise<void> => {
    const errors = validate(schema, document, all);
    if (errors.length > 0) throw errors[0];
  };
}
