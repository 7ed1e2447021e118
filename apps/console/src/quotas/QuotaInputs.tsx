import Box from '@mui/material/Box';
import { NumberInput, required, type Validator } from 'react-admin';
import { nonNegativeIntegerValidator, nonNegativeValidator } from '../components/validation';
import type { QUOTA_FORM_FIELDS } from '../lib/quotaForm';

type QuotaField = (typeof QUOTA_FORM_FIELDS)[number];

const INPUTS: Array<{ source: QuotaField; step: number; validator: Validator }> = [
  { source: 'cpuCores', step: 0.5, validator: nonNegativeValidator },
  { source: 'memoryGiB', step: 1, validator: nonNegativeValidator },
  { source: 'storageGiB', step: 1, validator: nonNegativeIntegerValidator },
  { source: 'maxSpaces', step: 1, validator: nonNegativeIntegerValidator },
  { source: 'maxInstances', step: 1, validator: nonNegativeIntegerValidator },
];

/** The five amounts of an allocation, a request or a grant, in cores and GiB. */
export const QuotaInputs = ({
  requireAll = false,
  validators = {},
}: {
  requireAll?: boolean;
  /** Extra rules per input (e.g. "at least one above zero", "not above the request"). */
  validators?: Partial<Record<QuotaField, Validator[]>>;
}) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
    {INPUTS.map(({ source, step, validator }) => (
      <NumberInput
        key={source}
        source={source}
        label={`nprod.quota.fields.${source}`}
        min={0}
        step={step}
        validate={[...(requireAll ? [required()] : []), validator, ...(validators[source] ?? [])]}
        helperText={false}
      />
    ))}
  </Box>
);
