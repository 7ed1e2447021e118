import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { useDialogAction } from '../components/useDialogAction';
import type { InstanceRecord, JsonSchema, Plan } from '../lib/catalogue';
import { ordersApi } from '../orders/api';
import { DeletionDialog, type DeletionTexts } from '../orders/DeletionDialog';
import { ResizeOrderDialog, type ResizeTexts } from '../orders/ResizeParts';

const RESIZE_TEXTS: ResizeTexts = {
  title: 'nprod.instances.resize.title',
  intro: 'nprod.instances.resize.intro',
  current: 'nprod.instances.resize.current',
  unchanged: 'nprod.instances.resize.unchanged',
  newPrice: 'nprod.instances.resize.new_price',
  submit: 'nprod.instances.resize.submit',
};

const DECOMMISSION_TEXTS: DeletionTexts = {
  title: 'nprod.instances.decommission.title',
  warning: 'nprod.instances.decommission.warning',
  typeName: 'nprod.instances.decommission.type_name',
  submit: 'nprod.instances.decommission.submit',
};

interface DialogProps {
  open: boolean;
  onClose: () => void;
  instance: InstanceRecord;
}

// ---------------------------------------------------------------------------------------------

/** A new plan (or custom size) for the instance. */
export const ResizeDialog = ({ open, onClose, instance, plans, schema }: DialogProps & { plans: Plan[]; schema?: JsonSchema }) => (
  <ResizeOrderDialog
    open={open}
    onClose={onClose}
    subject={instance}
    target={{ instanceId: instance.id }}
    plans={plans}
    schema={schema}
    resource="instances"
    submit={(planKey, parameters, key) => ordersApi.resizeInstance(instance.id, planKey, parameters, key)}
    texts={RESIZE_TEXTS}
    testIdPrefix="resize"
  />
);

// ---------------------------------------------------------------------------------------------

/** Moves the end of the lease (or removes it); a suspended instance resumes. */
export const RenewDialog = ({ open, onClose, instance }: DialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { busy, problem, setProblem, run } = useDialogAction('instances');
  const inMonths = (months: number) => {
    const date = new Date();
    date.setMonth(date.getMonth() + months);
    return date.toISOString().slice(0, 10);
  };
  const [date, setDate] = useState(instance.leaseEndsAt ? inMonthsFrom(instance.leaseEndsAt, 3) : inMonths(3));
  const [noEnd, setNoEnd] = useState(false);

  const submit = async () => {
    if (!noEnd && !(new Date(`${date}T23:59:59`).getTime() > Date.now())) {
      setProblem(translate('nprod.orders.wizard.lease_future'));
      return;
    }
    await run(async () => {
      await ordersApi.renewInstance(instance.id, noEnd ? null : new Date(`${date}T23:59:59`).toISOString());
      notify('nprod.instances.lease.renewed', { type: 'success' });
      refresh();
      onClose();
    });
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" data-testid="renew-dialog">
      <DialogTitle>{translate('nprod.instances.lease.renew_title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('nprod.instances.lease.renew_intro')}
        </Typography>
        <TextField
          type="date"
          fullWidth
          name="leaseEndsAt"
          label={translate('nprod.instances.fields.leaseEndsAt')}
          value={date}
          disabled={noEnd}
          onChange={(event) => setDate(event.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ mb: 1 }}
        />
        <FormControlLabel control={<Switch checked={noEnd} onChange={(event) => setNoEnd(event.target.checked)} />} label={translate('nprod.instances.lease.no_end')} />
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {problem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" startIcon={<EventRepeatIcon />} disabled={busy} onClick={submit} data-testid="renew-submit">
          {translate('nprod.instances.lease.renew')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const inMonthsFrom = (iso: string, months: number) => {
  const date = new Date(Math.max(Date.parse(iso), Date.now()));
  date.setMonth(date.getMonth() + months);
  return date.toISOString().slice(0, 10);
};

// ---------------------------------------------------------------------------------------------

/** Orders the deletion after the person types the instance's name. */
export const DecommissionDialog = ({ open, onClose, instance }: DialogProps) => (
  <DeletionDialog
    open={open}
    onClose={onClose}
    name={instance.name}
    resource="instances"
    submit={(key) => ordersApi.decommissionInstance(instance.id, key)}
    texts={DECOMMISSION_TEXTS}
    testIdPrefix="decommission"
  />
);

// ---------------------------------------------------------------------------------------------

const CopyField = ({ name, label, value }: { name: string; label: string; value: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      notify('nprod.instances.credentials.copied', { type: 'info', messageArgs: { name: label } });
    } catch {
      notify('nprod.instances.credentials.copy_failed', { type: 'warning' });
    }
  };
  return (
    <TextField
      fullWidth
      label={label}
      value={value}
      sx={{ mb: 2 }}
      data-testid={`credential-${name}`}
      slotProps={{
        input: {
          readOnly: true,
          sx: { fontFamily: 'monospace' },
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title={translate('nprod.instances.credentials.copy')}>
                <IconButton onClick={copy} edge="end" aria-label={translate('nprod.instances.credentials.copy_named', { name: label })}>
                  <ContentCopyIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        },
      }}
    />
  );
};

/** Shows the credentials the API just opened; they live only in this dialog and are gone when it closes. */
export const CredentialsDialog = ({
  open,
  onClose,
  credentials,
  namespace,
}: {
  open: boolean;
  onClose: () => void;
  credentials?: { secretName: string; values: Record<string, string> };
  /** The space's namespace, where the Secret stays readable after this one reveal. */
  namespace: string;
}) => {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="credentials-dialog">
      <DialogTitle>{translate('nprod.instances.credentials.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('nprod.instances.credentials.once', { secret: credentials?.secretName ?? '', namespace })}
        </Alert>
        {Object.entries(credentials?.values ?? {}).map(([name, value]) => (
          // Keys the offerings use have a translated label; any other shows as the Secret names it.
          <CopyField key={name} name={name} label={translate(`nprod.instances.credentials.keys.${name}`, { _: name })} value={value} />
        ))}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={onClose} data-testid="credentials-close">
          {translate('nprod.instances.credentials.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
