import { Logger } from '@nestjs/common';
import { AppException } from '../common/app-exception';
import type { AuthUser } from './auth-user';
import type { AuthService } from './auth.service';
import type { GraphqlContext } from './graphql-context';

/** graphql-ws close code for a connection refused for want of valid credentials (a client does not retry it). */
export const WS_UNAUTHORIZED = 4401;

const MISSING_TOKEN = 'Sign in first: send connectionParams { authorization: "Bearer <access token or API token>" }.';
/** A WebSocket close reason may carry at most 123 bytes. */
const MAX_CLOSE_REASON_BYTES = 123;
/**
 * How long a socket's identity is trusted before its token is checked again: after that an expired
 * token, a closed session or a removed membership stops what the socket receives.
 */
export const SUBSCRIBER_RECHECK_MS = 30_000;

interface ClosableSocket {
  close(code: number, reason: string): void;
}

/**
 * Mercurius `subscription.onConnect`: the connection_init payload must carry the same bearer token
 * the HTTP guard accepts (an access token or an API token), checked by the same AuthService. The
 * caller becomes the connection's `user`, which the guard and every subscription filter read.
 *
 * Mercurius answers a refusal only with "Forbidden"; it calls this hook as a method of the
 * connection, so the socket is closed here first with 4401 and the reason the client can act on.
 */
export function subscriptionOnConnect(auth: AuthService) {
  const logger = new Logger('SubscriptionAuth');
  return async function onConnect(this: { socket?: ClosableSocket } | undefined, data: { payload?: unknown }): Promise<Pick<GraphqlContext, 'user' | 'bearer' | 'identifiedAt'> | false> {
    const token = bearerOf(data.payload);
    const caller = token ? await auth.identify(token) : MISSING_TOKEN;
    if (typeof caller !== 'string') return { user: caller, bearer: token, identifiedAt: Date.now() };
    logger.log({ msg: 'subscription connection refused', reason: caller });
    this?.socket?.close(WS_UNAUTHORIZED, truncateUtf8(caller, MAX_CLOSE_REASON_BYTES));
    return false;
  };
}

/**
 * The subscriber as their token says now, read again once SUBSCRIBER_RECHECK_MS have passed; throws
 * UNAUTHENTICATED once it no longer holds (the client reconnects with a fresh token).
 */
export async function currentSubscriber(auth: AuthService, context: GraphqlContext, now = Date.now()): Promise<AuthUser> {
  if (!context.user || !context.bearer) throw AppException.unauthenticated();
  if (now - (context.identifiedAt ?? 0) < SUBSCRIBER_RECHECK_MS) return context.user;
  const caller = await auth.identify(context.bearer);
  if (typeof caller === 'string') throw AppException.unauthenticated(`${caller} Reconnect the socket with the new token.`);
  context.user = caller;
  context.identifiedAt = now;
  return caller;
}

function bearerOf(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const params = payload as Record<string, unknown>;
  const header = params.authorization ?? params.Authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text);
  return bytes.length <= maxBytes ? text : bytes.subarray(0, maxBytes).toString().replace(/\uFFFD$/, '');
}
