import { useFieldValue, useLocaleState, useTranslate, type FieldProps } from 'react-admin';
import Typography from '@mui/material/Typography';
import { formatNumber, humanizeGiB, humanizeMiB, millicoresToCores, type Quantity } from '../lib/units';

export type Formatter = (value: number, unitOf?: number) => string;

/**
 * Quantities for people in the given language. `unitOf` picks the unit of another amount, so a
 * pair reads "0 GiB of 8 GiB" rather than "0 MiB of 8 GiB".
 */
export const createFormatters = (translate: (key: string, options?: Record<string, unknown>) => string, locale: string) => {
  const quantity = ({ value, unit }: Quantity) => translate(`nprod.units.${unit}`, { value: formatNumber(value, locale, 1) });
  const sameUnit = (value: number, unitOf: number | undefined, humanize: (amount: number) => Quantity): Quantity => {
    if (unitOf === undefined || value !== 0) return humanize(value);
    return { value: 0, unit: humanize(unitOf).unit };
  };
  return {
    cpu: ((millicores: number) => translate('nprod.units.cores', { value: formatNumber(millicoresToCores(millicores), locale, 3) })) as Formatter,
    memory: ((mib: number, unitOf?: number) => quantity(sameUnit(mib, unitOf, humanizeMiB))) as Formatter,
    storage: ((gib: number, unitOf?: number) => quantity(sameUnit(gib, unitOf, humanizeGiB))) as Formatter,
    count: ((value: number) => formatNumber(value, locale, 0)) as Formatter,
  };
};

/** A quota change with each amount signed, so growth reads "+1 GiB" as a shrink reads "-1 GiB". */
export const formatQuotaChange = (format: ReturnType<typeof createFormatters>, change: { cpuMillicores: number; memoryMiB: number; storageGiB: number }): string =>
  [
    [change.cpuMillicores, format.cpu(change.cpuMillicores)],
    [change.memoryMiB, format.memory(change.memoryMiB)],
    [change.storageGiB, format.storage(change.storageGiB)],
  ]
    .map(([amount, text]) => (Number(amount) > 0 ? `+${text}` : String(text)))
    .join(' · ');

/** Formatting hooks, shared by fields and the allocation bars. */
export const useFormatters = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return createFormatters(translate, locale);
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
