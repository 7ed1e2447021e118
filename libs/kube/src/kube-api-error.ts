import { ApiException } from '@kubernetes/client-node';

export interface KubeStatusCause {
  reason?: string;
  message: string;
  field?: string;
}

/** Network failures that a later attempt can get past (server restarting, connection reset). */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);
const RETRIABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * A failed Kubernetes API call, reduced to what callers decide on: the HTTP status (0 when no answer
 * came), the Status `reason`, the API server's own message, and whether repeating may succeed.
 */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';

  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly retriable: boolean,
    readonly causes: readonly KubeStatusCause[] = [],
    /** From the Retry-After header or `details.retryAfterSeconds`. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** The namespace is being deleted; creating content succeeds again once it is gone and re-created. */
  get namespaceTerminating(): boolean {
    return this.causes.some((cause) => cause.reason === 'NamespaceTerminating');
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseStatusBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      return record(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return record(body);
}

function parseCauses(details: Record<string, unknown> | undefined): KubeStatusCause[] {
  const causes = details?.causes;
  if (!Array.isArray(causes)) return [];
  return causes.flatMap((cause): KubeStatusCause[] => {
    const entry = record(cause);
    if (!entry) return [];
    return [
      {
        message: typeof entry.message === 'string' ? entry.message : '',
        ...(typeof entry.reason === 'string' ? { reason: entry.reason } : {}),
        ...(typeof entry.field === 'string' ? { field: entry.field } : {}),
      },
    ];
  });
}

/** Retry-After is seconds (or an HTTP date); the Status body may carry the same as retryAfterSeconds. */
function retryAfterMs(headers: Record<string, string> | undefined, details: Record<string, unknown> | undefined): number | undefined {
  const header = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (header !== undefined) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds * 1000 : undefined;
}

function isRetriable(status: number, reason: string, causes: readonly KubeStatusCause[]): boolean {
  if (RETRIABLE_STATUS.has(status)) return true;
  // 409 Conflict (stale resourceVersion, concurrent apply) heals on retry; AlreadyExists does not.
  if (status === 409) return reason !== 'AlreadyExists';
  return status === 403 && causes.some((cause) => cause.reason === 'NamespaceTerminating');
}

/** Converts whatever @kubernetes/client-node threw into a KubeApiError. */
export function toKubeApiError(error: unknown): KubeApiError {
  if (error instanceof KubeApiError) return error;
  if (error instanceof ApiException) {
    const status = parseStatusBody(error.body);
    const details = record(status?.details);
    const reason = typeof status?.reason === 'string' ? status.reason : `HTTP${error.code}`;
    const message = typeof status?.message === 'string' ? status.message : `HTTP ${error.code}: ${typeof error.body === 'string' && error.body !== '' ? error.body : error.message}`;
    const causes = parseCauses(details);
    return new KubeApiError(error.code, reason, message, isRetriable(error.code, reason, causes), causes, retryAfterMs(error.headers, details));
  }
  const failure = record(error);
  const code = typeof failure?.code === 'string' ? failure.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // node-fetch reports transport failures as FetchError with type 'system' and the errno code.
  if ((failure?.name === 'FetchError' && failure.type === 'system') || (code !== undefined && TRANSIENT_NETWORK_CODES.has(code))) {
    return new KubeApiError(0, 'NetworkError', message, true);
  }
  if (failure?.name === 'FetchError' || failure?.name === 'AbortError') return new KubeApiError(0, 'NetworkError', message, true);
  return new KubeApiError(0, 'ClientError', message, false);
}
