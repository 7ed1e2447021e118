import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { usePrice } from '../components/QuotaImpact';
import { useFormatters } from '../components/quantities';
import { useDialogAction } from '../components/useDialogAction';
import { newIdempotencyKey, type InstanceRecord, type JsonSchema, type Plan } from '../lib/catalogue';
import { customSizeFromInput, customSizeProblems, type CustomSizeInput } from '../lib/customSize';
import type { FieldMessage } from '../lib/parametersForm';
import { mibToGib, millicoresToCores } from '../lib/units';
import { ordersApi } from '../orders/api';
import { CustomSizeFields, ResizeQuotePanel } from '../orders/ResizeParts';
import { useOrderQuote } from '../orders/useOrderQuote';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  instance: InstanceRecord;
}

// ---------------------------------------------------------------------------------------------

/**
 * A new plan (or custom size) for the instance: the API's quote shows what the resize reserves
 * (only the growth), costs and whether it waits for an operator, then a MODIFY order.
 */
export const ResizeDialog = ({ open, onClose, instance, plans, schema }: DialogProps & { plans: Plan[]; schema?: JsonSchema }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const format = useFormatters();
  const price = usePrice();
  const { busy, problem, run } = useDialogAction('instances');
  const [planKey, setPlanKey] = useState(instance.planKey);
  const [custom, setCustom] = useState<CustomSizeInput>({
    cpuCores: String(millicoresToCores(instance.cpuMillicores)),
    memoryGiB: String(mibToGib(instance.memoryMiB)),
    storageGiB: String(instance.storageGiB),
  });
  const [customErrors, setCustomErrors] = useState<Partial<Record<keyof CustomSizeInput, FieldMessage>>>({});
  const [key] = useState(newIdempotencyKey);
  const plan = plans.find((candidate) => candidate.key === planKey);
  const size = plan?.custom ? customSizeFromInput(custom) : undefined;
  const unchanged =
    planKey === instance.planKey && (!size || (size.cpuMillicores === instance.cpuMillicores && size.memoryMiB === instance.memoryMiB && size.storageGiB === instance.storageGiB));
  const quoteState = useOrderQuote(
    plan && !unchanged ? { tenantId: instance.tenantId, action: 'MODIFY', instanceId: instance.id, planKey: plan.key, parameters: size ? { ...size } : undefined } : undefined,
  );

  const submit = async () => {
    if (!plan || busy) return;
    if (plan.custom) {
      const problems = customSizeProblems(plan, schema, custom);
      setCustomErrors(problems);
      if (Object.keys(problems).length > 0) return;
    }
    await run(async () => {
      const order = await ordersApi.resizeInstance(instance.id, plan.key, size ? { ...size } : undefined, key);
      onClose();
      navigate(`/orders/${order.id}/show`);
    });
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="resize-dialog">
      <DialogTitle>{translate('nprod.instances.resize.title', { name: instance.name })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('nprod.instances.resize.intro')}
        </Typography>
        <TextField select fullWidth name="planKey" label={translate('nprod.orders.fields.plan')} value={planKey} onChange={(event) => setPlanKey(event.target.value)} sx={{ mb: 2 }} data-testid="resize-plan">
          {plans.map((candidate) => (
            <MenuItem key={candidate.key} value={candidate.key}>
              {candidate.name}
              {candidate.custom
                ? ` — ${translate('nprod.orders.wizard.custom_title')}`
                : ` — ${[format.cpu(candidate.cpuMillicores), format.memory(candidate.memoryMiB), format.storage(candidate.storageGiB)].join(' · ')} · ${price(candidate.pricePerHourTiyn)}`}
              {candidate.key === instance.planKey ? ` (${translate('nprod.instances.resize.current')})` : ''}
            </MenuItem>
          ))}
        </TextField>
        {plan?.custom && (
          <CustomSizeFields
            value={custom}
            errors={customErrors}
            onChange={(change) => {
              setCustom((current) => ({ ...current, ...change }));
              setCustomErrors({});
            }}
            testIdPrefix="resize"
          />
        )}
        <ResizeQuotePanel state={quoteState} unchanged={unchanged} unchangedText={translate('nprod.instances.resize.unchanged')} newPriceKey="nprod.instances.resize.new_price" testIdPrefix="resize" />
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {problem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          startIcon={busy ? <CircularProgress size={18} color="inherit" /> : <OpenInFullIcon />}
          disabled={busy || unchanged || !!quoteState.failure}
          onClick={submit}
          data-testid="resize-submit"
        >
          {translate('nprod.instances.resize.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

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
export const DecommissionDialog = ({ open, onClose, instance }: DialogProps) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { busy, problem, run } = useDialogAction('instances');
  const [typed, setTyped] = useState('');
  const [key] = useState(newIdempotencyKey);
  const submit = () =>
    run(async () => {
      const order = await ordersApi.decommissionInstance(instance.id, key);
      onClose();
      navigate(`/orders/${order.id}/show`);
    });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="decommission-dialog">
      <DialogTitle>{translate('nprod.instances.decommission.title', { name: instance.name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('nprod.instances.decommission.warning')}
        </Alert>
        <TextField
          fullWidth
          name="confirmName"
          label={translate('nprod.instances.decommission.type_name', { name: instance.name })}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          data-testid="decommission-confirm-name"
        />
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {problem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" color="error" startIcon={<DeleteForeverIcon />} disabled={busy || typed.trim() !== instance.name} onClick={submit} data-testid="decommission-submit">
          {translate('nprod.instances.decommission.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

// ---------------------------------------------------------------------------------------------

const CopyField = ({ label, value }: { label: string; value: string }) => {
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
      data-testid={`credential-${label}`}
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
export const CredentialsDialog = ({ open, onClose, credentials }: { open: boolean; onClose: () => void; credentials?: { secretName: string; values: Record<string, string> } }) => {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="credentials-dialog">
      <DialogTitle>{translate('nprod.instances.credentials.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('nprod.instances.credentials.once', { secret: credentials?.secretName ?? '' })}
        </Alert>
        {Object.entries(credentials?.values ?? {}).map(([name, value]) => (
          <CopyField key={name} label={name} value={value} />
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
