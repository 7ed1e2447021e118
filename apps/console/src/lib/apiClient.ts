/** The one HTTP path to the API: bearer token, one retry after a refresh, GraphQL errors kept as GraphQL errors. */
import { GraphQLRequestError, isUnauthenticated, type GraphQLErrorLike } from './graphqlErrors';
import { getAccessToken, initSession, readSession, refreshSession } from './session';
import type { AuthPayload } from './types';

export const GRAPHQL_URL = '/graphql';

interface GraphQLBody {
  data?: unknown;
  errors?: GraphQLErrorLike[];
}

const parseBody = (text: string): GraphQLBody | undefined => {
  try {
    const body = JSON.parse(text) as unknown;
    return body && typeof body === 'object' ? (body as GraphQLBody) : undefined;
  } catch {
    return undefined;
  }
};

const send = async (input: RequestInfo | URL, init: RequestInit, token: string | undefined) => {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else headers.delete('Authorization');
  const response = await fetch(input, { ...init, headers });
  const text = await response.text();
  const body = parseBody(text);
  // A GraphQL error answered with a 4xx/5xx status is still a GraphQL answer: hand it to Apollo as one,
  // so the error code and message reach the UI instead of "Response not successful".
  const status = body?.errors && response.status >= 300 ? 200 : response.status;
  const normalised = new Response(text, { status, statusText: response.statusText, headers: response.headers });
  return { response: normalised, body };
};

/** `fetch` for Apollo's HttpLink and our own requests. */
export const apiFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
  const token = await getAccessToken();
  const first = await send(input, init, token);
  if (token && isUnauthenticated(first.body?.errors) && (await refreshSession())) {
    return (await send(input, init, readSession()?.accessToken)).response;
  }
  return first.response;
};

/** Plain fetch for the few hand-written operations (auth, me, platformInfo). */
export const graphqlRequest = async <T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { auth?: boolean } = {},
): Promise<T> => {
  const init: RequestInit = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  };
  const response = options.auth === false ? (await send(GRAPHQL_URL, init, undefined)).response : await apiFetch(GRAPHQL_URL, init);
  const body = parseBody(await response.text());
  if (body?.errors?.length) {
    const [first] = body.errors;
    const field = typeof first.extensions?.field === 'string' ? first.extensions.field : undefined;
    throw new GraphQLRequestError(first.message, first.extensions?.code, field, body.errors);
  }
  if (!response.ok || !body?.data) throw new GraphQLRequestError('ra.notification.http_error', undefined, undefined, []);
  return body.data as T;
};

const USER_FIELDS = 'id email displayName platformRole totpEnabled totpRequired memberships { tenantId tenantName role }';
const AUTH_FIELDS = `accessToken refreshToken expiresIn user { ${USER_FIELDS} }`;

export const LOGIN_MUTATION = `mutation Login($login: String!, $password: String!, $otp: String) { login(login: $login, password: $password, otp: $otp) { ${AUTH_FIELDS} } }`;
export const REFRESH_MUTATION = `mutation RefreshToken($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ${AUTH_FIELDS} } }`;
export const LOGOUT_MUTATION = 'mutation Logout($refreshToken: String) { logout(refreshToken: $refreshToken) }';
export const EXCHANGE_SSO_CODE_MUTATION = `mutation ExchangeSsoCode($code: String!) { exchangeSsoCode(code: $code) { ${AUTH_FIELDS} } }`;
/** Public: the home regions sign-up accepts. */
export const SIGN_UP_REGIONS_QUERY = 'query SignUpRegions { signUpRegions }';
export const REGIONS_QUERY = 'query Regions { regions }';

export const SIGN_UP_MUTATION = `mutation SignUp($kind: TenantKind!, $name: String!, $email: String!, $password: String!, $registryNumber: String!, $region: String!, $displayName: String!) {
  signUp(kind: $kind, name: $name, email: $email, password: $password, registryNumber: $registryNumber, region: $region, displayName: $displayName) { ${AUTH_FIELDS} }
}`;
export const ACCEPT_INVITATION_MUTATION = `mutation AcceptInvitation($token: String!, $displayName: String, $password: String!) {
  acceptInvitation(token: $token, displayName: $displayName, password: $password) { ${AUTH_FIELDS} }
}`;
export const SIGN_UP_STATUS_QUERY = 'query SignUpStatus($tenantId: ID!) { signUpStatus(tenantId: $tenantId) { id tenantId status reason createdAt decidedAt } }';
export const ENROLL_TOTP_MUTATION = 'mutation EnrollTotp { enrollTotp { secret otpauthUri } }';
export const CONFIRM_TOTP_MUTATION = `mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) { ${USER_FIELDS} } }`;
export const DISABLE_TOTP_MUTATION = `mutation DisableTotp($code: String!) { disableTotp(code: $code) { ${USER_FIELDS} } }`;
export const ME_QUERY = `query Me { me { ${USER_FIELDS} } }`;
export const PLATFORM_INFO_QUERY = 'query PlatformInfo { platformInfo { sandboxCluster version ssoEnabled } }';

initSession(async (refreshToken) => {
  const data = await graphqlRequest<{ refreshToken: AuthPayload }>(REFRESH_MUTATION, { refreshToken }, { auth: false });
  return data.refreshToken;
});
