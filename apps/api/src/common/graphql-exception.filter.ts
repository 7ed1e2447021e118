import { Catch, HttpException, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { AppException, ErrorCode } from './app-exception';

const httpStatusCodes: Record<number, ErrorCode> = {
  400: ErrorCode.BadUserInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
};

/** Maps every error a resolver throws to a GraphQL error with `extensions.code`, in one place. */
@Catch()
export class GraphqlExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof AppException) {
      return new GraphQLError(exception.message, { extensions: { code: exception.code, ...exception.details } });
    }
    if (exception instanceof HttpException) {
      const code = httpStatusCodes[exception.getStatus()] ?? ErrorCode.Internal;
      return new GraphQLError(exception.message, { extensions: { code } });
    }
    this.logger.error({ msg: 'unhandled error in resolver', err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : String(exception) });
    return new GraphQLError('Something went wrong on our side; try again, and contact the operator if it persists.', {
      extensions: { code: ErrorCode.Internal },
    });
  }
}
