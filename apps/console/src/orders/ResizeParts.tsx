/** What the instance and the space resize dialogs share: the custom-size inputs, and the API's quote of the change. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { useFieldMessage } from '../components/ParametersForm';
import { QuoteImpact, usePrice } from '../components/QuotaImpact';
import { HOURS_PER_MONTH } from '../lib/catalogue';
import type { CustomSizeInput } from '../lib/customSize';
import type { FieldMessage } from '../lib/parametersForm';
import type { QuoteState } from './useOrderQuote';

const CUSTOM_SIZE_FIELDS = [
  ['cpuCores', 'resources.tenants.fields.cpuCores'],
  ['memoryGiB', 'resources.tenants.fields.memoryGiB'],
  ['storageGiB', 'resources.tenants.fields.storageGiB'],
] as const;

/** Cores and GiB of a custom plan; each input `<testIdPrefix>-<field>`. */
export const CustomSizeFields = ({
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
export const ResizeQuotePanel = ({ state, unchanged, unchangedText, newPriceKey, testIdPrefix }: { state: QuoteState; unchanged: boolean; unchangedText: string; newPriceKey: string; testIdPrefix: string }) => {
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
      <Alert severity={quote.approvalRequired ? 'warning' : 'success'} sx={{ mb: 2 }} data-testid={`${testIdPrefix}-approval`} data-value={quote.approvalRequired ? 'required' : 'automatic'}>
        {quote.approvalRequired ? quote.approvalReason : translate('nprod.orders.wizard.approval_automatic')}
      </Alert>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {translate('nprod.orders.impact.title')}
      </Typography>
      <QuoteImpact quote={quote} pending={pending} testId={`${testIdPrefix}-impact`} />
    </>
  );
};
