import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuditOutcome } from '@nprod/database';
import { GraphQLError, type GraphQLOutputType } from 'graphql';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { GraphqlContext } from '../auth/graphql-context';
import { AppException, ErrorCode } from '../common/app-exception';
import { isUuid } from '../common/sql-filters';
import { AuditService } from './audit.service';

const REFUSALS = new Set<string>([ErrorCode.Forbidden, ErrorCode.Unauthenticated, ErrorCode.NotFound, ErrorCode.TooManyRequests]);

/**
 * Records every GraphQL mutation, successful or not, with who, tenant, target, outcome,
 * source address and request id. Queries are reads and are not audited here.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo().parentType.name !== 'Mutation') return next.handle();
    const action = gql.getInfo().fieldName;
    const targetType = namedType(gql.getInfo().returnType);
    const args = gql.getArgs<Record<string, unknown>>();
    const ctx = gql.getContext<GraphqlContext>();
    const base = () => ({
      action,
      actorId: ctx.user?.id ?? null,
      actorLabel: ctx.user?.email ?? (typeof args.login === 'string' ? args.login.trim().toLowerCase() : 'anonymous'),
      sourceAddress: ctx.req.ip,
      requestId: String(ctx.req.id),
    });
    return next.handle().pipe(
      mergeMap((result) => from(this.audit.record({ ...base(), ...describeResult(result, args, targetType), outcome: AuditOutcome.Success, details: { args } }).then(() => result))),
      catchError((error: unknown) => {
        const code = error instanceof AppException ? error.code : error instanceof GraphQLError ? String(error.extensions.code ?? '') : ErrorCode.Internal;
        const outcome = REFUSALS.has(code) ? AuditOutcome.Denied : AuditOutcome.Failure;
        // A reason (LOGIN_LOCKED, TOTP_REQUIRED, …) tells a lockout from a wrong password in the trail.
        const reason = error instanceof AppException && typeof error.details.reason === 'string' ? { reason: error.details.reason } : {};
        return from(this.audit.record({ ...base(), tenantId: tenantOf(args), outcome, details: { args, errorCode: code, ...reason } })).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}

/** `Tenant!` -> `Tenant`, unwrapped by shape: graphql's own helpers check the module instance. */
function namedType(type: GraphQLOutputType): string {
  let current: GraphQLOutputType = type;
  while ('ofType' in current) current = current.ofType;
  return current.name;
}

/** The tenant a mutation names, when it names a real id: a malformed one must not sink the audit record. */
function tenantOf(args: Record<string, unknown>): string | null {
  return typeof args.tenantId === 'string' && isUuid(args.tenantId) ? args.tenantId : null;
}

/** Target and tenant from what the mutation returned: a model with an id and often a tenantId. */
function describeResult(result: unknown, args: Record<string, unknown>, targetType: string) {
  const model = (result && typeof result === 'object' ? result : {}) as Record<string, unknown>;
  const user = model.user as { id?: string; email?: string } | undefined;
  // Sign-in results carry the user who signed in: that user is both actor and target.
  if (user?.id) return { actorId: user.id, actorLabel: user.email ?? String(args.login ?? ''), targetType: 'User', targetId: user.id, tenantId: null };
  const id = typeof model.id === 'string' ? model.id : null;
  const tenantId = typeof model.tenantId === 'string' ? model.tenantId : targetType === 'Tenant' ? id : tenantOf(args);
  return { targetType, targetId: id, tenantId };
}
