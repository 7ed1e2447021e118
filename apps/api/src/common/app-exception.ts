/** Codes clients can branch on; they travel as `extensions.code` of a GraphQL error. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  /** An order or sub-allocation does not fit: `extensions.shortfalls` has requested, allocated, inUse, free per resource (HTTP 409). */
  QuotaExceeded = 'QUOTA_EXCEEDED',
  /** Rate limited: `extensions.retryAfterSeconds` says when to try again (HTTP 429). */
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/**
 * The one exception type the API throws on purpose. Its message is shown to people, so it
 * says what is wrong and what to do; `details` go to `extensions` for programs.
 */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppException';
  }

  /** What a GraphQL error carries for programs; also read by Mercurius for errors a subscription's stream throws. */
  get extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details };
  }

  static badInput(field: string, message: string, details: Record<string, unknown> = {}): AppException {
    return new AppException(ErrorCode.BadUserInput, message, { field, ...details });
  }

  /** Another tenant's object and a missing one must look the same, so both use this. */
  static notFound(kind: string, id: string): AppException {
    return new AppException(ErrorCode.NotFound, `${kind} ${id} was not found, or you do not have access to it.`);
  }

  static conflict(message: string, details: Record<string, unknown> = {}): AppException {
    return new AppException(ErrorCode.Conflict, message, details);
  }

  /** `field` is the first argument that is short (the console marks it); `shortfalls` has the numbers. */
  static quotaExceeded(field: string, message: string, shortfalls: readonly unknown[], details: Record<string, unknown> = {}): AppException {
    return new AppException(ErrorCode.QuotaExceeded, message, { ...details, field, shortfalls });
  }

  static forbidden(message: string, details: Record<string, unknown> = {}): AppException {
    return new AppException(ErrorCode.Forbidden, message, details);
  }

  static tooManyRequests(message: string, retryAfterSeconds: number): AppException {
    return new AppException(ErrorCode.TooManyRequests, message, { retryAfterSeconds });
  }

  static unauthenticated(message = 'Sign in first: send a valid access token in the Authorization header.'): AppException {
    return new AppException(ErrorCode.Unauthenticated, message);
  }
}
