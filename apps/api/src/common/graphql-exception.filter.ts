import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import { AppException, ErrorCode } from './app-exception';

const httpStatusCodes: Record<number, ErrorCode> = {
  400: ErrorCode.BadUserInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  429: ErrorCode.TooManyRequests,
};

const statusOfCode: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.QuotaExceeded]: 409,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.Internal]: 500,
};

/**
 * Maps every error a resolver or route throws to one shape, in one place: a GraphQL error
 * with `extensions.code` for GraphQL, and `{ code, message }` with the matching status for HTTP.
 */
@Catch()
export class GraphqlExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): GraphQLError | void {
    const error = this.toGraphqlError(exception);
    if (host.getType<string>() !== 'http') return error;
    const code = String(error.extensions.code);
    void host.switchToHttp().getResponse<FastifyReply>().status(statusOfCode[code] ?? 500).send({ ...error.extensions, code, message: error.message });
  }

  private toGraphqlError(exception: unknown): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof AppException) {
      return new GraphQLError(exception.message, { extensions: exception.extensions });
    }
    if (exception instanceof HttpException) {
      const code = httpStatusCodes[exception.getStatus()] ?? ErrorCode.Internal;
      return new GraphQLError(exception.message, { extensions: { code } });
    }
    this.logger.error({ msg: 'unhandled error', err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : String(exception) });
    return new GraphQLError('Something went wrong on our side; try again, and contact the operator if it persists.', {
      extensions: { code: ErrorCode.Internal },
    });
  }
}
