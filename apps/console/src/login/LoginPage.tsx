import LockIcon from '@mui/icons-material/Lock';
import Alert from '@mui/material/Alert';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { LocalesMenuButton, useLogin, useTranslate } from 'react-admin';
import { SandboxBanner } from '../layout/SandboxBanner';

export const LoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await login({ username: identifier, password });
    } catch (reason) {
      const message = reason instanceof Error && reason.message ? reason.message : 'nprod.auth.failed';
      setError(message);
      setSubmitting(false);
    }
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <SandboxBanner />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', p: 1 }}>
        <LocalesMenuButton />
      </Box>
      <Box sx={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center', pt: '8vh' }}>
        <Card sx={{ width: 380, maxWidth: '92vw' }}>
          <CardContent>
            <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', mb: 2 }}>
              <Avatar sx={{ bgcolor: 'secondary.main', mb: 1 }}>
                <LockIcon />
              </Avatar>
              <Typography component="h1" variant="h6">
                {translate('nprod.auth.login_title')}
              </Typography>
            </Box>
            <Box component="form" onSubmit={submit} noValidate aria-label={translate('nprod.auth.login_title')}>
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
              {error && (
                <Alert severity="error" role="alert" data-testid="login-error" sx={{ mt: 1 }}>
                  {translate(error, { _: error })}
                </Alert>
              )}
              <Button
                type="submit"
                variant="contained"
                fullWidth
                sx={{ mt: 2 }}
                disabled={submitting || !identifier.trim() || !password}
                data-testid="login-submit"
                startIcon={submitting ? <CircularProgress size={18} color="inherit" /> : undefined}
              >
                {translate('nprod.auth.sign_in')}
              </Button>
            </Box>
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
};
