import type { AuthProvider, UserIdentity } from 'react-admin';
import { canAccess } from './lib/access';
import { graphqlRequest, LOGIN_MUTATION, LOGOUT_MUTATION, ME_QUERY } from './lib/apiClient';
import { errorCode } from './lib/graphqlErrors';
import { describeLoginFailure, LoginError } from './lib/loginErrors';
import { endSession, getAccessToken, msSinceLastRefresh, readSession, refreshSession, startSession, updateSessionUser } from './lib/session';
import type { AuthPayload, Me } from './lib/types';

/** A refresh this recent that still ends in UNAUTHENTICATED means the session is really over. */
const RECENT_REFRESH_MS = 5_000;

export interface Permissions {
  platformRole: Me['platformRole'];
  memberships: Me['memberships'];
}

export type Identity = UserIdentity & Pick<Me, 'email' | 'displayName' | 'platformRole' | 'memberships' | 'totpEnabled' | 'totpRequired'>;

const SESSION_EXPIRED = 'nprod.auth.session_expired';

export interface LoginParams {
  username: string;
  password: string;
  /** The TOTP code, on the second step of a two-factor sign-in. */
  otp?: string;
}

/** Reads `me` and keeps the stored session's copy current (roles and memberships change while signed in). */
export const refreshIdentity = async (): Promise<Me> => {
  const { me } = await graphqlRequest<{ me: Me }>(ME_QUERY);
  updateSessionUser(me);
  return me;
};

/** A session the API already issued (single sign-on, sign-up, accepted invitation), and where to go next. */
export interface IssuedSessionParams {
  payload: AuthPayload;
  redirectTo?: string;
}

export const authProvider: AuthProvider = {
  async login(params: LoginParams | IssuedSessionParams) {
    if ('payload' in params) {
      startSession(params.payload);
      return params.redirectTo ? { redirectTo: params.redirectTo } : undefined;
    }
    const { username, password, otp } = params;
    try {
      const variables = { login: username.trim(), password, ...(otp ? { otp: otp.replace(/\s+/g, '') } : {}) };
      const data = await graphqlRequest<{ login: AuthPayload }>(LOGIN_MUTATION, variables, { auth: false });
      startSession(data.login);
    } catch (error) {
      throw new LoginError(describeLoginFailure(error));
    }
  },

  async logout() {
    const session = readSession();
    endSession();
    if (session) {
      // Revoke the session on the server too; signing out locally must not wait for or depend on it.
      void graphqlRequest(LOGOUT_MUTATION, { refreshToken: session.refreshToken }, { auth: false }).catch(() => undefined);
    }
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

  async getIdentity(): Promise<Identity> {
    let user = readSession()?.user;
    if (!user) throw new Error(SESSION_EXPIRED);
    try {
      user = await refreshIdentity();
    } catch {
      // Keep the identity from the login response; checkError handles real auth failures.
    }
    return {
      id: user.id,
      fullName: user.displayName,
      email: user.email,
      displayName: user.displayName,
      platformRole: user.platformRole,
      memberships: user.memberships,
      totpEnabled: user.totpEnabled ?? false,
      totpRequired: user.totpRequired ?? false,
    };
  },

  async getPermissions(): Promise<Permissions | undefined> {
    const user = readSession()?.user;
    return user ? { platformRole: user.platformRole, memberships: user.memberships } : undefined;
  },

  async canAccess({ action, resource, record }) {
    return canAccess(readSession()?.user, { action, resource, record });
  },
};
