import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user';

export interface GraphqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
  /** Set by the auth guard once the bearer token is verified. */
  user?: AuthUser;
}
