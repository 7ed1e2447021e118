import { HttpLink } from '@apollo/client';
import buildGraphQLProvider from 'ra-data-graphql-simple';
import { HttpError, type DataProvider } from 'react-admin';
import { apiFetch, GRAPHQL_URL } from './lib/apiClient';
import { toHttpError } from './lib/graphqlErrors';
import { readSession } from './lib/session';

/** Console routes use plural paths; the API names its types the ra-data-graphql-simple way. */
export const GRAPHQL_TYPE_BY_RESOURCE: Record<string, string> = {
  tenants: 'Tenant',
  spaces: 'Space',
};

const graphqlProvider = buildGraphQLProvider({
  clientOptions: {
    link: new HttpLink({ uri: GRAPHQL_URL, fetch: apiFetch }),
  },
});

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

const wrap = (method: (typeof METHODS)[number]) =>
  async (resource: string, params: unknown) => {
    const call = graphqlProvider[method] as (resource: string, params: unknown) => Promise<unknown>;
    // Signed out: say so without a round trip (pages can render for a moment before the login redirect).
    if (!readSession()) throw new HttpError('nprod.auth.session_expired', 401, { code: 'UNAUTHENTICATED' });
    try {
      return await call(GRAPHQL_TYPE_BY_RESOURCE[resource] ?? resource, params);
    } catch (error) {
      throw toHttpError(error);
    }
  };

export const dataProvider = Object.fromEntries(METHODS.map((method) => [method, wrap(method)])) as unknown as DataProvider;
