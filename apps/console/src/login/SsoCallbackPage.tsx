import KeyIcon from '@mui/icons-material/Key';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useLogin, useRefresh, useTranslate } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { EXCHANGE_SSO_CODE_MUTATION, graphqlRequest } from '../lib/apiClient';
import type { AuthPayload } from '../lib/types';
import { AuthCard } from './AuthCard';

/** Failure reasons the API's callback reports; each has its own words in the console. */
export const SSO_FAILURE_REASONS = [
  'SSO_DISABLED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'UNKNOWN_STATE',
  'EXPIRED_STATE',
  'BROWSER_MISMATCH',
  'TOKEN_REJECTED',
  'MISSING_EMAIL',
  'EMAIL_NOT_VERIFIED',
  'UNKNOWN_TENANT',
] as const;

/** Console paths only, as the API allows them; anything else lands on the dashboard. */
export const safeReturnTo = (value: string | null) => (value && /^\/(?![/\\])/.test(value) && !value.startsWith('/sso') ? value : '/');

// A code works once: the exchange must not run twice when React renders the page twice.
const exchanges = new Map<string, Promise<AuthPayload>>();
const exchange = (code: string) => {
  let pending = exchanges.get(code);
  if (!pending) {
    pending = graphqlRequest<{ exchangeSsoCode: AuthPayload }>(EXCHANGE_SSO_CODE_MUTATION, { code }, { auth: false }).then((data) => data.exchangeSsoCode);
    exchanges.set(code, pending);
  }
  return pending;
};

/** `/#/sso?code=…&returnTo=…` (or `?error=…&message=…`): where single sign-on comes back to. */
export const SsoCallbackPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const refresh = useRefresh();
  const [params] = useSearchParams();
  const code = params.get('code');
  const reason = params.get('error');
  const [failed, setFailed] = useState<string | undefined>();

  useEffect(() => {
    if (!code || reason) return;
    let active = true;
    exchange(code)
      .then((payload) => login({ payload, redirectTo: safeReturnTo(params.get('returnTo')) }))
      .then(() => refresh())
      .catch(() => {
        if (active) setFailed('nprod.sso.exchange_failed');
      });
    return () => {
      active = false;
    };
  }, [code, reason, login, refresh, params]);

  const known = reason && (SSO_FAILURE_REASONS as readonly string[]).includes(reason);
  const problem = reason ? translate(known ? `nprod.sso.reasons.${reason}` : 'nprod.sso.reasons.OTHER') : failed ? translate(failed) : !code ? translate('nprod.sso.no_code') : undefined;
  const details = reason ? params.get('message') : undefined;

  return (
    <AuthCard title="nprod.sso.title" icon={<KeyIcon />}>
      {problem ? (
        <Box data-testid="sso-error">
          <Alert severity="error" role="alert">
            {problem}
            {details && (
              <Typography variant="body2" sx={{ mt: 1, opacity: 0.8 }}>
                {details}
              </Typography>
            )}
          </Alert>
          <Button component={RouterLink} to="/login" variant="contained" fullWidth sx={{ mt: 2 }}>
            {translate('nprod.sso.back_to_sign_in')}
          </Button>
        </Box>
      ) : (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, justifyContent: 'center', py: 2 }} data-testid="sso-progress">
          <CircularProgress size={24} />
          <Typography>{translate('nprod.sso.signing_in')}</Typography>
        </Box>
      )}
    </AuthCard>
  );
};
