import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { useFormatters, type Formatter } from '../components/quantities';
import { QuotaBar } from '../quotas/AllocationBars';
import { MIB_PER_GIB } from '../lib/units';
import type { ClusterRecord } from './cluster';

/** Memory is shown in GiB elsewhere: a zero says "0 GiB", not "0 MiB". */
const MEMORY_ZERO_UNIT_OF = MIB_PER_GIB;

const Unlimited = ({ label, used, format, unitOf, testId, dense }: { label: string; used: number; format: Formatter; unitOf?: number; testId: string; dense: boolean }) => {
  const translate = useTranslate();
  return (
    <Box data-testid={testId} data-used={used} data-limit="" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, mb: dense ? 1 : 2 }}>
      <Typography variant="body2" fontWeight={500}>
        {label}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('resources.clusters.capacity.summary_unlimited', { used: format(used, unitOf) })}
      </Typography>
    </Box>
  );
};

/** What the cluster's live spaces reserve against its capacity, per dimension; a dimension without a limit says so. */
export const ClusterCapacityBars = ({ cluster, dense = false }: { cluster: ClusterRecord; dense?: boolean }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const rows = [
    { key: 'cpu', label: 'nprod.quota.resources.cpu', used: cluster.reservedCpuMillicores, limit: cluster.capacityCpuMillicores, format: format.cpu },
    { key: 'memory', label: 'nprod.quota.resources.memory', used: cluster.reservedMemoryMiB, limit: cluster.capacityMemoryMiB, format: format.memory, unitOf: MEMORY_ZERO_UNIT_OF },
    { key: 'storage', label: 'nprod.quota.resources.storage', used: cluster.reservedStorageGiB, limit: cluster.capacityStorageGiB, format: format.storage },
    { key: 'spaces', label: 'nprod.quota.resources.spaces', used: cluster.spacesCount, limit: cluster.capacityMaxSpaces, format: format.count },
  ];
  return (
    <Box sx={{ minWidth: dense ? 240 : undefined }}>
      {rows.map((row) =>
        row.limit === null || row.limit === undefined ? (
          <Unlimited key={row.key} label={translate(row.label)} used={row.used ?? 0} format={row.format} unitOf={row.unitOf} testId={`cluster-capacity-${row.key}`} dense={dense} />
        ) : (
          <QuotaBar key={row.key} testId={`cluster-capacity-${row.key}`} label={translate(row.label)} used={row.used ?? 0} toChildren={0} limit={row.limit} format={row.format} showChildren={false} dense={dense} />
        ),
      )}
    </Box>
  );
};
