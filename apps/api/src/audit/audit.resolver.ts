import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { AuditQueryService } from './audit-query.service';
import { AuditEventListArgs } from './dto/audit-event-list.args';
import { AuditEventModel } from './models/audit-event.model';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(@Inject(AuditQueryService) private readonly auditEvents: AuditQueryService) {}

  @Query(() => AuditEventModel, { name: 'AuditEvent', nullable: true })
  auditEvent(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<AuditEventModel> {
    return this.auditEvents.get(user, id);
  }

  @Query(() => [AuditEventModel], { name: 'allAuditEvents' })
  allAuditEvents(@CurrentUser() user: AuthUser, @Args() args: AuditEventListArgs): Promise<AuditEventModel[]> {
    return this.auditEvents.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allAuditEventsMeta' })
  async allAuditEventsMeta(@CurrentUser() user: AuthUser, @Args() args: AuditEventListArgs): Promise<ListMetadata> {
    return { count: await this.auditEvents.count(user, args) };
  }
}
