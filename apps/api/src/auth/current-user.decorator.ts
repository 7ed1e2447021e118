import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthUser } from './auth-user';
import type { GraphqlContext } from './graphql-context';

/** The authenticated caller; the guard has already refused anonymous calls. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return GqlExecutionContext.create(context).getContext<GraphqlContext>().user!;
});
