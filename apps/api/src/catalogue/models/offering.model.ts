import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { offeringTranslations, type OfferingTranslations } from '@nprod/catalogue';
import type { OfferingEntity, OfferingVersionEntity } from '@nprod/database';
import type { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { ApprovalPolicyEnum, OfferingKindEnum, OfferingVisibilityEnum } from '../../common/graphql-enums';
import { OfferingPlanModel, ResourceThresholdModel } from './offering-plan.model';

@ObjectType('OfferingVersion', { description: 'What orders of one version get; orders pin a version, editing plans or schema makes a new one.' })
export class OfferingVersionModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'The built-in template that renders instances.' })
  template: string;

  @Field(() => [OfferingPlanModel])
  plans: OfferingPlanModel[];

  @Field(() => GraphQLJSON, { description: 'JSON Schema (draft-07) of the order parameters; the console renders the form from it.' })
  parametersSchema: Record<string, unknown>;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  static from(entity: OfferingVersionEntity): OfferingVersionModel {
    const { id, version, template, parametersSchema, createdAt } = entity;
    return { id, version, template, parametersSchema, createdAt, plans: entity.plans.map(OfferingPlanModel.from) };
  }
}

@ObjectType('Offering', { description: 'A catalogue item: IaaS, PaaS or SaaS, with versioned plans and a parameter schema.' })
export class OfferingModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Stable identifier, e.g. "postgresql".' })
  key: string;

  @Field(() => OfferingKindEnum)
  kind: OfferingKind;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => OfferingVisibilityEnum, { description: 'Who may order it.' })
  visibility: OfferingVisibility;

  @Field(() => [ID], { description: 'With NAMED_TENANTS: the tenants that may order it (tenant users see only their own).' })
  allowedTenantIds: string[];

  @Field(() => ApprovalPolicyEnum)
  approvalPolicy: ApprovalPolicy;

  @Field(() => ResourceThresholdModel, { nullable: true })
  approvalThreshold: ResourceThresholdModel | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set when retired: no new orders, running instances keep running.' })
  retiredAt: Date | null;

  @Field(() => Int, { description: 'The version new orders get.' })
  version: number;

  @Field(() => ID, { description: 'Id of the current version; orders pin it.' })
  versionId: string;

  @Field()
  template: string;

  @Field(() => [OfferingPlanModel])
  plans: OfferingPlanModel[];

  @Field(() => GraphQLJSON, { description: 'JSON Schema (draft-07) of the order parameters; the console renders the form from it.' })
  parametersSchema: Record<string, unknown>;

  @Field(() => GraphQLJSON, {
    description:
      'Its texts in other languages, by locale: {"ru": {name, description, plans: {<plan key>: {name, description}}, parameters: {<parameter>: {title, description}}}}. Built-in offerings only, and only texts still as built in; anything absent shows in English.',
  })
  translations: OfferingTranslations;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  static from(entity: OfferingEntity, version: OfferingVersionEntity, visibleTenantIds: 'all' | readonly string[]): OfferingModel {
    const { id, key, kind, name, description, visibility, approvalPolicy, approvalThreshold, retiredAt, createdAt, updatedAt } = entity;
    return {
      id,
      key,
      kind,
      name,
      description,
      visibility,
      approvalPolicy,
      approvalThreshold,
      retiredAt,
      createdAt,
      updatedAt,
      allowedTenantIds: visibleTenantIds === 'all' ? entity.allowedTenantIds : entity.allowedTenantIds.filter((tenantId) => visibleTenantIds.includes(tenantId)),
      version: version.version,
      versionId: version.id,
      template: version.template,
      plans: version.plans.map(OfferingPlanModel.from),
      parametersSchema: version.parametersSchema,
      translations: offeringTranslations({ key, name, description, plans: version.plans, parametersSchema: version.parametersSchema }),
    };
  }
}
