import type { ExecutionResult, GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import { ErrorCode } from './app-exception';

type MercuriusContext = Parameters<typeof mercurius.defaultErrorFormatter>[1];

/**
 * Mercurius reports a query that does not match the schema (wrong type, missing argument,
 * unknown field) without a code; clients branch on codes, so it becomes BAD_USER_INPUT.
 */
export function formatGraphqlErrors(execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>, context: MercuriusContext) {
  const formatted = mercurius.defaultErrorFormatter(execution, context);
  const errors = (formatted.response.errors ?? []) as Array<GraphQLError & { extensions?: Record<string, unknown> }>;
  const withCodes = errors.map((error) => (error.extensions?.code ? error : { ...error, message: error.message, locations: error.locations, path: error.path, extensions: { ...error.extensions, code: ErrorCode.BadUserInput } }));
  return { ...formatted, response: { ...formatted.response, errors: withCodes } };
}
