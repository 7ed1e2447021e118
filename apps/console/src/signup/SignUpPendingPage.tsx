import HourglassIcon from '@mui/icons-material/HourglassTop';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Authenticated, useGetIdentity, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { Identity } from '../authProvider';
import { graphqlRequest, SIGN_UP_STATUS_QUERY } from '../lib/apiClient';
import { AuthCard } from '../login/AuthCard';

interface SignUpStatus {
  status: 'PENDING' | 'VERIFIED' | 'REJECTED';
  reason?: string | null;
  decidedAt?: string | null;
}

const SEVERITY = { PENDING: 'info', VERIFIED: 'success', REJECTED: 'error' } as const;

const PendingContent = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const tenant = (identity as Identity | undefined)?.memberships?.find((membership) => membership.role === 'OWNER') ?? (identity as Identity | undefined)?.memberships?.[0];
  const [status, setStatus] = useState<SignUpStatus | undefined>();

  useEffect(() => {
    if (!tenant) return;
    let active = true;
    graphqlRequest<{ signUpStatus: SignUpStatus }>(SIGN_UP_STATUS_QUERY, { tenantId: tenant.tenantId })
      .then((data) => active && setStatus(data.signUpStatus))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [tenant]);

  return (
    <AuthCard title="nprod.signup.pending.title" icon={<HourglassIcon />} width={520}>
      <Box data-testid="sign-up-pending">
        {status ? (
          <Alert severity={SEVERITY[status.status]} data-testid="sign-up-status" data-value={status.status}>
            {translate(`nprod.signup.pending.status.${status.status}`, { tenant: tenant?.tenantName ?? '' })}
            {status.reason && (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {translate('nprod.signup.pending.reason', { reason: status.reason })}
              </Typography>
            )}
          </Alert>
        ) : (
          <Skeleton height={64} />
        )}
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          {translate('nprod.signup.pending.next')}
        </Typography>
        <List dense>
          {(['verify', 'look_around', 'order'] as const).map((step, index) => (
            <ListItem key={step} disableGutters>
              <ListItemText primary={`${index + 1}. ${translate(`nprod.signup.pending.steps.${step}`)}`} />
            </ListItem>
          ))}
        </List>
        <Button component={RouterLink} to="/" variant="contained" fullWidth data-testid="sign-up-continue">
          {translate('nprod.signup.pending.continue')}
        </Button>
      </Box>
    </AuthCard>
  );
};

/** After sign-up: the customer is signed in and their tenant waits for an operator. */
export const SignUpPendingPage = () => (
  <Authenticated>
    <PendingContent />
  </Authenticated>
);
