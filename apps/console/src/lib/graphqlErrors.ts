/** Turns GraphQL error responses into errors react-admin understands (status, message, form field errors). */
import { HttpError } from 'react-admin';

export type ApiErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

// The forms ask for cores and GiB; the API reports problems on the fields it stores.
const FORM_FIELD_BY_API_FIELD: Record<string, string> = {
  cpuMillicores: 'cpuCores',
  memoryMiB: 'memoryGiB',
};

export interface ApiErrorBody {
  code?: string;
  field?: string;
  graphQLErrors?: readonly GraphQLErrorLike[];
  /** react-admin shows these next to the inputs and `root.serverError` in a notification. */
  errors?: Record<string, unknown>;
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly field: string | undefined,
    readonly graphQLErrors: readonly GraphQLErrorLike[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export const isUnauthenticated = (errors: readonly GraphQLErrorLike[] | undefined): boolean =>
  !!errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED');

export const httpErrorFromGraphQLErrors = (errors: readonly GraphQLErrorLike[]): HttpError => {
  const [first] = errors;
  const code = first?.extensions?.code;
  const field = typeof first?.extensions?.field === 'string' ? first.extensions.field : undefined;
  const message = first?.message || 'ra.notification.http_error';
  const body: ApiErrorBody = { code, field, graphQLErrors: errors };
  if (code === 'BAD_USER_INPUT' && field) {
    body.errors = { [FORM_FIELD_BY_API_FIELD[field] ?? field]: message, root: { serverError: message } };
  }
  return new HttpError(message, (code && STATUS_BY_CODE[code]) || 500, body);
};

/** Normalises whatever the Apollo-based provider or our own requests threw. */
export const toHttpError = (error: unknown): unknown => {
  if (error instanceof GraphQLRequestError) return httpErrorFromGraphQLErrors(error.graphQLErrors);
  const apolloErrors = (error as { body?: { graphQLErrors?: GraphQLErrorLike[] } } | null)?.body?.graphQLErrors;
  if (Array.isArray(apolloErrors) && apolloErrors.length > 0 && !(error as { body?: ApiErrorBody }).body?.code) {
    return httpErrorFromGraphQLErrors(apolloErrors);
  }
  if (error instanceof TypeError || (error instanceof HttpError && /fetch|network/i.test(error.message) && !error.status)) {
    return new HttpError('nprod.errors.network', 0);
  }
  return error;
};

export const errorCode = (error: unknown): string | undefined => {
  const body = (error as { body?: ApiErrorBody } | null)?.body;
  if (body?.code) return body.code;
  if ((error as { status?: number } | null)?.status === 401) return 'UNAUTHENTICATED';
  if ((error as { status?: number } | null)?.status === 403) return 'FORBIDDEN';
  return undefined;
};
