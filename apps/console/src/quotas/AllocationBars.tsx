import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { useFormatters, type Formatter } from '../components/quantities';
import type { Allocation } from '../lib/types';
import { usagePercent } from '../lib/units';

const OWN_COLOUR = 'primary.main';
const CHILDREN_COLOUR = '#7fb3c9';

export interface QuotaBarProps {
  label: string;
  used: number;
  toChildren: number;
  limit: number;
  format: Formatter;
  testId: string;
  /** Hide the "handed to children" part (tenants without children, compact lists). */
  showChildren?: boolean;
  dense?: boolean;
}

/** One resource: own use and what was handed to child tenants, stacked against the limit. */
export const QuotaBar = ({ label, used, toChildren, limit, format, testId, showChildren = true, dense = false }: QuotaBarProps) => {
  const translate = useTranslate();
  const usedPercent = usagePercent(used, limit);
  const childrenPercent = showChildren ? Math.min(100 - usedPercent, usagePercent(toChildren, limit)) : 0;
  const free = Math.max(0, limit - used - (showChildren ? toChildren : 0));
  const full = limit > 0 ? free === 0 : used + toChildren > 0;
  const summary = translate('nprod.quota.bar_summary', { used: format(used, limit), limit: format(limit) });
  const details = [
    translate('nprod.quota.used', { amount: format(used, limit) }),
    ...(showChildren ? [translate('nprod.quota.to_children', { amount: format(toChildren, limit) })] : []),
    translate('nprod.quota.free', { amount: format(free, limit) }),
  ].join(' · ');
  return (
    <Box data-testid={testId} data-used={used} data-children={toChildren} data-limit={limit} sx={{ mb: dense ? 1 : 2 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 2, mb: 0.5 }}>
        <Typography variant="body2" fontWeight={500}>
          {label}
        </Typography>
        <Typography variant="body2" color={full ? 'error.main' : 'text.secondary'} sx={{ textAlign: 'right' }}>
          {summary}
        </Typography>
      </Box>
      <Tooltip title={details} placement="top" arrow>
        <Box
          role="meter"
          aria-label={`${label}: ${details}`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={used + (showChildren ? toChildren : 0)}
          sx={{ display: 'flex', height: dense ? 8 : 12, borderRadius: 6, overflow: 'hidden', bgcolor: 'action.hover' }}
        >
          <Box sx={{ width: `${usedPercent}%`, bgcolor: full ? 'error.main' : usedPercent >= 80 ? 'warning.main' : OWN_COLOUR, transition: 'width 300ms' }} />
          {childrenPercent > 0 && (
            <Box
              sx={{
                width: `${childrenPercent}%`,
                bgcolor: CHILDREN_COLOUR,
                backgroundImage: 'repeating-linear-gradient(-45deg, transparent 0 5px, rgba(255,255,255,0.35) 5px 10px)',
                transition: 'width 300ms',
              }}
            />
          )}
        </Box>
      </Tooltip>
      {!dense && (
        <Typography variant="caption" color="text.secondary">
          {details}
        </Typography>
      )}
    </Box>
  );
};

/** Colour key under a set of bars. */
export const QuotaLegend = ({ showChildren = true }: { showChildren?: boolean }) => {
  const translate = useTranslate();
  const swatch = (colour: string, hatched = false) => (
    <Box
      component="span"
      sx={{
        display: 'inline-block',
        width: 12,
        height: 12,
        borderRadius: 0.5,
        bgcolor: colour,
        mr: 0.5,
        verticalAlign: 'middle',
        backgroundImage: hatched ? 'repeating-linear-gradient(-45deg, transparent 0 3px, rgba(255,255,255,0.5) 3px 6px)' : undefined,
      }}
    />
  );
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 1 }}>
      <Typography variant="caption" color="text.secondary">
        {swatch(OWN_COLOUR)}
        {translate('nprod.quota.legend_own')}
      </Typography>
      {showChildren && (
        <Typography variant="caption" color="text.secondary">
          {swatch(CHILDREN_COLOUR, true)}
          {translate('nprod.quota.legend_children')}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">
        {swatch('rgba(0,0,0,0.06)')}
        {translate('nprod.quota.legend_free')}
      </Typography>
    </Box>
  );
};

/** Every resource of one allocation. */
export const AllocationBars = ({ allocation, showChildren = true, dense = false, testIdPrefix = 'allocation' }: { allocation: Allocation; showChildren?: boolean; dense?: boolean; testIdPrefix?: string }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const rows = [
    { key: 'cpu', label: 'nprod.quota.resources.cpu', used: allocation.usedCpuMillicores, toChildren: allocation.allocatedToChildrenCpuMillicores, limit: allocation.cpuMillicores, format: format.cpu },
    { key: 'memory', label: 'nprod.quota.resources.memory', used: allocation.usedMemoryMiB, toChildren: allocation.allocatedToChildrenMemoryMiB, limit: allocation.memoryMiB, format: format.memory },
    { key: 'storage', label: 'nprod.quota.resources.storage', used: allocation.usedStorageGiB, toChildren: allocation.allocatedToChildrenStorageGiB, limit: allocation.storageGiB, format: format.storage },
    { key: 'spaces', label: 'nprod.quota.resources.spaces', used: allocation.usedSpaces, toChildren: allocation.allocatedToChildrenSpaces, limit: allocation.maxSpaces, format: format.count },
    { key: 'instances', label: 'nprod.quota.resources.instances', used: allocation.usedInstances, toChildren: allocation.allocatedToChildrenInstances, limit: allocation.maxInstances, format: format.count },
  ];
  return (
    <Box>
      {rows.map((row) => (
        <QuotaBar
          key={row.key}
          testId={`${testIdPrefix}-${row.key}`}
          label={translate(row.label)}
          used={row.used ?? 0}
          toChildren={row.toChildren ?? 0}
          limit={row.limit ?? 0}
          format={row.format}
          showChildren={showChildren}
          dense={dense}
        />
      ))}
    </Box>
  );
};
