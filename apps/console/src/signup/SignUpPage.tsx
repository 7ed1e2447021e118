import PersonAddIcon from '@mui/icons-material/PersonAdd';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Form, PasswordInput, RadioButtonGroupInput, required, SaveButton, TextInput, useLogin, useRefresh, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { Link as RouterLink } from 'react-router-dom';
import { submissionFailure } from '../components/serverErrors';
import { emailValidator, passwordValidator, registryNumberValidator, samePasswordValidator, trimmedLength } from '../components/validation';
import { RegionInput } from '../components/RegionInput';
import { enumChoices } from '../lib/enums';
import { graphqlRequest, SIGN_UP_MUTATION } from '../lib/apiClient';
import type { AuthPayload } from '../lib/types';
import { AuthCard } from '../login/AuthCard';

export const SIGN_UP_KINDS = ['BUSINESS', 'INDIVIDUAL'] as const;

export interface SignUpValues {
  kind: (typeof SIGN_UP_KINDS)[number];
  name: string;
  registryNumber: string;
  region: string;
  displayName: string;
  email: string;
  password: string;
  passwordConfirmation?: string;
}

export const toSignUpInput = (values: SignUpValues) => ({
  kind: values.kind,
  name: values.name.trim(),
  email: values.email.trim(),
  password: values.password,
  registryNumber: values.registryNumber.trim(),
  region: values.region,
  displayName: values.displayName.trim(),
});

/** Conflicts on sign-up mean "already registered", which the generic wording does not say. */
const CONFLICT_KEYS: Record<string, string> = {
  email: 'nprod.signup.errors.email_taken',
  registryNumber: 'nprod.signup.errors.registry_number_taken',
};

/** Labels that follow the kind: a company name and BIN, or a person's full name and IIN. */
const KindAwareInputs = () => {
  const kind = useWatch({ name: 'kind' }) as string | undefined;
  const individual = kind === 'INDIVIDUAL';
  return (
    <>
      <TextInput
        source="name"
        label={individual ? 'nprod.signup.fields.full_name' : 'nprod.signup.fields.company_name'}
        validate={[required(), trimmedLength(2, 200)]}
        fullWidth
      />
      <TextInput
        source="registryNumber"
        label={individual ? 'nprod.signup.fields.iin' : 'nprod.signup.fields.bin'}
        helperText={individual ? 'nprod.signup.helpers.iin' : 'nprod.signup.helpers.bin'}
        validate={[required(), registryNumberValidator]}
        fullWidth
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12 } }}
      />
    </>
  );
};

export const SignUpPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const refresh = useRefresh();
  const [formError, setFormError] = useState<string | undefined>();

  const submit = async (values: Record<string, unknown>) => {
    setFormError(undefined);
    try {
      const { signUp } = await graphqlRequest<{ signUp: AuthPayload }>(SIGN_UP_MUTATION, toSignUpInput(values as unknown as SignUpValues), { auth: false });
      await login({ payload: signUp, redirectTo: '/sign-up/pending' });
      refresh();
      return undefined;
    } catch (error) {
      const failure = submissionFailure(error);
      if (failure.code === 'CONFLICT' && failure.field && CONFLICT_KEYS[failure.field]) {
        const message = translate(CONFLICT_KEYS[failure.field]);
        return { [failure.field]: message };
      }
      if (!failure.field) setFormError(failure.message);
      return failure.errors;
    }
  };

  return (
    <AuthCard title="nprod.signup.title" subtitle={translate('nprod.signup.subtitle')} icon={<PersonAddIcon />} width={520}>
      <Form onSubmit={submit} defaultValues={{ kind: 'BUSINESS', region: '' }} noValidate mode="onBlur" reValidateMode="onChange">
        <Box data-testid="sign-up-form">
          <RadioButtonGroupInput source="kind" label="nprod.signup.fields.kind" choices={enumChoices('TenantKind', SIGN_UP_KINDS)} validate={required()} row />
          <KindAwareInputs />
          {/* The home regions the API accepts (those of clusters taking new spaces); the first is preselected. */}
          <RegionInput
            source="region"
            signUp
            preselect
            label="nprod.signup.fields.region"
            validate={required()}
            helperText="nprod.signup.helpers.region"
            fullWidth
            data-testid="sign-up-region"
          />
          <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
            {translate('nprod.signup.sections.owner')}
          </Typography>
          <TextInput source="displayName" label="nprod.signup.fields.display_name" validate={[required(), trimmedLength(2, 200)]} fullWidth />
          <TextInput source="email" label="nprod.signup.fields.email" type="email" validate={[required(), emailValidator]} fullWidth autoComplete="email" />
          <PasswordInput source="password" label="nprod.signup.fields.password" validate={[required(), passwordValidator]} fullWidth autoComplete="new-password" helperText="nprod.signup.helpers.password" />
          <PasswordInput source="passwordConfirmation" label="nprod.signup.fields.password_confirmation" validate={[required(), samePasswordValidator]} fullWidth autoComplete="new-password" />
          {formError && (
            <Alert severity="error" role="alert" sx={{ mt: 1 }} data-testid="sign-up-error">
              {translate(formError, { _: formError })}
            </Alert>
          )}
          <SaveButton label="nprod.signup.submit" icon={<PersonAddIcon />} fullWidth sx={{ mt: 2 }} alwaysEnable data-testid="sign-up-submit" />
        </Box>
      </Form>
      <Box sx={{ mt: 3, display: 'flex', justifyContent: 'center', gap: 0.5, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          {translate('nprod.signup.have_account')}
        </Typography>
        <Link component={RouterLink} to="/login" variant="body2">
          {translate('nprod.auth.sign_in')}
        </Link>
      </Box>
    </AuthCard>
  );
};
