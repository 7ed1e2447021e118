import KeyIcon from '@mui/icons-material/Key';
import LoginIcon from '@mui/icons-material/Login';
import PhonelinkLockIcon from '@mui/icons-material/PhonelinkLock';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState, type FormEvent } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { LoginError, type LoginFailure, type LoginStep } from '../lib/loginErrors';
import { usePlatformInfo } from '../lib/platformInfo';
import { AuthCard } from './AuthCard';

const OTP_PATTERN = /^\d{6}$/;

/** Where single sign-on should bring the person back to: the page they were sent away from, if any. */
export const ssoLoginUrl = (returnTo: string | undefined) => {
  const safe = returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.startsWith('/login') ? returnTo : '/';
  return `/auth/oidc/login?returnTo=${encodeURIComponent(safe)}`;
};

export const LoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const location = useLocation();
  const info = usePlatformInfo();
  const [step, setStep] = useState<LoginStep>('password');
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | undefined>();
  const otpInput = useRef<HTMLInputElement>(null);
  const nextPathname = (location.state as { nextPathname?: string } | null)?.nextPathname;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setFailure(undefined);
    try {
      await login({ username: identifier, password, ...(step === 'otp' ? { otp } : {}) });
    } catch (reason) {
      const next = reason instanceof LoginError ? reason.failure : { message: reason instanceof Error && reason.message ? reason.message : 'nprod.auth.failed' };
      if (next.step) {
        setStep(next.step);
        if (next.step === 'otp') {
          setOtp('');
          setTimeout(() => otpInput.current?.focus(), 0);
        }
      }
      setFailure(next.message ? next : undefined);
      setSubmitting(false);
    }
  };

  const backToPassword = () => {
    setStep('password');
    setOtp('');
    setFailure(undefined);
  };

  const canSubmit = step === 'password' ? !!identifier.trim() && !!password : OTP_PATTERN.test(otp);

  return (
    <AuthCard
      title={step === 'otp' ? 'nprod.auth.totp_title' : 'nprod.auth.login_title'}
      icon={step === 'otp' ? <PhonelinkLockIcon /> : undefined}
      subtitle={step === 'otp' ? translate('nprod.auth.totp_prompt') : undefined}
    >
      <Box component="form" onSubmit={submit} noValidate aria-label={translate(step === 'otp' ? 'nprod.auth.totp_title' : 'nprod.auth.login_title')}>
        {step === 'password' ? (
          <>
            <TextField
              id="login"
              name="login"
              label={translate('nprod.auth.login_field')}
              value={identifier}
              onChange={(event) => setIdentifier(event.target.value)}
              autoComplete="username"
              autoFocus
              required
              fullWidth
              margin="normal"
              disabled={submitting}
              slotProps={{ htmlInput: { 'data-testid': 'login-identifier' } }}
            />
            <TextField
              id="password"
              name="password"
              type="password"
              label={translate('nprod.auth.password')}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoComplete="current-password"
              required
              fullWidth
              margin="normal"
              disabled={submitting}
              slotProps={{ htmlInput: { 'data-testid': 'login-password' } }}
            />
          </>
        ) : (
          <TextField
            id="otp"
            name="otp"
            label={translate('nprod.auth.totp_code')}
            value={otp}
            onChange={(event) => setOtp(event.target.value.replace(/\D/g, '').slice(0, 6))}
            autoComplete="one-time-code"
            required
            fullWidth
            margin="normal"
            disabled={submitting}
            inputRef={otpInput}
            helperText={translate('nprod.auth.totp_helper')}
            slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 6, 'data-testid': 'login-otp', style: { letterSpacing: '0.4em', fontSize: '1.3rem' } } }}
          />
        )}
        {failure?.message && (
          <Alert severity="error" role="alert" data-testid="login-error" sx={{ mt: 1 }}>
            {translate(failure.message, { _: failure.message, ...failure.args })}
          </Alert>
        )}
        <Button
          type="submit"
          variant="contained"
          fullWidth
          sx={{ mt: 2 }}
          disabled={submitting || !canSubmit}
          data-testid="login-submit"
          startIcon={submitting ? <CircularProgress size={18} color="inherit" /> : undefined}
        >
          {translate(step === 'otp' ? 'nprod.auth.verify' : 'nprod.auth.sign_in')}
        </Button>
        {step === 'otp' && (
          <Button fullWidth sx={{ mt: 1 }} onClick={backToPassword} disabled={submitting} data-testid="login-back">
            {translate('nprod.auth.back')}
          </Button>
        )}
      </Box>
      {step === 'password' && info?.ssoEnabled && (
        <>
          <Divider sx={{ my: 2 }}>
            <Typography variant="caption" color="text.secondary">
              {translate('nprod.auth.or')}
            </Typography>
          </Divider>
          <Button fullWidth variant="outlined" startIcon={<KeyIcon />} href={ssoLoginUrl(nextPathname)} data-testid="login-sso">
            {translate('nprod.auth.sso')}
          </Button>
        </>
      )}
      {step === 'password' && (
        <Box sx={{ mt: 3, display: 'flex', justifyContent: 'center', gap: 0.5, flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary">
            {translate('nprod.auth.no_account')}
          </Typography>
          <Link component={RouterLink} to="/sign-up" variant="body2" data-testid="login-sign-up">
            <LoginIcon sx={{ fontSize: 16, verticalAlign: 'text-bottom', mr: 0.25 }} />
            {translate('nprod.auth.sign_up_link')}
          </Link>
        </Box>
      )}
    </AuthCard>
  );
};
