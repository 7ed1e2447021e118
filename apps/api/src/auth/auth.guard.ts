import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../common/app-exception';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import type { GraphqlContext } from './graphql-context';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every GraphQL field and HTTP route needs a valid access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ?? false;
    const graphql = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getContext<GraphqlContext>() : undefined;
    const request = graphql?.req ?? context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const known = graphql ? graphql.user : (request as { user?: AuthUser }).user;
    const user = known ?? (await this.userFromHeader(request.headers.authorization, isPublic));
    if (graphql) graphql.user = user;
    else (request as { user?: AuthUser }).user = user;
    if (!isPublic && !user) throw AppException.unauthenticated();
    return true;
  }

  private async userFromHeader(header: string | undefined, isPublic: boolean): Promise<AuthUser | undefined> {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) return undefined;
    const user = (await this.auth.authenticate(token)) ?? undefined;
    if (!user && !isPublic) throw AppException.unauthenticated('Your session has expired or the token is invalid; sign in again or refresh the token.');
    return user;
  }
}
