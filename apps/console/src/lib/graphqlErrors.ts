/** Turns GraphQL error responses into errors react-admin understands (status, message, form field errors). */
import { HttpError } from 'react-admin';

export type ApiErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

const STATUS_BY_CODE: Record<string, number> = {
  TOO_MANY_REQUESTS: 429,
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
  /**
   * Where a form shows problems with a quota resource or API field, when it differs from the
   * default (the space form puts "no spaces left" on the tenant; allocation forms on maxSpaces).
   */
  fieldMap?: Record<string, string>;
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
const formField = (apiField: string, texts: ErrorTexts) => texts.fieldMap?.[apiField] ?? FORM_FIELD_BY_API_FIELD[apiField] ?? apiField;

const quotaErrors = (shortfalls: QuotaShortfall[], texts: ErrorTexts, apiMessage: string): Record<string, unknown> => {
  const { translate, formatAmount } = texts;
  const errors: Record<string, unknown> = {};
  for (const shortfall of shortfalls) {
    const field = texts.fieldMap?.[shortfall.resource] ?? (shortfall.resource === 'spaces' ? 'tenantId' : formField(shortfall.resource, texts));
    const amounts = {
      requested: formatAmount(shortfall.resource, shortfall.requested),
      free: formatAmount(shortfall.resource, shortfall.free),
      allocated: formatAmount(shortfall.resource, shortfall.allocated),
      inUse: formatAmount(shortfall.resource, shortfall.inUse),
    };
    errors[field] =
      shortfall.resource === 'spaces' || shortfall.resource === 'instances'
        ? translate(`nprod.errors.quota_${shortfall.resource}`, { ...amounts, _: apiMessage })
        : translate('nprod.errors.quota_shortfall', { ...amounts, _: apiMessage });
  }
  errors.root = { serverError: translate('nprod.errors.quota_exceeded', { _: apiMessage }) };
  return errors;
};

interface LimitBelowUse {
  resource: string;
  field: string;
  requested: number;
  inUse: number;
}

const isBelowUse = (value: unknown): value is LimitBelowUse =>
  !!value && typeof value === 'object' && typeof (value as LimitBelowUse).field === 'string' && typeof (value as LimitBelowUse).inUse === 'number';

/** An allocation lowered below what is in use: each such limit says how much is in use. */
const belowUseErrors = (problems: LimitBelowUse[], texts: ErrorTexts, apiMessage: string): Record<string, unknown> => {
  const errors: Record<string, unknown> = {};
  for (const problem of problems) {
    errors[formField(problem.field, texts)] = texts.translate('nprod.errors.below_use', {
      inUse: texts.formatAmount(problem.resource, problem.inUse),
      requested: texts.formatAmount(problem.resource, problem.requested),
      _: apiMessage,
    });
  }
  errors.root = { serverError: texts.translate('nprod.errors.below_use_summary', { _: apiMessage }) };
  return errors;
};

/** Refusals with a known reason get a message in the console's language. */
const REASON_KEYS: Record<string, string> = {
  LAST_OWNER: 'nprod.errors.last_owner',
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
  const reason = typeof first?.extensions?.reason === 'string' ? first.extensions.reason : undefined;
  const belowUse = Array.isArray(first?.extensions?.inUse) ? first.extensions.inUse.filter(isBelowUse) : [];
  if (reason && REASON_KEYS[reason]) message = texts.translate(REASON_KEYS[reason], { _: message });
  if (code === 'QUOTA_EXCEEDED' && shortfalls.length > 0) {
    body.errors = quotaErrors(shortfalls, texts, message);
    message = (body.errors.root as { serverError: string }).serverError;
  } else if (code === 'BAD_USER_INPUT' && reason === 'BELOW_USE' && belowUse.length > 0) {
    body.errors = belowUseErrors(belowUse, texts, message);
    message = (body.errors.root as { serverError: string }).serverError;
  } else if ((code === 'BAD_USER_INPUT' || code === 'CONFLICT' || code === 'FORBIDDEN') && field) {
    if (code === 'CONFLICT' && !reason && CONFLICT_KEY_BY_FIELD[field]) message = texts.translate(CONFLICT_KEY_BY_FIELD[field], { _: message });
    body.errors = { [formField(field, texts)]: message, root: { serverError: message } };
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

/** `extensions.reason` of an API refusal (LAST_OWNER, TENANT_SUSPENDED, …), when it has one. */
export const errorReason = (error: unknown): string | undefined => {
  const errors = (error as { body?: ApiErrorBody } | null)?.body?.graphQLErrors;
  const reason = errors?.[0]?.extensions?.reason;
  return typeof reason === 'string' ? reason : undefined;
};

export const errorCode = (error: unknown): string | undefined => {
  const body = (error as { body?: ApiErrorBody } | null)?.body;
  if (body?.code) return body.code;
  if ((error as { status?: number } | null)?.status === 401) return 'UNAUTHENTICATED';
  if ((error as { status?: number } | null)?.status === 403) return 'FORBIDDEN';
  return undefined;
};
