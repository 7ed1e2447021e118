import { Readable, Writable } from 'node:stream';
import Fastify from 'fastify';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from './app-exception';
import { subscriptionLogLevels } from './subscription-log-levels';

/** A Fastify logger as the API builds it, at debug level; its lines land in `lines`. A plugin's child logger like Mercurius'. */
function logger() {
  const lines: Array<{ level: number; msg?: string; errors?: Array<{ code: string }> }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'debug', stream, hooks: { logMethod: subscriptionLogLevels } } });
  return { log: app.log.child({ plugin: 'mercurius' }), lines };
}

const QUEUE_ERROR = 'subscription queue error (suppressed)';

describe('subscriptionLogLevels', () => {
  it('logs the AbortError of a subscriber that went away at debug level, not as an error', async () => {
    const { log, lines } = logger();
    // Mercurius' subscription queue: a Readable whose iterator is returned early when the subscriber disconnects.
    const queue = new Readable({ objectMode: true, read: () => undefined });
    const failed = new Promise<void>((resolve) =>
      queue.on('error', (err) => {
        log.error({ err }, QUEUE_ERROR);
        resolve();
      }),
    );
    queue.push({ orderId: 'o1' });
    for await (const notice of queue) {
      expect(notice).toEqual({ orderId: 'o1' });
      break;
    }
    await failed;
    expect(lines).toEqual([expect.objectContaining({ level: 20, msg: 'subscription closed: the subscriber disconnected' })]);
  });

  it('logs a refused subscription (the subscriber got the errors) at info level with the codes', () => {
    const { log, lines } = logger();
    log.error([new GraphQLError('Order 42 was not found.', { extensions: { code: ErrorCode.NotFound } }), new GraphQLError('Variable "$orderId" got invalid value {}')]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'subscription refused',
        errors: [
          { code: ErrorCode.NotFound, message: 'Order 42 was not found.' },
          { code: ErrorCode.BadUserInput, message: 'Variable "$orderId" got invalid value {}' },
        ],
      }),
    ]);
  });

  it('keeps real errors at error level: an INTERNAL error, another queue error, anything else', () => {
    const { log, lines } = logger();
    log.error([new GraphQLError('Order 42 was not found.', { extensions: { code: ErrorCode.NotFound } }), new GraphQLError('Something went wrong', { extensions: { code: ErrorCode.Internal } })]);
    log.error({ err: new Error('push after EOF') }, QUEUE_ERROR);
    log.error({ err: Object.assign(new Error('aborted'), { name: 'AbortError' }) }, 'request aborted');
    log.error(new Error('database gone'));
    expect(lines.map((line) => line.level)).toEqual([50, 50, 50, 50]);
  });

  it('passes every other level through unchanged', () => {
    const { log, lines } = logger();
    log.warn({ msg: 'a warning' });
    log.info([new GraphQLError('Order 42 was not found.', { extensions: { code: ErrorCode.NotFound } })]);
    expect(lines.map((line) => line.level)).toEqual([40, 30]);
    expect(lines[0].msg).toBe('a warning');
  });
});
