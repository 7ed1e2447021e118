import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { AuditQueryService } from './audit-query.service';

/** `GET /audit/export?from=…&to=…`: a time range of the audit trail as JSON Lines, hashes included, to verify elsewhere. */
@Controller('audit')
export class AuditExportController {
  constructor(@Inject(AuditQueryService) private readonly auditEvents: AuditQueryService) {}

  @Get('export')
  async export(@Req() request: FastifyRequest & { user?: AuthUser }, @Res() reply: FastifyReply, @Query('from') from?: string, @Query('to') to?: string) {
    const range = { from: parseInstant('from', from, new Date(0)), to: parseInstant('to', to, new Date(Date.now() + 1000)) };
    const lines = this.auditEvents.exportRange(request.user!, range.from, range.to);
    const first = await lines.next();
    reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${range.from.toISOString()}-${range.to.toISOString()}.jsonl"`);
    // The first batch was read before the headers went out, so a refusal is still a clean error.
    return reply.send(
      Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* lines;
        })(),
      ),
    );
  }
}

function parseInstant(name: string, value: string | undefined, fallback: Date): Date {
  if (value === undefined || value === '') return fallback;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw AppException.badInput(name, `${name} must be an ISO 8601 time such as 2026-01-31T00:00:00Z, got "${value}".`);
  return instant;
}
