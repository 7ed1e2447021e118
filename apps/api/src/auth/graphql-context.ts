import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user';

export interface GraphqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
  /** Set by the auth guard once the bearer token is verified; for a subscription, when its socket connects. */
  user?: AuthUser;
  /** Subscriptions: the bearer token the socket connected with, checked again every so often. */
  bearer?: string;
  /** Subscriptions: when `user` was last read from `bearer` (ms since the epoch). */
  identifiedAt?: number;
}
