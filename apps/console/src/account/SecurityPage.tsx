import PhonelinkLockIcon from '@mui/icons-material/PhonelinkLock';
import PersonIcon from '@mui/icons-material/Person';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { Form, required, SaveButton, TextInput, Title, useDataProvider, useGetIdentity, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { Identity } from '../authProvider';
import { submissionFailure } from '../components/serverErrors';
import { trimmedLength } from '../components/validation';
import { CONFIRM_TOTP_MUTATION, DISABLE_TOTP_MUTATION, ENROLL_TOTP_MUTATION, graphqlRequest } from '../lib/apiClient';
import { updateSessionUser } from '../lib/session';
import type { Me } from '../lib/types';

interface Enrolment {
  secret: string;
  otpauthUri: string;
}

const CODE = /^\d{6}$/;

/** A 6-digit code input and a button; the server's complaint about the code is shown under it. */
const CodeForm = ({ label, submitLabel, onSubmit, testId, destructive }: { label: string; submitLabel: string; onSubmit: (code: string) => Promise<void>; testId: string; destructive?: boolean }) => {
  const translate = useTranslate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(code);
      setCode('');
    } catch (reason) {
      const failure = submissionFailure(reason);
      setError(failure.field === 'code' ? translate('nprod.account.totp.wrong_code') : failure.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap', mt: 1 }}>
      <TextField
        label={translate(label)}
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        error={!!error}
        helperText={error ?? ' '}
        size="small"
        autoComplete="one-time-code"
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6, 'data-testid': `${testId}-code`, style: { letterSpacing: '0.3em' } } }}
        sx={{ width: 220 }}
      />
      <Button type="submit" variant="contained" color={destructive ? 'error' : 'primary'} disabled={busy || !CODE.test(code)} data-testid={`${testId}-submit`} startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
        {translate(submitLabel)}
      </Button>
    </Box>
  );
};

const EnrolmentStep = ({ enrolment, onConfirmed }: { enrolment: Enrolment; onConfirmed: (me: Me) => void }) => {
  const translate = useTranslate();
  const [qr, setQr] = useState<string | undefined>();
  useEffect(() => {
    let active = true;
    QRCode.toDataURL(enrolment.otpauthUri, { margin: 1, width: 200, errorCorrectionLevel: 'M' })
      .then((url) => active && setQr(url))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [enrolment.otpauthUri]);
  return (
    <Box data-testid="totp-enrolment" sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{translate('nprod.account.totp.step_scan')}</Typography>
      <Box sx={{ display: 'flex', gap: 3, alignItems: 'center', flexWrap: 'wrap', my: 1 }}>
        <Box sx={{ width: 200, height: 200, border: 1, borderColor: 'divider', borderRadius: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: '#fff' }}>
          {qr ? <img src={qr} alt={translate('nprod.account.totp.qr_alt')} width={200} height={200} data-testid="totp-qr" /> : <CircularProgress size={24} />}
        </Box>
        <Box sx={{ maxWidth: 360 }}>
          <Typography variant="body2" color="text.secondary">
            {translate('nprod.account.totp.manual')}
          </Typography>
          <Box component="code" data-testid="totp-secret" sx={{ display: 'block', mt: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontFamily: 'monospace', wordBreak: 'break-all', letterSpacing: '0.1em' }}>
            {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
          </Box>
        </Box>
      </Box>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate('nprod.account.totp.step_confirm')}
      </Typography>
      <CodeForm
        label="nprod.auth.totp_code"
        submitLabel="nprod.account.totp.confirm"
        testId="totp-confirm"
        onSubmit={async (code) => onConfirmed((await graphqlRequest<{ confirmTotp: Me }>(CONFIRM_TOTP_MUTATION, { code })).confirmTotp)}
      />
    </Box>
  );
};

const TwoFactorCard = ({ identity }: { identity: Identity }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [enrolment, setEnrolment] = useState<Enrolment | undefined>();
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [disabling, setDisabling] = useState(false);
  const enabled = !!identity.totpEnabled;
  const required = !!identity.totpRequired;

  const changed = (me: Me, message: string) => {
    updateSessionUser(me);
    setEnrolment(undefined);
    setDisabling(false);
    notify(message, { type: 'success' });
    refresh();
  };

  const start = async () => {
    setStarting(true);
    setProblem(undefined);
    try {
      setEnrolment((await graphqlRequest<{ enrollTotp: Enrolment }>(ENROLL_TOTP_MUTATION)).enrollTotp);
    } catch (error) {
      setProblem(submissionFailure(error).message);
    } finally {
      setStarting(false);
    }
  };

  return (
    <Card data-testid="totp-card">
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <PhonelinkLockIcon color="primary" />
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            {translate('nprod.account.totp.title')}
          </Typography>
          <Chip size="small" color={enabled ? 'success' : 'default'} label={translate(enabled ? 'nprod.account.totp.on' : 'nprod.account.totp.off')} data-testid="totp-state" data-value={enabled ? 'on' : 'off'} />
        </Box>
        <Typography variant="body2" color="text.secondary">
          {translate('nprod.account.totp.intro')}
        </Typography>
        {required && !enabled && (
          <Alert severity="warning" sx={{ mt: 2 }} data-testid="totp-required">
            {translate('nprod.account.totp.required')}
          </Alert>
        )}
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {problem}
          </Alert>
        )}
        {!enabled && !enrolment && (
          <Button variant="contained" sx={{ mt: 2 }} onClick={start} disabled={starting} data-testid="totp-start">
            {translate('nprod.account.totp.turn_on')}
          </Button>
        )}
        {!enabled && enrolment && <EnrolmentStep enrolment={enrolment} onConfirmed={(me) => changed(me, 'nprod.account.totp.turned_on')} />}
        {enabled && required && (
          <Typography variant="body2" sx={{ mt: 2 }}>
            {translate('nprod.account.totp.cannot_disable')}
          </Typography>
        )}
        {enabled && !required && !disabling && (
          <Button color="error" sx={{ mt: 2 }} onClick={() => setDisabling(true)} data-testid="totp-disable">
            {translate('nprod.account.totp.turn_off')}
          </Button>
        )}
        {enabled && !required && disabling && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="body2">{translate('nprod.account.totp.disable_prompt')}</Typography>
            <CodeForm
              label="nprod.auth.totp_code"
              submitLabel="nprod.account.totp.turn_off"
              testId="totp-disable"
              destructive
              onSubmit={async (code) => changed((await graphqlRequest<{ disableTotp: Me }>(DISABLE_TOTP_MUTATION, { code })).disableTotp, 'nprod.account.totp.turned_off')}
            />
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

const ProfileCard = ({ identity }: { identity: Identity }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const blocked = !!identity.totpRequired && !identity.totpEnabled;
  return (
    <Card>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <PersonIcon color="primary" />
          <Typography variant="h6" component="h2">
            {translate('nprod.account.profile.title')}
          </Typography>
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {identity.email}
        </Typography>
        <Form
          defaultValues={{ displayName: identity.displayName }}
          onSubmit={async (values: Record<string, unknown>) => {
            try {
              await dataProvider.update('users', { id: identity.id, data: { id: identity.id, displayName: String(values.displayName).trim() }, previousData: { id: identity.id } });
              notify('nprod.account.profile.saved', { type: 'success' });
              refresh();
              return undefined;
            } catch (error) {
              return submissionFailure(error).errors;
            }
          }}
          noValidate
        >
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <TextInput source="displayName" label="nprod.account.profile.display_name" validate={[required(), trimmedLength(1, 200)]} disabled={blocked} fullWidth={false} sx={{ width: 360, maxWidth: '100%' }} />
            <SaveButton sx={{ mt: 1 }} disabled={blocked} data-testid="profile-save" />
          </Box>
        </Form>
      </CardContent>
    </Card>
  );
};

/** The user menu's "Account and security": display name and the TOTP second factor. */
export const SecurityPage = () => {
  const translate = useTranslate();
  const { identity, isPending } = useGetIdentity();
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2, maxWidth: 760 }}>
      <Title title={translate('nprod.account.title')} />
      {isPending || !identity ? (
        <CircularProgress />
      ) : (
        <>
          <TwoFactorCard identity={identity as Identity} />
          <ProfileCard identity={identity as Identity} />
        </>
      )}
    </Box>
  );
};
