import { HttpLink } from '@apollo/client';
import buildGraphQLProvider from 'ra-data-graphql-simple';
import { HttpError, type DataProvider } from 'react-admin';
import { createFormatters } from './components/quantities';
import { i18nProvider } from './i18n';
import { apiFetch, GRAPHQL_URL } from './lib/apiClient';
import { toHttpError, type ErrorTexts } from './lib/graphqlErrors';
import { introspectionSchema } from './lib/schema';
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
  // No introspection round trip: the schema comes from the committed SDL (see lib/schema.ts).
  introspection: { schema: introspectionSchema },
});

/** Error texts in the console's current language (read when an error happens, so a language switch applies). */
const errorTexts = (): ErrorTexts => {
  const translate = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);
  const format = createFormatters(translate, i18nProvider.getLocale());
  const byResource: Record<string, (amount: number) => string> = {
    cpuMillicores: format.cpu,
    memoryMiB: format.memory,
    storageGiB: format.storage,
    spaces: format.count,
  };
  return { translate, formatAmount: (resource, amount) => (byResource[resource] ?? String)(amount) };
};

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

const wrap = (method: (typeof METHODS)[number]) =>
  async (resource: string, params: unknown) => {
    const call = graphqlProvider[method] as (resource: string, params: unknown) => Promise<unknown>;
    // Signed out: say so without a round trip (pages can render for a moment before the login redirect).
    if (!readSession()) throw new HttpError('nprod.auth.session_expired', 401, { code: 'UNAUTHENTICATED' });
    try {
      return await call(GRAPHQL_TYPE_BY_RESOURCE[resource] ?? resource, params);
    } catch (error) {
      throw toHttpError(error, errorTexts());
    }
  };

export const dataProvider = Object.fromEntries(METHODS.map((method) => [method, wrap(method)])) as unknown as DataProvider;
