import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppException } from '../common/app-exception';
import { AuthService } from './auth.service';
import type { GraphqlContext } from './graphql-context';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every GraphQL field needs a valid access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const gqlContext = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    if (!gqlContext.user) {
      const header = gqlContext.req.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (token) gqlContext.user = (await this.auth.authenticate(token)) ?? undefined;
      if (token && !gqlContext.user && !isPublic) {
        throw AppException.unauthenticated('Your session has expired or the token is invalid; sign in again or refresh the token.');
      }
    }
    if (!isPublic && !gqlContext.user) throw AppException.unauthenticated();
    return true;
  }
}
