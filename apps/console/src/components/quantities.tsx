import { useFieldValue, useLocaleState, useTranslate, type FieldProps } from 'react-admin';
import Typography from '@mui/material/Typography';
import { formatNumber, humanizeGiB, humanizeMiB, millicoresToCores, type Quantity } from '../lib/units';

/** Formatting hooks, shared by fields and the allocation bars. */
export const useFormatters = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const quantity = ({ value, unit }: Quantity) => translate(`nprod.units.${unit}`, { value: formatNumber(value, locale, 1) });
  return {
    cpu: (millicores: number) => translate('nprod.units.cores', { value: formatNumber(millicoresToCores(millicores), locale, 3) }),
    memory: (mib: number) => quantity(humanizeMiB(mib)),
    storage: (gib: number) => quantity(humanizeGiB(gib)),
    count: (value: number) => formatNumber(value, locale, 0),
  };
};

type Kind = 'cpu' | 'memory' | 'storage';

const QuantityField = ({ source, kind, record }: FieldProps & { kind: Kind }) => {
  const value = useFieldValue({ source, record });
  const format = useFormatters();
  if (typeof value !== 'number') return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {format[kind](value)}
    </Typography>
  );
};

export const CpuField = (props: FieldProps) => <QuantityField {...props} kind="cpu" />;
export const MemoryField = (props: FieldProps) => <QuantityField {...props} kind="memory" />;
export const StorageField = (props: FieldProps) => <QuantityField {...props} kind="storage" />;
