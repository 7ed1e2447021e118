import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import type { ChipColor } from '../components/EnumChip';
import { EnumChipField } from '../components/EnumChip';
import { regionLabelKey } from '../lib/enums';
import type { ClusterRecord } from './cluster';

const HEALTH_COLORS: Record<string, ChipColor> = { HEALTHY: 'success', UNREACHABLE: 'error', UNKNOWN: 'default' };

export const ClusterHealthChip = ({ source = 'health', ...props }: Omit<FieldProps, 'source'> & { source?: string }) => (
  <EnumChipField {...props} source={source} enumName="ClusterHealth" colors={HEALTH_COLORS} data-testid="cluster-health" />
);

/** Region chips, translated where the console knows the region. */
export const ClusterRegionsField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<ClusterRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" data-testid="cluster-regions">
      {record.regions.map((region) => (
        <Chip key={region} size="small" variant="outlined" label={translate(regionLabelKey(region), { _: region })} />
      ))}
    </Stack>
  );
};

/** "Cordoned" with the reason on hover, or nothing. */
export const CordonedField = (_props: { label?: string; sortBy?: string }) => {
  const record = useRecordContext<ClusterRecord>();
  const translate = useTranslate();
  if (!record?.cordoned) return null;
  return <Chip size="small" color="warning" label={translate('resources.clusters.fields.cordoned')} title={record.cordonReason ?? undefined} data-testid="cluster-cordoned" />;
};
