import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { JsonLogger, type AppConfig } from '@nprod/config';
import { AppModule } from './app.module';
import { subscriptionLogLevels } from './common/subscription-log-levels';

/** A hop count becomes the equivalent trust function (the adapter's types take no number). */
function trustedProxies(setting: boolean | number | string[]) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** Builds the API application: GraphQL, health, and the console's static files on one Fastify server. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'], hooks: { logMethod: subscriptionLogLevels } },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Only trusted proxies may name the client address: login throttling and audit use it.
    trustProxy: trustedProxies(config.http.trustProxy),
    bodyLimit: 1_048_576,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new JsonLogger(config.logLevel, 'api'),
    cors: config.http.corsOrigins.length > 0 ? { origin: config.http.corsOrigins, credentials: false } : false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Material UI injects its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Plain-HTTP local runs would otherwise be told to upgrade to HTTPS they do not have.
    hsts: config.env === 'production',
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await serveConsole(app, resolve(config.http.consoleDir));
  app.enableShutdownHooks();
  return app;
}

async function serveConsole(app: NestFastifyApplication, consoleDir: string): Promise<void> {
  if (!existsSync(resolve(consoleDir, 'index.html'))) {
    new Logger('Console').warn({ msg: `console not built: ${consoleDir}/index.html is missing; run npm run build` });
    return;
  }
  // The console routes in the URL hash, so serving files (index.html at `/`) is all it needs.
  // Wildcard serving picks up files of a rebuild; hashed assets are cached for good, and
  // index.html never, so a deploy cannot leave browsers on an index pointing at gone assets.
  await app.getHttpAdapter().getInstance().register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    wildcard: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
