import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator';
import { SSO_COOKIE, SsoService, type SsoRedirect } from './sso.service';

/**
 * Browser routes of single sign-on. `login` sends the browser to the identity provider;
 * `callback` is the OIDC_REDIRECT_URL the provider sends it back to. Both end in a redirect:
 * tokens never travel in a URL, only a one-time code for `exchangeSsoCode`.
 */
@Public()
@Controller('auth/oidc')
export class SsoController {
  constructor(@Inject(SsoService) private readonly sso: SsoService) {}

  @Get('login')
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('returnTo') returnTo?: string) {
    return this.redirect(reply, await this.sso.begin(returnTo, meta(request)), request);
  }

  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    return this.redirect(reply, await this.sso.complete(query, readCookie(request.headers.cookie, SSO_COOKIE), meta(request)), request);
  }

  private redirect(reply: FastifyReply, next: SsoRedirect, request: FastifyRequest) {
    // Lax: the provider's redirect back is a top-level GET navigation, which Lax cookies survive.
    const secure = request.protocol === 'https' ? '; Secure' : '';
    const cookie = next.cookie
      ? `${SSO_COOKIE}=${next.cookie.value}; Path=/auth/oidc; Max-Age=${next.cookie.maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`
      : `${SSO_COOKIE}=; Path=/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
    return reply.header('set-cookie', cookie).header('cache-control', 'no-store').redirect(next.location, 302);
  }
}

function meta(request: FastifyRequest) {
  return { sourceAddress: request.ip, requestId: String(request.id) };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
