import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../common/app-exception';
import { ALLOW_WITHOUT_TOTP } from './allow-without-totp.decorator';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import type { GraphqlContext } from './graphql-context';
import { IS_PUBLIC } from './public.decorator';

/**
 * Global guard: every GraphQL field and HTTP route needs a valid access token or API token
 * unless marked @Public(). Operators who must turn on TOTP reach only what is marked @AllowWithoutTotp().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.flag(IS_PUBLIC, context);
    const graphql = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getContext<GraphqlContext>() : undefined;
    const request = graphql?.req ?? context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const known = graphql ? graphql.user : (request as { user?: AuthUser }).user;
    const user = known ?? (await this.userFromHeader(request.headers.authorization, isPublic));
    if (graphql) graphql.user = user;
    else (request as { user?: AuthUser }).user = user;
    if (isPublic) return true;
    if (!user) throw AppException.unauthenticated();
    if (user.mustEnrolTotp && !this.flag(ALLOW_WITHOUT_TOTP, context)) {
      throw AppException.forbidden(
        'Operators must turn on two-factor sign-in before anything else: call enrollTotp, add the secret to an authenticator app, then confirmTotp with its code.',
        { reason: 'TOTP_ENROLMENT_REQUIRED' },
      );
    }
    return true;
  }

  private flag(key: string, context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) ?? false;
  }

  private async userFromHeader(header: string | undefined, isPublic: boolean): Promise<AuthUser | undefined> {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) return undefined;
    const caller = await this.auth.identify(token);
    if (typeof caller === 'string') {
      if (isPublic) return undefined;
      throw AppException.unauthenticated(caller);
    }
    return caller;
  }
}
