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
  QUOTA_EXCEEDED: 409,
};

// The forms ask for cores and GiB; the API reports problems on the fields it stores.
const FORM_FIELD_BY_API_FIELD: Record<string, string> = {
  cpuMillicores: 'cpuCores',
  memoryMiB: 'memoryGiB',
};

/** `translate` of the i18n provider; without one, messages fall back to their `_` default. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ErrorTexts {
  translate: Translate;
  /** Formats an amount of a quota resource (`cpuMillicores`, `memoryMiB`, `storageGiB`, `spaces`) for people. */
  formatAmount: (resource: string, amount: number) => string;
}

const UNTRANSLATED: ErrorTexts = {
  translate: (key, options) => (typeof options?._ === 'string' ? options._ : key),
  formatAmount: (_resource, amount) => String(amount),
};

interface QuotaShortfall {
  resource: string;
  requested: number;
  allocated: number;
  inUse: number;
  free: number;
}

const isShortfall = (value: unknown): value is QuotaShortfall =>
  !!value && typeof value === 'object' && typeof (value as QuotaShortfall).resource === 'string' && typeof (value as QuotaShortfall).free === 'number';

/** Each short resource on its own input ("2 vCPU free of 4 vCPU"), with one summary for the notification. */
const quotaErrors = (shortfalls: QuotaShortfall[], texts: ErrorTexts, apiMessage: string): Record<string, unknown> => {
  const { translate, formatAmount } = texts;
  const errors: Record<string, unknown> = {};
  for (const shortfall of shortfalls) {
    const field = shortfall.resource === 'spaces' ? 'tenantId' : (FORM_FIELD_BY_API_FIELD[shortfall.resource] ?? shortfall.resource);
    const amounts = {
      requested: formatAmount(shortfall.resource, shortfall.requested),
      free: formatAmount(shortfall.resource, shortfall.free),
      allocated: formatAmount(shortfall.resource, shortfall.allocated),
      inUse: formatAmount(shortfall.resource, shortfall.inUse),
    };
    errors[field] =
      shortfall.resource === 'spaces'
        ? translate('nprod.errors.quota_spaces', { ...amounts, _: apiMessage })
        : translate('nprod.errors.quota_shortfall', { ...amounts, _: apiMessage });
  }
  errors.root = { serverError: translate('nprod.errors.quota_exceeded', { _: apiMessage }) };
  return errors;
};

/** Known conflicts get a message in the console's language; others keep the API's words. */
const CONFLICT_KEY_BY_FIELD: Record<string, string> = {
  slug: 'nprod.errors.slug_taken',
  registryNumber: 'nprod.errors.registry_number_taken',
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

/**
 * A GraphQL error as react-admin's HttpError. Errors the API ties to a field (`extensions.field`:
 * bad input, or a conflict such as a taken slug) go next to that input as well as in the
 * notification; a quota shortfall goes on every input that is short.
 */
export const httpErrorFromGraphQLErrors = (errors: readonly GraphQLErrorLike[], texts: ErrorTexts = UNTRANSLATED): HttpError => {
  const [first] = errors;
  const code = first?.extensions?.code;
  const field = typeof first?.extensions?.field === 'string' ? first.extensions.field : undefined;
  let message = first?.message || 'ra.notification.http_error';
  const body: ApiErrorBody = { code, field, graphQLErrors: errors };
  const shortfalls = Array.isArray(first?.extensions?.shortfalls) ? first.extensions.shortfalls.filter(isShortfall) : [];
  if (code === 'QUOTA_EXCEEDED' && shortfalls.length > 0) {
    body.errors = quotaErrors(shortfalls, texts, message);
    message = (body.errors.root as { serverError: string }).serverError;
  } else if ((code === 'BAD_USER_INPUT' || code === 'CONFLICT') && field) {
    if (code === 'CONFLICT' && CONFLICT_KEY_BY_FIELD[field]) message = texts.translate(CONFLICT_KEY_BY_FIELD[field], { _: message });
    body.errors = { [FORM_FIELD_BY_API_FIELD[field] ?? field]: message, root: { serverError: message } };
  }
  return new HttpError(message, (code && STATUS_BY_CODE[code]) || 500, body);
};

/** Normalises whatever the Apollo-based provider or our own requests threw. */
export const toHttpError = (error: unknown, texts: ErrorTexts = UNTRANSLATED): unknown => {
  if (error instanceof GraphQLRequestError) return httpErrorFromGraphQLErrors(error.graphQLErrors, texts);
  const apolloErrors = (error as { body?: { graphQLErrors?: GraphQLErrorLike[] } } | null)?.body?.graphQLErrors;
  if (Array.isArray(apolloErrors) && apolloErrors.length > 0 && !(error as { body?: ApiErrorBody }).body?.code) {
    return httpErrorFromGraphQLErrors(apolloErrors, texts);
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
