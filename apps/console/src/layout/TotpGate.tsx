import { Navigate, useGetIdentity, useLocation } from 'react-admin';
import type { Identity } from '../authProvider';

export const SECURITY_PATH = '/account/security';

/**
 * With REQUIRE_TOTP_FOR_OPERATORS, an operator without TOTP may only enrol: every other call is
 * refused. Send them to the enrolment page instead of a screen full of errors.
 */
export const TotpGate = () => {
  const { identity } = useGetIdentity();
  const location = useLocation();
  const me = identity as Identity | undefined;
  if (me?.totpRequired && !me.totpEnabled && location.pathname !== SECURITY_PATH) return <Navigate to={SECURITY_PATH} replace />;
  return null;
};
