import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { useFormatters } from '../components/quantities';
import { QuotaBar } from '../quotas/AllocationBars';
import type { SpaceRecord } from './SpaceDialogs';

type SpaceWithUse = SpaceRecord &
  RaRecord & { usedByInstancesCpuMillicores?: number; usedByInstancesMemoryMiB?: number; usedByInstancesStorageGiB?: number };

/** What the space's instances use of its size (their footprints and open resizes), per resource: what a new instance must fit beside. */
export const SpaceRoomBars = (_props: { label?: string }) => {
  const space = useRecordContext<SpaceWithUse>();
  const translate = useTranslate();
  const format = useFormatters();
  if (!space) return null;
  const rows = [
    { key: 'cpu', used: space.usedByInstancesCpuMillicores ?? 0, limit: space.cpuMillicores, format: format.cpu },
    { key: 'memory', used: space.usedByInstancesMemoryMiB ?? 0, limit: space.memoryMiB, format: format.memory },
    { key: 'storage', used: space.usedByInstancesStorageGiB ?? 0, limit: space.storageGiB, format: format.storage },
  ];
  return (
    <Box data-testid="space-room" sx={{ maxWidth: 560 }}>
      {rows.map((row) => (
        <QuotaBar key={row.key} testId={`space-room-${row.key}`} label={translate(`nprod.quota.resources.${row.key}`)} used={row.used} toChildren={0} limit={row.limit} format={row.format} showChildren={false} />
      ))}
      <Typography variant="caption" color="text.secondary" component="p">
        {translate('nprod.space_orders.room.hint')}
      </Typography>
    </Box>
  );
};
