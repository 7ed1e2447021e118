import { Module } from '@nestjs/common';
import { ApprovalPoliciesResolver } from './approval-policies.resolver';
import { ApprovalPoliciesService } from './approval-policies.service';

/** Per-tenant approval policies that override an offering's own (set by operators). */
@Module({ providers: [ApprovalPoliciesService, ApprovalPoliciesResolver] })
export class ApprovalPoliciesModule {}
