import type { AuthProvider, UserIdentity } from 'react-admin';
import { graphqlRequest, LOGIN_MUTATION, ME_QUERY } from './lib/apiClient';
import { errorCode, GraphQLRequestError } from './lib/graphqlErrors';
import { endSession, getAccessToken, msSinceLastRefresh, readSession, refreshSession, startSession, updateSessionUser } from './lib/session';
import type { AuthPayload, Me } from './lib/types';

/** A refresh this recent that still ends in UNAUTHENTICATED means the session is really over. */
const RECENT_REFRESH_MS = 5_000;

export interface Permissions {
  platformRole: Me['platformRole'];
  memberships: Me['memberships'];
}

const SESSION_EXPIRED = 'nprod.auth.session_expired';

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      const data = await graphqlRequest<{ login: AuthPayload }>(LOGIN_MUTATION, { login: username.trim(), password }, { auth: false });
      startSession(data.login);
    } catch (error) {
      if (error instanceof TypeError) throw new Error('nprod.errors.network');
      // Wrong credentials are the everyday case: say so in the console's language.
      if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') throw new Error('nprod.auth.wrong_credentials');
      throw error instanceof GraphQLRequestError ? new Error(error.message) : error;
    }
  },

  async logout() {
    endSession();
  },

  async checkAuth() {
    if (!readSession()) throw { message: false };
    if (!(await getAccessToken())) throw { message: SESSION_EXPIRED };
  },

  async checkError(error) {
    const code = errorCode(error);
    if (code !== 'UNAUTHENTICATED') return;
    // Never signed in (first visit): go to the login page without a "session expired" message.
    if (!readSession()) throw { message: false };
    if (msSinceLastRefresh() > RECENT_REFRESH_MS && (await refreshSession())) return;
    endSession();
    throw { message: SESSION_EXPIRED };
  },

  async getIdentity(): Promise<UserIdentity> {
    let user = readSession()?.user;
    if (!user) throw new Error(SESSION_EXPIRED);
    try {
      user = (await graphqlRequest<{ me: Me }>(ME_QUERY)).me;
      updateSessionUser(user);
    } catch {
      // Keep the identity from the login response; checkError handles real auth failures.
    }
    return { id: user.id, fullName: user.displayName, email: user.email, platformRole: user.platformRole, memberships: user.memberships };
  },

  async getPermissions(): Promise<Permissions | undefined> {
    const user = readSession()?.user;
    return user ? { platformRole: user.platformRole, memberships: user.memberships } : undefined;
  },
};
