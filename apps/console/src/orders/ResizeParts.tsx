/** What the instance and the space resize dialogs share: the whole dialog, the custom-size inputs, and the API's quote of the change. */
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useFieldMessage } from '../components/ParametersForm';
import { QuoteImpact, usePrice } from '../components/QuotaImpact';
import { useFormatters } from '../components/quantities';
import { useDialogAction } from '../components/useDialogAction';
import { HOURS_PER_MONTH, newIdempotencyKey, type JsonSchema, type Plan } from '../lib/catalogue';
import { customSizeFromInput, customSizeProblems, type CustomSizeInput } from '../lib/customSize';
import type { FieldMessage } from '../lib/parametersForm';
import { mibToGib, millicoresToCores } from '../lib/units';
import { useOrderQuote, type QuoteState } from './useOrderQuote';

const CUSTOM_SIZE_FIELDS = [
  ['cpuCores', 'resources.tenants.fields.cpuCores'],
  ['memoryGiB', 'resources.tenants.fields.memoryGiB'],
  ['storageGiB', 'resources.tenants.fields.storageGiB'],
] as const;

/** Cores and GiB of a custom plan; each input `<testIdPrefix>-<field>`. */
const CustomSizeFields = ({
  value,
  errors,
  onChange,
  testIdPrefix,
}: {
  value: CustomSizeInput;
  errors: Partial<Record<keyof CustomSizeInput, FieldMessage>>;
  onChange: (change: Partial<CustomSizeInput>) => void;
  testIdPrefix: string;
}) => {
  const translate = useTranslate();
  const message = useFieldMessage();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 2, mb: 2 }}>
      {CUSTOM_SIZE_FIELDS.map(([field, label]) => (
        <TextField
          key={field}
          type="number"
          name={field}
          label={translate(label)}
          value={value[field]}
          onChange={(event) => onChange({ [field]: event.target.value })}
          error={!!errors[field]}
          helperText={message(errors[field])}
          data-testid={`${testIdPrefix}-${field}`}
        />
      ))}
    </Box>
  );
};

/**
 * What quoteOrder says of a resize: why it is refused, or the new price, whether it waits for an
 * operator and the quota impact (only growth is reserved). Test ids `<testIdPrefix>-refusal`,
 * `-price`, `-approval` and `-impact`.
 */
const ResizeQuotePanel = ({ state, unchanged, unchangedText, newPriceKey, testIdPrefix }: { state: QuoteState; unchanged: boolean; unchangedText: string; newPriceKey: string; testIdPrefix: string }) => {
  const translate = useTranslate();
  const price = usePrice();
  const { quote, failure, pending } = state;
  if (unchanged) return <Alert severity="info">{unchangedText}</Alert>;
  if (failure) {
    return (
      <Alert severity="error" sx={{ mb: 2 }} data-testid={`${testIdPrefix}-refusal`}>
        {translate(failure.message, { _: failure.message })}
      </Alert>
    );
  }
  if (!quote) return pending ? <Skeleton variant="rectangular" height={120} /> : null;
  return (
    <>
      {quote.pricePerHourTiyn !== null && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid={`${testIdPrefix}-price`}>
          {translate(newPriceKey, { hour: price(quote.pricePerHourTiyn), month: price(quote.pricePerHourTiyn * HOURS_PER_MONTH) })}
        </Typography>
      )}
      {quote.fits && (
        <Alert severity={quote.approvalRequired ? 'warning' : 'success'} sx={{ mb: 2 }} data-testid={`${testIdPrefix}-approval`} data-value={quote.approvalRequired ? 'required' : 'automatic'}>
          {quote.approvalRequired ? quote.approvalReason : translate('nprod.orders.wizard.approval_automatic')}
        </Alert>
      )}
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {translate('nprod.orders.impact.title')}
      </Typography>
      <QuoteImpact quote={quote} pending={pending} testId={`${testIdPrefix}-impact`} />
    </>
  );
};

/** What is being resized, as it is now. */
export interface ResizeSubject {
  id: string;
  tenantId: string;
  name: string;
  /** Null for a space of a custom size. */
  planKey?: string | null;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
}

/** Translation keys of a resize dialog; `title` gets `name`, `newPrice` gets `hour` and `month`. */
export interface ResizeTexts {
  title: string;
  intro: string;
  /** Marks the plan the subject has now. */
  current: string;
  unchanged: string;
  newPrice: string;
  submit: string;
}

/**
 * A new plan (or custom size) for an instance or a space: the API's quote shows what the resize
 * reserves (only the growth), costs and whether it waits for an operator, then `submit` places the
 * MODIFY order and the order's page opens. Test ids `<testIdPrefix>-dialog`, `-plan`, `-submit`
 * and those of CustomSizeFields and ResizeQuotePanel.
 */
export const ResizeOrderDialog = ({
  open,
  onClose,
  subject,
  target,
  plans,
  schema,
  resource,
  submit: placeOrder,
  texts,
  testIdPrefix,
}: {
  open: boolean;
  onClose: () => void;
  subject: ResizeSubject;
  /** Which object quoteOrder resizes. */
  target: { instanceId: string } | { spaceId: string };
  plans: Plan[];
  schema?: JsonSchema;
  /** The resource whose errors useDialogAction translates. */
  resource: string;
  submit: (planKey: string, parameters: Record<string, unknown> | undefined, idempotencyKey: string) => Promise<{ id: string }>;
  texts: ResizeTexts;
  testIdPrefix: string;
}) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const format = useFormatters();
  const price = usePrice();
  const { busy, problem, run } = useDialogAction(resource);
  const [planKey, setPlanKey] = useState(subject.planKey ?? plans.find((plan) => plan.custom)?.key ?? plans[0]?.key ?? '');
  const [custom, setCustom] = useState<CustomSizeInput>({
    cpuCores: String(millicoresToCores(subject.cpuMillicores)),
    memoryGiB: String(mibToGib(subject.memoryMiB)),
    storageGiB: String(subject.storageGiB),
  });
  const [customErrors, setCustomErrors] = useState<Partial<Record<keyof CustomSizeInput, FieldMessage>>>({});
  const [key] = useState(newIdempotencyKey);
  const plan = plans.find((candidate) => candidate.key === planKey);
  const size = plan?.custom ? customSizeFromInput(custom) : undefined;
  // A subject of a custom size without a plan key keeps it when the custom plan is picked with the same size.
  const unchanged = plan?.custom
    ? (subject.planKey == null || planKey === subject.planKey) &&
      size?.cpuMillicores === subject.cpuMillicores &&
      size.memoryMiB === subject.memoryMiB &&
      size.storageGiB === subject.storageGiB
    : planKey === subject.planKey;
  const quoteState = useOrderQuote(plan && !unchanged ? { tenantId: subject.tenantId, action: 'MODIFY', ...target, planKey: plan.key, parameters: size ? { ...size } : undefined } : undefined);

  const submit = async () => {
    if (!plan || busy) return;
    if (plan.custom) {
      const problems = customSizeProblems(plan, schema, custom);
      setCustomErrors(problems);
      if (Object.keys(problems).length > 0) return;
    }
    await run(async () => {
      const order = await placeOrder(plan.key, size ? { ...size } : undefined, key);
      onClose();
      navigate(`/orders/${order.id}/show`);
    });
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid={`${testIdPrefix}-dialog`}>
      <DialogTitle>{translate(texts.title, { name: subject.name })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(texts.intro)}
        </Typography>
        <TextField select fullWidth name="planKey" label={translate('nprod.orders.fields.plan')} value={planKey} onChange={(event) => setPlanKey(event.target.value)} sx={{ mb: 2 }} data-testid={`${testIdPrefix}-plan`}>
          {plans.map((candidate) => (
            <MenuItem key={candidate.key} value={candidate.key}>
              {candidate.name}
              {candidate.custom
                ? ` — ${translate('nprod.orders.wizard.custom_title')}`
                : ` — ${[format.cpu(candidate.cpuMillicores), format.memory(candidate.memoryMiB), format.storage(candidate.storageGiB)].join(' · ')} · ${price(candidate.pricePerHourTiyn)}`}
              {candidate.key === subject.planKey ? ` (${translate(texts.current)})` : ''}
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
            testIdPrefix={testIdPrefix}
          />
        )}
        <ResizeQuotePanel state={quoteState} unchanged={unchanged} unchangedText={translate(texts.unchanged)} newPriceKey={texts.newPrice} testIdPrefix={testIdPrefix} />
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
          disabled={busy || unchanged || !!quoteState.failure || quoteState.quote?.fits === false}
          onClick={submit}
          data-testid={`${testIdPrefix}-submit`}
        >
          {translate(texts.submit)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
