import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from './app-exception';

/** Paging and sorting arguments of every `allX` / `_allXMeta` query (ra-data-graphql-simple conventions). */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: 'Zero-based page number.' })
  page?: number;

  @Field(() => Int, { nullable: true, description: 'Rows per page, 1 to 500 (default 25).' })
  perPage?: number;

  @Field(() => String, { nullable: true })
  sortField?: string;

  @Field(() => String, { nullable: true, description: 'ASC or DESC.' })
  sortOrder?: string;
}

@ObjectType()
export class ListMetadata {
  @Field(() => Int)
  count: number;
}

export interface ListWindow {
  skip: number;
  take: number;
  sortColumn: string;
  sortDirection: 'ASC' | 'DESC';
}

export const MAX_PER_PAGE = 500;

/**
 * Turns list arguments into a safe window. Sorting only by whitelisted fields keeps
 * user input out of SQL and every list query on an index.
 */
export function listWindow(args: ListArgs, sortable: Record<string, string>, defaultSort: string): ListWindow {
  const perPage = args.perPage ?? 25;
  const page = args.page ?? 0;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw AppException.badInput('perPage', `perPage must be between 1 and ${MAX_PER_PAGE}, got ${perPage}.`);
  }
  if (!Number.isInteger(page) || page < 0) throw AppException.badInput('page', `page must be 0 or more, got ${page}.`);
  const field = args.sortField ?? defaultSort;
  const sortColumn = sortable[field];
  if (!sortColumn) {
    throw AppException.badInput('sortField', `Cannot sort by "${field}"; sort by one of: ${Object.keys(sortable).join(', ')}.`);
  }
  const order = (args.sortOrder ?? 'ASC').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') throw AppException.badInput('sortOrder', `sortOrder must be ASC or DESC, got "${args.sortOrder}".`);
  return { skip: page * perPage, take: perPage, sortColumn, sortDirection: order };
}

/** Sorts and pages a query; the id breaks ties so pages never overlap or skip rows. */
export function applyWindow<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, window: ListWindow): SelectQueryBuilder<T> {
  const idColumn = `${query.alias}.id`;
  const sorted = query.orderBy(window.sortColumn, window.sortDirection);
  // Sorting by the id itself needs no tie-breaker; adding one would replace the direction asked for.
  return (window.sortColumn === idColumn ? sorted : sorted.addOrderBy(idColumn, 'ASC')).skip(window.skip).take(window.take);
}
