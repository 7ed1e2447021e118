import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import NotInterestedIcon from '@mui/icons-material/NotInterested';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { NumberInput, required, TextInput, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../components/FormDialog';
import { nonNegativeIntegerValidator, nonNegativeValidator, trimmedLength } from '../components/validation';
import type { NprodDataProvider } from '../dataProvider';
import { isOperator } from '../lib/access';
import type { TenantRecord } from '../lib/types';
import { coresToMillicores, gibToMib } from '../lib/units';
import { useCaller } from '../lib/useCaller';

type Dialog = 'suspend' | 'activate' | 'verify' | 'reject' | undefined;

const blankToUndefined = (value: unknown) => (value === null || value === undefined || value === '' ? undefined : Number(value));

/** Sizes the operator typed; blanks fall back to the platform's self-service allocation. */
export const toVerifyInput = (values: { cpuCores?: unknown; memoryGiB?: unknown; storageGiB?: unknown; maxSpaces?: unknown }) => {
  const cpu = blankToUndefined(values.cpuCores);
  const memory = blankToUndefined(values.memoryGiB);
  const storage = blankToUndefined(values.storageGiB);
  const spaces = blankToUndefined(values.maxSpaces);
  return {
    ...(cpu !== undefined ? { cpuMillicores: coresToMillicores(cpu) } : {}),
    ...(memory !== undefined ? { memoryMiB: gibToMib(memory) } : {}),
    ...(storage !== undefined ? { storageGiB: Math.round(storage) } : {}),
    ...(spaces !== undefined ? { maxSpaces: Math.round(spaces) } : {}),
  };
};

/** Verify (with an allocation) or reject a pending sign-up; used on the tenant page and in the sign-ups inbox. */
export const SignUpDecisionDialogs = ({ tenant, dialog, onClose }: { tenant: Pick<TenantRecord, 'id' | 'name'>; dialog: 'verify' | 'reject' | undefined; onClose: () => void }) => {
  const dataProvider = useDataProvider<NprodDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return (
    <>
      <FormDialog
        open={dialog === 'verify'}
        onClose={onClose}
        testId="verify-dialog"
        title="resources.tenants.status_actions.verify_title"
        submitLabel="resources.tenants.status_actions.verify"
        submitIcon={<HowToRegIcon />}
        intro={
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.tenants.status_actions.verify_intro', { tenant: tenant.name })}
          </Typography>
        }
        onSubmit={(values) => dataProvider.verifyTenant(tenant.id, toVerifyInput(values))}
        onSuccess={() => {
          notify('resources.tenants.notifications.verified', { type: 'success', messageArgs: { tenant: tenant.name } });
          refresh();
        }}
      >
        <NumberInput source="cpuCores" label="resources.tenants.fields.cpuCores" min={0} step={0.5} validate={nonNegativeValidator} helperText="resources.tenants.helpers.self_service_default" />
        <NumberInput source="memoryGiB" label="resources.tenants.fields.memoryGiB" min={0} step={1} validate={nonNegativeValidator} helperText={false} />
        <NumberInput source="storageGiB" label="resources.tenants.fields.storageGiB" min={0} step={1} validate={nonNegativeIntegerValidator} helperText={false} />
        <NumberInput source="maxSpaces" label="resources.tenants.fields.maxSpaces" min={0} step={1} validate={nonNegativeIntegerValidator} helperText={false} />
      </FormDialog>
      <FormDialog
        open={dialog === 'reject'}
        onClose={onClose}
        testId="reject-sign-up-dialog"
        title="resources.tenants.status_actions.reject_title"
        submitLabel="resources.tenants.status_actions.reject"
        submitIcon={<NotInterestedIcon />}
        destructive
        intro={
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.tenants.status_actions.reject_intro', { tenant: tenant.name })}
          </Typography>
        }
        onSubmit={(values) => dataProvider.rejectSignUp(tenant.id, String(values.reason ?? ''))}
        onSuccess={() => {
          notify('resources.tenants.notifications.rejected', { type: 'info', messageArgs: { tenant: tenant.name } });
          refresh();
        }}
      >
        <TextInput source="reason" label="resources.tenants.fields.reason" helperText="resources.tenants.helpers.reject_reason" validate={[required(), trimmedLength(3, 1000)]} multiline minRows={3} fullWidth />
      </FormDialog>
    </>
  );
};

/** Operators suspend (with a reason), activate, verify or reject a tenant. */
export const TenantStatusActions = ({ tenant }: { tenant: TenantRecord }) => {
  const caller = useCaller();
  const translate = useTranslate();
  const dataProvider = useDataProvider<NprodDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [dialog, setDialog] = useState<Dialog>();
  if (!isOperator(caller)) return null;
  const close = () => setDialog(undefined);
  return (
    <>
      {tenant.status === 'ACTIVE' && (
        <Button size="small" color="error" startIcon={<BlockIcon />} onClick={() => setDialog('suspend')} data-testid="tenant-suspend">
          {translate('resources.tenants.status_actions.suspend')}
        </Button>
      )}
      {tenant.status === 'SUSPENDED' && (
        <Button size="small" color="success" startIcon={<CheckCircleIcon />} onClick={() => setDialog('activate')} data-testid="tenant-activate">
          {translate('resources.tenants.status_actions.activate')}
        </Button>
      )}
      {tenant.status === 'PENDING' && (
        <>
          <Button size="small" color="success" startIcon={<HowToRegIcon />} onClick={() => setDialog('verify')} data-testid="tenant-verify">
            {translate('resources.tenants.status_actions.verify')}
          </Button>
          <Button size="small" color="error" startIcon={<NotInterestedIcon />} onClick={() => setDialog('reject')} data-testid="tenant-reject">
            {translate('resources.tenants.status_actions.reject')}
          </Button>
        </>
      )}
      <FormDialog
        open={dialog === 'suspend'}
        onClose={close}
        testId="suspend-dialog"
        title="resources.tenants.status_actions.suspend_title"
        submitLabel="resources.tenants.status_actions.suspend"
        submitIcon={<BlockIcon />}
        destructive
        intro={
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate('resources.tenants.status_actions.suspend_intro', { tenant: tenant.name })}
          </Alert>
        }
        onSubmit={(values) => dataProvider.setTenantStatus(tenant.id, 'SUSPENDED', String(values.statusReason ?? ''))}
        onSuccess={() => {
          notify('resources.tenants.notifications.suspended', { type: 'info', messageArgs: { tenant: tenant.name } });
          refresh();
        }}
      >
        <TextInput source="statusReason" label="resources.tenants.fields.statusReason" helperText="resources.tenants.helpers.suspend_reason" validate={[required(), trimmedLength(3, 500)]} multiline minRows={3} fullWidth />
      </FormDialog>
      <FormDialog
        open={dialog === 'activate'}
        onClose={close}
        testId="activate-dialog"
        title="resources.tenants.status_actions.activate_title"
        submitLabel="resources.tenants.status_actions.activate"
        submitIcon={<CheckCircleIcon />}
        intro={
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.tenants.status_actions.activate_intro', { tenant: tenant.name })}
          </Typography>
        }
        onSubmit={(values) => dataProvider.setTenantStatus(tenant.id, 'ACTIVE', values.statusReason ? String(values.statusReason) : undefined)}
        onSuccess={() => {
          notify('resources.tenants.notifications.activated', { type: 'success', messageArgs: { tenant: tenant.name } });
          refresh();
        }}
      >
        <TextInput source="statusReason" label="resources.tenants.fields.statusReason" helperText="resources.tenants.helpers.activate_reason" validate={trimmedLength(0, 500)} multiline minRows={2} fullWidth />
      </FormDialog>
      <SignUpDecisionDialogs tenant={tenant} dialog={dialog === 'verify' || dialog === 'reject' ? dialog : undefined} onClose={close} />
    </>
  );
};
