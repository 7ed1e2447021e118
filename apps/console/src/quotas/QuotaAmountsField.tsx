import Typography from '@mui/material/Typography';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { useFormatters } from '../components/quantities';

const KEYS = ['CpuMillicores', 'MemoryMiB', 'StorageGiB', 'MaxSpaces', 'MaxInstances'] as const;

const fieldName = (prefix: string, key: (typeof KEYS)[number]) => (prefix ? `${prefix}${key}` : `${key[0].toLowerCase()}${key.slice(1)}`);

/** The amounts of a quota request (or its grant, with prefix "granted") in one readable line; zeros left out. */
export const QuotaAmountsField = ({ prefix = '', emptyText = '—' }: Partial<FieldProps> & { prefix?: '' | 'granted'; emptyText?: string }) => {
  const record = useRecordContext<Record<string, number | null | undefined>>();
  const translate = useTranslate();
  const format = useFormatters();
  if (!record) return null;
  const value = (key: (typeof KEYS)[number]) => record[fieldName(prefix, key)];
  if (prefix && value('CpuMillicores') == null) return <Typography variant="body2" color="text.secondary">{emptyText}</Typography>;
  const parts: string[] = [];
  const cpu = value('CpuMillicores') ?? 0;
  const memory = value('MemoryMiB') ?? 0;
  const storage = value('StorageGiB') ?? 0;
  const spaces = value('MaxSpaces') ?? 0;
  const instances = value('MaxInstances') ?? 0;
  if (cpu) parts.push(format.cpu(cpu));
  if (memory) parts.push(translate('nprod.quota.amounts.memory', { amount: format.memory(memory) }));
  if (storage) parts.push(translate('nprod.quota.amounts.storage', { amount: format.storage(storage) }));
  if (spaces) parts.push(translate('nprod.quota.amounts.spaces', { smart_count: spaces }));
  if (instances) parts.push(translate('nprod.quota.amounts.instances', { smart_count: instances }));
  return (
    <Typography variant="body2" component="span" data-testid={prefix ? 'quota-granted' : 'quota-requested'}>
      {parts.length ? parts.join(' · ') : translate('nprod.quota.amounts.nothing')}
    </Typography>
  );
};
