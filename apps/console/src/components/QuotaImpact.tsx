import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';
import { formatTiyn, quotaImpact, type QuotaChange, type QuotaResource, type ResourceImpact } from '../lib/catalogue';
import type { OrderQuote } from '../orders/api';
import type { Allocation } from '../lib/types';
import { usagePercent } from '../lib/units';
import { useFormatters } from './quantities';

/** Tenge for people in the console's language. */
export const usePrice = () => {
  const [locale] = useLocaleState();
  return (tiyn: number) => formatTiyn(tiyn, locale);
};

/** The tenant's allocation in a region (undefined while loading, null when there is none). */
export const useAllocation = (tenantId: string | undefined, region: string | undefined) => {
  const { data, isPending } = useGetList<Allocation & { id: string }>(
    'allocations',
    { filter: { tenantId, region }, pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: !!tenantId && !!region },
  );
  if (!tenantId || !region || isPending) return undefined;
  return data?.[0] ?? null;
};

const NOW_COLOUR = 'primary.main';
const ADDED_COLOUR = '#5aa9d6';

/** One resource: what is in use now, and on top of it what the order adds; red when it no longer fits. */
const ImpactBar = ({ impact }: { impact: ResourceImpact }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const formatOf: Record<QuotaResource, (value: number, unitOf?: number) => string> = {
    cpu: format.cpu,
    memory: format.memory,
    storage: format.storage,
    spaces: format.count,
    instances: format.count,
  };
  const f = formatOf[impact.resource];
  const nowPercent = usagePercent(Math.min(impact.inUse, impact.after), impact.limit);
  const addedPercent = impact.change > 0 ? Math.max(0, usagePercent(impact.after, impact.limit) - nowPercent) : 0;
  const label = translate(`nprod.orders.impact.resources.${impact.resource}`);
  const summary = translate('nprod.orders.impact.after', { after: f(impact.after, impact.limit), limit: f(impact.limit) });
  const change = impact.change === 0 ? '' : translate(impact.change > 0 ? 'nprod.orders.impact.adds' : 'nprod.orders.impact.gives_back', { amount: f(Math.abs(impact.change), impact.limit) });
  return (
    <Box data-testid={`impact-${impact.resource}`} data-over={impact.over ? 'true' : 'false'} data-after={impact.after} data-limit={impact.limit} sx={{ mb: 1.5 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, mb: 0.5 }}>
        <Typography variant="body2" fontWeight={500}>
          {label}
          {change && (
            <Typography component="span" variant="body2" color={impact.over ? 'error.main' : 'text.secondary'} sx={{ ml: 1 }}>
              {change}
            </Typography>
          )}
        </Typography>
        <Typography variant="body2" color={impact.over ? 'error.main' : 'text.secondary'} fontWeight={impact.over ? 600 : 400}>
          {summary}
        </Typography>
      </Box>
      <Box
        role="meter"
        aria-label={`${label}: ${summary}`}
        aria-valuemin={0}
        aria-valuemax={impact.limit}
        aria-valuenow={impact.after}
        sx={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', bgcolor: 'action.hover', outline: impact.over ? '2px solid' : 'none', outlineColor: 'error.main' }}
      >
        <Box sx={{ width: `${nowPercent}%`, bgcolor: impact.over ? 'error.main' : NOW_COLOUR }} />
        {addedPercent > 0 && (
          <Box sx={{ width: `${addedPercent}%`, bgcolor: impact.over ? 'error.light' : ADDED_COLOUR, backgroundImage: 'repeating-linear-gradient(-45deg, transparent 0 5px, rgba(255,255,255,0.4) 5px 10px)' }} />
        )}
      </Box>
    </Box>
  );
};

/** A space as the API reads it: its size and what its instances use of it. */
export interface SpaceRoom {
  name: string;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
  usedByInstancesCpuMillicores?: number;
  usedByInstancesMemoryMiB?: number;
  usedByInstancesStorageGiB?: number;
}

export interface QuotaImpactProps {
  tenantId: string | undefined;
  region: string | undefined;
  /** Spaces and instances appear only when the order changes them. */
  change: Partial<QuotaChange>;
  /** The order has reserved its growth already (it waits for approval or runs). */
  alreadyReserved?: boolean;
  /** An instance order's space: its cpu, memory and storage are measured against the space, only its count against the allocation. */
  instanceSpace?: SpaceRoom;
  testId?: string;
}

/** An instance order's cpu, memory and storage against its space's size. */
const spaceImpacts = (space: SpaceRoom, change: Partial<QuotaChange>, alreadyReserved: boolean | undefined): ResourceImpact[] =>
  (
    [
      ['cpu', space.usedByInstancesCpuMillicores ?? 0, change.cpuMillicores ?? 0, space.cpuMillicores],
      ['memory', space.usedByInstancesMemoryMiB ?? 0, change.memoryMiB ?? 0, space.memoryMiB],
      ['storage', space.usedByInstancesStorageGiB ?? 0, change.storageGiB ?? 0, space.storageGiB],
    ] as Array<[QuotaResource, number, number, number]>
  ).map(([resource, used, delta, limit]) => {
    // A pending resize holds its growth in the space already; a pending create's instance counts there already.
    const inUse = alreadyReserved && delta > 0 ? Math.max(0, used - delta) : used;
    return { resource, inUse, change: delta, after: Math.max(0, inUse + delta), limit, over: delta > 0 && inUse + delta > limit };
  });

const ScopeLabel = ({ children }: { children: string }) => (
  <Typography variant="overline" color="text.secondary" component="p">
    {children}
  </Typography>
);

/** Used / allocated after the order, per resource, from the tenant's allocation in the region (and an instance's space). */
export const QuotaImpact = ({ tenantId, region, change, alreadyReserved, instanceSpace, testId = 'quota-impact' }: QuotaImpactProps) => {
  const translate = useTranslate();
  const allocation = useAllocation(tenantId, region);
  if (allocation === undefined) return <Skeleton variant="rectangular" height={120} />;
  if (allocation === null) {
    return (
      <Alert severity="warning" data-testid={`${testId}-none`}>
        {translate('nprod.orders.impact.no_allocation', { region: translate(`nprod.regions.${region}`, { _: region }) })}
      </Alert>
    );
  }
  const inSpace = instanceSpace ? spaceImpacts(instanceSpace, change, alreadyReserved) : [];
  const impacts = quotaImpact(allocation, instanceSpace ? { instances: change.instances ?? 0 } : change, { alreadyReserved }).filter(
    (impact) => (!instanceSpace && ['cpu', 'memory', 'storage'].includes(impact.resource)) || impact.change !== 0,
  );
  const over = [...inSpace, ...impacts].some((impact) => impact.over);
  return (
    <Box data-testid={testId} data-over={over ? 'true' : 'false'}>
      {instanceSpace && (
        <Box data-testid={`${testId}-space`}>
          <ScopeLabel>{translate('nprod.space_orders.impact_scope.space', { name: instanceSpace.name })}</ScopeLabel>
          {inSpace.map((impact) => (
            <ImpactBar key={impact.resource} impact={impact} />
          ))}
          {impacts.length > 0 && <ScopeLabel>{translate('nprod.space_orders.impact_scope.allocation')}</ScopeLabel>}
        </Box>
      )}
      {impacts.map((impact) => (
        <ImpactBar key={impact.resource} impact={impact} />
      ))}
      <Typography variant="caption" color="text.secondary" component="p">
        {translate('nprod.orders.impact.legend')}
      </Typography>
      {over && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid={`${testId}-over`}>
          {translate('nprod.orders.impact.over')}
        </Alert>
      )}
    </Box>
  );
};

const RESOURCE_OF_QUOTE: Record<OrderQuote['impact'][number]['resource'], QuotaResource> = {
  cpuMillicores: 'cpu',
  memoryMiB: 'memory',
  storageGiB: 'storage',
  spaces: 'spaces',
  instances: 'instances',
};

/**
 * The quota impact the API computed for an order (quoteOrder): the same bars, from the server's
 * numbers. An instance's cpu, memory and storage are measured against its space, its count
 * against the tenant allocation: each group says which.
 */
export const QuoteImpact = ({ quote, pending, testId = 'quota-impact' }: { quote: OrderQuote; pending?: boolean; testId?: string }) => {
  const translate = useTranslate();
  const groups = (['SPACE', 'ALLOCATION'] as const)
    .map((scope) => ({
      scope,
      impacts: quote.impact
        .filter((row) => row.scope === scope)
        .map((row): ResourceImpact => {
          // Growth is reserved now; a shrink is given back once the order is done, and shows as such.
          const change = row.change > 0 ? row.change : Math.min(0, quote.quotaChange[row.resource]);
          return { resource: RESOURCE_OF_QUOTE[row.resource], inUse: row.inUse, change, after: Math.max(0, row.inUse + change), limit: row.allocated, over: row.change > 0 && row.freeAfter < 0 };
        })
        .filter((impact) => scope === 'SPACE' || ['cpu', 'memory', 'storage'].includes(impact.resource) || impact.change !== 0),
    }))
    .filter((group) => group.impacts.length > 0);
  const labelled = groups.length > 1 || quote.spaceName !== null;
  return (
    <Box data-testid={testId} data-over={quote.fits ? 'false' : 'true'} data-pending={pending ? 'true' : 'false'} sx={{ opacity: pending ? 0.6 : 1 }}>
      {groups.map((group) => (
        <Box key={group.scope} data-testid={`${testId}-${group.scope.toLowerCase()}`}>
          {labelled && (
            <ScopeLabel>{group.scope === 'SPACE' ? translate('nprod.space_orders.impact_scope.space', { name: quote.spaceName ?? '' }) : translate('nprod.space_orders.impact_scope.allocation')}</ScopeLabel>
          )}
          {group.impacts.map((impact) => (
            <ImpactBar key={impact.resource} impact={impact} />
          ))}
        </Box>
      ))}
      <Typography variant="caption" color="text.secondary" component="p">
        {translate('nprod.orders.impact.legend')}
      </Typography>
      {!quote.fits && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid={`${testId}-over`}>
          {quote.problem ?? translate('nprod.orders.impact.over')}
        </Alert>
      )}
    </Box>
  );
};

/** "₸30.40 / h · ₸22,192.00 / month". */
export const PriceText = ({ tiynPerHour, variant = 'body2' }: { tiynPerHour: number; variant?: 'body2' | 'body1' | 'h6' }) => {
  const translate = useTranslate();
  const price = usePrice();
  return (
    <Typography variant={variant} component="span">
      {translate('nprod.catalogue.per_hour', { price: price(tiynPerHour) })}
    </Typography>
  );
};
