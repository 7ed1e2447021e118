import HowToRegIcon from '@mui/icons-material/HowToReg';
import NotInterestedIcon from '@mui/icons-material/NotInterested';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Datagrid, List, TextField, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { TenantKindChip } from '../components/chips';
import { RegionField } from '../components/RegionField';
import type { TenantRecord } from '../lib/types';
import { SignUpDecisionDialogs } from '../tenants/TenantStatusActions';

const Decide = () => {
  const tenant = useRecordContext<TenantRecord>();
  const translate = useTranslate();
  const [dialog, setDialog] = useState<'verify' | 'reject' | undefined>();
  if (!tenant) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }} onClick={(event) => event.stopPropagation()}>
      <Button size="small" variant="contained" color="success" startIcon={<HowToRegIcon />} onClick={() => setDialog('verify')} data-testid="sign-up-verify">
        {translate('resources.tenants.status_actions.verify')}
      </Button>
      <Button size="small" color="error" startIcon={<NotInterestedIcon />} onClick={() => setDialog('reject')} data-testid="sign-up-reject">
        {translate('resources.tenants.status_actions.reject')}
      </Button>
      <SignUpDecisionDialogs tenant={tenant} dialog={dialog} onClose={() => setDialog(undefined)} />
    </Box>
  );
};

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4, textAlign: 'center' }} data-testid="sign-ups-empty">
      <HowToRegIcon sx={{ fontSize: 48, color: 'text.disabled' }} />
      <Typography variant="h6">{translate('nprod.sign_ups.empty')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('nprod.sign_ups.empty_hint')}
      </Typography>
    </Box>
  );
};

/** Operators' inbox of private customers waiting for verification (PENDING tenants). */
export const SignUpsPage = () => {
  const translate = useTranslate();
  return (
    <List
      resource="tenants"
      storeKey="sign-ups"
      disableSyncWithLocation
      title={translate('nprod.sign_ups.title')}
      filter={{ status: 'PENDING' }}
      sort={{ field: 'createdAt', order: 'ASC' }}
      actions={false}
      empty={<Empty />}
      perPage={25}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="sign-ups">
        <TextField source="name" />
        <TenantKindChip source="kind" label="resources.tenants.fields.kind" />
        <TextField source="registryNumber" />
        <RegionField source="region" label="resources.tenants.fields.region" />
        <LocaleDateField source="createdAt" showTime label="nprod.sign_ups.submitted" />
        <Decide />
      </Datagrid>
    </List>
  );
};
