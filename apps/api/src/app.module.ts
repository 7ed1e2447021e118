import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule, type AppConfig } from '@nprod/config';
import { dataSourceOptions } from '@nprod/database';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { subscriptionOnConnect } from './auth/subscription-auth';
import { GraphqlExceptionFilter } from './common/graphql-exception.filter';
import { formatGraphqlErrors } from './common/graphql-error-formatter';
import { queryCostRule } from './common/query-cost.rule';
import { validateSubscriptions } from './common/subscription-validation';
import { HealthModule } from './health/health.module';
import { PlatformModule } from './platform/platform.module';
import { QuotasModule } from './quotas/quotas.module';
import { SpacesModule } from './spaces/spaces.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { TenantsModule } from './tenants/tenants.module';
import { InvitationsModule } from './invitations/invitations.module';
import { SignUpModule } from './signup/signup.module';
import { SsoModule } from './sso/sso.module';
import { MembershipsModule } from './memberships/memberships.module';
import { UsersModule } from './users/users.module';
import { OrdersModule } from './orders/orders.module';
import { InstancesModule } from './instances/instances.module';
import { ClustersModule } from './clusters/clusters.module';
import { ApprovalPoliciesModule } from './approval-policies/approval-policies.module';

/** Deep enough for the console's queries, shallow enough that a nested query cannot fan out without bound. */
const MAX_QUERY_DEPTH = 8;
/** See queryCostRule: a console list page costs about 2 500. */
const MAX_QUERY_COST = 10_000;

const featureModules = [AccessModule, AuditModule, AuthModule, HealthModule, PlatformModule, TenantsModule, SpacesModule, CatalogueModule, QuotasModule, UsersModule, MembershipsModule, ApiTokensModule, SsoModule, SignUpModule, InvitationsModule, OrdersModule, InstancesModule, ClustersModule, ApprovalPoliciesModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions({ url: config.databaseUrl, poolSize: 20 })),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [AuthModule],
          inject: [AuthService],
          useFactory: (auth: AuthService) => graphqlOptions(config, auth),
        }),
        ...featureModules,
      ],
      providers: [{ provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
    };
  }
}

function graphqlOptions(config: AppConfig, auth: AuthService): MercuriusDriverConfig {
  // The console ships the committed schema, so production can refuse introspection.
  const validationRules = config.env === 'production' ? [NoSchemaIntrospectionCustomRule, queryCostRule(MAX_QUERY_COST)] : [queryCostRule(MAX_QUERY_COST)];
  return {
    path: '/graphql',
    // The schema file is committed so API changes show in review; production builds it in memory.
    autoSchemaFile: config.env === 'production' ? true : join(process.cwd(), 'apps/api/schema.gql'),
    sortSchema: true,
    graphiql: false,
    allowBatchedQueries: false,
    queryDepth: MAX_QUERY_DEPTH,
    validationRules,
    errorFormatter: formatGraphqlErrors,
    context: (req: FastifyRequest, reply: FastifyReply) => ({ req, reply }),
    // graphql-ws (and the legacy subscriptions-transport-ws) on GET /graphql; see docs/api.md.
    subscription: { onConnect: subscriptionOnConnect(auth), keepAlive: 30_000 },
    hooks: { preSubscriptionExecution: validateSubscriptions(validationRules) },
  };
}
