import MailIcon from '@mui/icons-material/MarkEmailRead';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { Form, PasswordInput, required, SaveButton, TextInput, useLogin, useRefresh, useTranslate } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { submissionFailure } from '../components/serverErrors';
import { trimmedLength } from '../components/validation';
import { ACCEPT_INVITATION_MUTATION, graphqlRequest } from '../lib/apiClient';
import type { AuthPayload } from '../lib/types';
import { AuthCard } from '../login/AuthCard';

/** Problems with the link itself (not with what the person typed) end the page: a new link is needed. */
const linkProblem = (code: string | undefined, field: string | undefined) => (code === 'BAD_USER_INPUT' && field === 'token') || code === 'CONFLICT';

/** `/#/invitations/accept?token=…`: the link from the invitation e-mail. */
export const AcceptInvitationPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const refresh = useRefresh();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [linkError, setLinkError] = useState<string | undefined>(token ? undefined : translate('nprod.invitation_accept.no_token'));

  const submit = async (values: Record<string, unknown>) => {
    try {
      const displayName = String(values.displayName ?? '').trim();
      const { acceptInvitation } = await graphqlRequest<{ acceptInvitation: AuthPayload }>(
        ACCEPT_INVITATION_MUTATION,
        { token, password: values.password, ...(displayName ? { displayName } : {}) },
        { auth: false },
      );
      await login({ payload: acceptInvitation, redirectTo: '/' });
      refresh();
      return undefined;
    } catch (error) {
      const failure = submissionFailure(error);
      if (linkProblem(failure.code, failure.field)) {
        setLinkError(failure.code === 'CONFLICT' ? translate('nprod.invitation_accept.already_accepted') : failure.message);
        return undefined;
      }
      // An existing account's password did not match.
      if (failure.code === 'UNAUTHENTICATED') return { password: translate('nprod.invitation_accept.wrong_password') };
      return Object.keys(failure.errors).length ? failure.errors : { root: { serverError: failure.message } };
    }
  };

  return (
    <AuthCard title="nprod.invitation_accept.title" subtitle={translate('nprod.invitation_accept.subtitle')} icon={<MailIcon />} width={460}>
      {linkError ? (
        <Box data-testid="invitation-link-error">
          <Alert severity="error" role="alert">
            {linkError}
          </Alert>
          <Button component={RouterLink} to="/login" variant="contained" fullWidth sx={{ mt: 2 }}>
            {translate('nprod.sso.back_to_sign_in')}
          </Button>
        </Box>
      ) : (
        <Form onSubmit={submit} noValidate>
          <Box data-testid="invitation-accept-form">
            <TextInput source="displayName" label="nprod.invitation_accept.display_name" helperText="nprod.invitation_accept.display_name_helper" validate={trimmedLength(1, 200)} fullWidth />
            <PasswordInput source="password" label="nprod.invitation_accept.password" helperText="nprod.invitation_accept.password_helper" validate={required()} fullWidth autoComplete="new-password" />
            <SaveButton label="nprod.invitation_accept.submit" icon={<MailIcon />} fullWidth sx={{ mt: 2 }} alwaysEnable data-testid="invitation-accept-submit" />
          </Box>
        </Form>
      )}
    </AuthCard>
  );
};
