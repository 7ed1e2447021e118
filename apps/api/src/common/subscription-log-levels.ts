import type { FastifyBaseLogger, FastifyLogFn } from 'fastify';
import { ErrorCode } from './app-exception';

/** What Mercurius logs when a subscription's queue errors; on a client's disconnect the error is an AbortError. */
const QUEUE_ERROR_MESSAGE = 'subscription queue error (suppressed)';
const ERROR_LEVEL = 50;

/** Codes of errors the caller caused; INTERNAL stays an error. */
const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal));

/** Pino's `hooks.logMethod`: `this` is the (child) logger, `method` the call it intercepts. */
type LogMethodHook = (this: FastifyBaseLogger, args: Parameters<FastifyLogFn>, method: FastifyLogFn, level: number) => void;

/**
 * Pino `hooks.logMethod` for the API's Fastify logger. Mercurius logs two everyday events at
 * error level: the AbortError of a subscription whose subscriber went away, and the GraphQL
 * errors of every subscription it refuses (NOT_FOUND, UNAUTHENTICATED, bad arguments: the
 * subscriber already got them). Those become debug and info lines; anything else, such as an
 * INTERNAL error or another queue error, stays an error.
 */
export const subscriptionLogLevels: LogMethodHook = function (args, method, level) {
  if (level >= ERROR_LEVEL) {
    const [first, message] = args as unknown[];
    if (isDisconnect(first, message)) {
      this.debug({ msg: 'subscription closed: the subscriber disconnected' });
      return;
    }
    const refusal = refusalCodes(first);
    if (refusal) {
      this.info({ msg: 'subscription refused', errors: refusal });
      return;
    }
  }
  method.apply(this, args);
};

function isDisconnect(first: unknown, message: unknown): boolean {
  const err = (first as { err?: unknown } | null)?.err;
  return message === QUEUE_ERROR_MESSAGE && err instanceof Error && err.name === 'AbortError';
}

/**
 * The errors of a refusal, or undefined when the value is anything else or holds an INTERNAL error.
 * An error without a code is one of the request itself (a variable of the wrong type), as for formatGraphqlErrors.
 */
function refusalCodes(first: unknown): Array<{ code: string; message: string }> | undefined {
  if (!Array.isArray(first) || first.length === 0) return undefined;
  const errors = first.map((error: unknown) => {
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    return { code: typeof code === 'string' ? code : ErrorCode.BadUserInput, message: error instanceof Error ? error.message : String(error) };
  });
  return errors.every((error) => CLIENT_ERROR_CODES.has(error.code)) ? errors : undefined;
}
