import { useGetIdentity } from 'react-admin';
import type { Caller } from './access';
import { readSession } from './session';

/** The signed-in person as access decisions need them: the fresh `me` when loaded, the session's copy until then. */
export const useCaller = (): Caller | undefined => {
  const { identity } = useGetIdentity();
  if (identity && Array.isArray((identity as { memberships?: unknown }).memberships)) {
    const { id, platformRole, memberships } = identity as unknown as Caller;
    return { id: String(id), platformRole, memberships };
  }
  return readSession()?.user;
};
