import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { usePrice } from '../components/QuotaImpact';
import { useFormatters } from '../components/quantities';
import { useDialogAction } from '../components/useDialogAction';
import { newIdempotencyKey, type Offering } from '../lib/catalogue';
import { customSizeFromInput, customSizeProblems, type CustomSizeInput } from '../lib/customSize';
import type { FieldMessage } from '../lib/parametersForm';
import { mibToGib, millicoresToCores } from '../lib/units';
import { ordersApi } from '../orders/api';
import { CustomSizeFields, ResizeQuotePanel } from '../orders/ResizeParts';
import { useOrderQuote } from '../orders/useOrderQuote';

export interface SpaceRecord {
  id: string;
  tenantId: string;
  name: string;
  status: string;
  planKey?: string | null;
  offeringId?: string | null;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
}

interface DialogProps {
  open: boolean;
  onClose: () => void;
  space: SpaceRecord;
}

/**
 * A new size for the space (a plan of its offering, or a custom size): the API's quote shows
 * what the resize reserves (only the growth), costs and whether it waits for an operator,
 * then a MODIFY order.
 */
export const ResizeSpaceDialog = ({ open, onClose, space, offering }: DialogProps & { offering: Offering }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const format = useFormatters();
  const price = usePrice();
  const { busy, problem, run } = useDialogAction('spaces');
  const customPlan = offering.plans.find((plan) => plan.custom);
  const [planKey, setPlanKey] = useState(space.planKey ?? customPlan?.key ?? offering.plans[0]?.key ?? '');
  const [custom, setCustom] = useState<CustomSizeInput>({
    cpuCores: String(millicoresToCores(space.cpuMillicores)),
    memoryGiB: String(mibToGib(space.memoryMiB)),
    storageGiB: String(space.storageGiB),
  });
  const [customErrors, setCustomErrors] = useState<Partial<Record<keyof CustomSizeInput, FieldMessage>>>({});
  const [key] = useState(newIdempotencyKey);
  const plan = offering.plans.find((candidate) => candidate.key === planKey);
  const size = plan?.custom ? customSizeFromInput(custom) : undefined;
  const unchanged = plan?.custom
    ? size?.cpuMillicores === space.cpuMillicores && size.memoryMiB === space.memoryMiB && size.storageGiB === space.storageGiB
    : planKey === space.planKey;
  const quoteState = useOrderQuote(plan && !unchanged ? { tenantId: space.tenantId, action: 'MODIFY', spaceId: space.id, planKey: plan.key, parameters: size ? { ...size } : undefined } : undefined);

  const submit = async () => {
    if (!plan || busy) return;
    if (plan.custom) {
      const problems = customSizeProblems(plan, offering.parametersSchema, custom);
      setCustomErrors(problems);
      if (Object.keys(problems).length > 0) return;
    }
    await run(async () => {
      const order = await ordersApi.resizeSpace(space.id, plan.key, size ? { ...size } : undefined, key);
      onClose();
      navigate(`/orders/${order.id}/show`);
    });
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="space-resize-dialog">
      <DialogTitle>{translate('nprod.space_orders.resize.title', { name: space.name })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('nprod.space_orders.resize.intro')}
        </Typography>
        <TextField select fullWidth name="planKey" label={translate('nprod.orders.fields.plan')} value={planKey} onChange={(event) => setPlanKey(event.target.value)} sx={{ mb: 2 }} data-testid="space-resize-plan">
          {offering.plans.map((candidate) => (
            <MenuItem key={candidate.key} value={candidate.key}>
              {candidate.name}
              {candidate.custom
                ? ` — ${translate('nprod.orders.wizard.custom_title')}`
                : ` — ${[format.cpu(candidate.cpuMillicores), format.memory(candidate.memoryMiB), format.storage(candidate.storageGiB)].join(' · ')} · ${price(candidate.pricePerHourTiyn)}`}
              {candidate.key === space.planKey ? ` (${translate('nprod.space_orders.resize.current')})` : ''}
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
            testIdPrefix="space-resize"
          />
        )}
        <ResizeQuotePanel state={quoteState} unchanged={unchanged} unchangedText={translate('nprod.space_orders.resize.unchanged')} newPriceKey="nprod.space_orders.resize.new_price" testIdPrefix="space-resize" />
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
          data-testid="space-resize-submit"
        >
          {translate('nprod.space_orders.resize.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Orders the deletion after the person types the space's name; the API refuses while instances live in it and says which. */
export const DeleteSpaceDialog = ({ open, onClose, space }: DialogProps) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { busy, problem, run } = useDialogAction('spaces');
  const [typed, setTyped] = useState('');
  const [key] = useState(newIdempotencyKey);
  const submit = () =>
    run(async () => {
      const order = await ordersApi.deleteSpace(space.id, key);
      onClose();
      navigate(`/orders/${order.id}/show`);
    });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="space-delete-dialog">
      <DialogTitle>{translate('nprod.space_orders.delete.title', { name: space.name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('nprod.space_orders.delete.warning')}
        </Alert>
        <TextField
          fullWidth
          name="confirmName"
          label={translate('nprod.space_orders.delete.type_name', { name: space.name })}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          data-testid="space-delete-confirm-name"
        />
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert" data-testid="space-delete-problem">
            {problem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" color="error" startIcon={<DeleteForeverIcon />} disabled={busy || typed.trim() !== space.name} onClick={submit} data-testid="space-delete-submit">
          {translate('nprod.space_orders.delete.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
