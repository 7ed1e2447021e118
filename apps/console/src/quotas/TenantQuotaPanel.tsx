import AddchartIcon from '@mui/icons-material/Addchart';
import TuneIcon from '@mui/icons-material/Tune';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Datagrid, Link, Pagination, ReferenceManyField, useCreatePath, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { QuotaRequestStatusChip } from '../components/chips';
import { RegionField } from '../components/RegionField';
import { canManageTenant, canSetAllocation, isOperator, type Caller } from '../lib/access';
import { regionLabelKey } from '../lib/enums';
import type { Allocation, TenantRecord } from '../lib/types';
import { useCaller } from '../lib/useCaller';
import { AllocationBars, QuotaBar, QuotaLegend } from './AllocationBars';
import { QuotaAmountsField } from './QuotaAmountsField';
import { RequestQuotaDialog, SetAllocationDialog } from './QuotaDialogs';
import { useFormatters } from '../components/quantities';
import { useRegionChoices } from '../components/useRegionChoices';

/**
 * A parent changes only what it handed down (or an empty allocation it takes over); an allocation an
 * operator granted stays the operator's. The API refuses the rest, so the button is not offered.
 */
const canChangeAllocation = (caller: Caller | undefined, canSet: boolean, allocation: Allocation) => {
  if (isOperator(caller)) return true;
  if (!canSet) return false;
  const empty = [allocation.cpuMillicores, allocation.memoryMiB, allocation.storageGiB, allocation.maxSpaces, allocation.maxInstances].every((limit) => limit === 0);
  return !!allocation.parentAllocationId || empty;
};

type Dialog = { kind: 'set'; allocation?: Allocation } | { kind: 'request'; region?: string } | undefined;

const hasHandedDown = (allocation: Allocation) =>
  allocation.allocatedToChildrenCpuMillicores + allocation.allocatedToChildrenMemoryMiB + allocation.allocatedToChildrenStorageGiB + allocation.allocatedToChildrenSpaces + allocation.allocatedToChildrenInstances > 0;

/** Each child's allocation in the same region: what this tenant handed down, and how much of it they use. */
const ChildrenAllocations = ({ tenant, region }: { tenant: TenantRecord; region: string }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const format = useFormatters();
  const { data: children = [] } = useGetList<TenantRecord>('tenants', { filter: { parentId: tenant.id }, pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } });
  const { data: allocations = [] } = useGetList<Allocation>(
    'allocations',
    { filter: { region }, pagination: { page: 1, perPage: 500 }, sort: { field: 'tenantId', order: 'ASC' } },
    { enabled: children.length > 0 },
  );
  const byTenant = new Map(allocations.map((allocation) => [allocation.tenantId, allocation]));
  const rows = children.map((child) => ({ child, allocation: byTenant.get(child.id) })).filter((row) => row.allocation);
  if (rows.length === 0) return null;
  return (
    <Box sx={{ mt: 2 }} data-testid="children-allocations">
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {translate('nprod.quota.children_title')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        {rows.map(({ child, allocation }) => (
          <Box key={child.id} sx={{ p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}>
            <Link to={createPath({ resource: 'tenants', id: child.id, type: 'show' }) + '/quota'} variant="body2" fontWeight={600}>
              {child.name}
            </Link>
            <QuotaBar dense testId={`child-${child.id}-cpu`} label={translate('nprod.quota.resources.cpu')} used={allocation!.usedCpuMillicores + allocation!.allocatedToChildrenCpuMillicores} toChildren={0} limit={allocation!.cpuMillicores} format={format.cpu} showChildren={false} />
            <QuotaBar dense testId={`child-${child.id}-memory`} label={translate('nprod.quota.resources.memory')} used={allocation!.usedMemoryMiB + allocation!.allocatedToChildrenMemoryMiB} toChildren={0} limit={allocation!.memoryMiB} format={format.memory} showChildren={false} />
            <QuotaBar dense testId={`child-${child.id}-storage`} label={translate('nprod.quota.resources.storage')} used={allocation!.usedStorageGiB + allocation!.allocatedToChildrenStorageGiB} toChildren={0} limit={allocation!.storageGiB} format={format.storage} showChildren={false} />
          </Box>
        ))}
      </Box>
    </Box>
  );
};

const AllocationCard = ({
  tenant,
  allocation,
  canSet,
  operatorOnly,
  canRequest,
  onDialog,
}: {
  tenant: TenantRecord;
  allocation: Allocation;
  canSet: boolean;
  /** The caller sets this tenant's allocations, but not this one, an operator's grant. */
  operatorOnly: boolean;
  canRequest: boolean;
  onDialog: (dialog: Dialog) => void;
}) => {
  const translate = useTranslate();
  const handedDown = hasHandedDown(allocation);
  return (
    <Card variant="outlined" data-testid={`allocation-card-${allocation.region}`}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', mb: 1 }}>
          <Box>
            <Typography variant="h6" component="h3">
              {translate(regionLabelKey(allocation.region), { _: allocation.region })}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p">
              {translate(allocation.parentAllocationId ? 'nprod.quota.carved_from_parent' : 'nprod.quota.granted_by_operator')}
            </Typography>
            {operatorOnly && (
              <Typography variant="caption" color="text.secondary" component="p" data-testid={`allocation-operator-only-${allocation.region}`}>
                {translate('nprod.quota.operator_only')}
              </Typography>
            )}
          </Box>
          <Box sx={{ display: 'flex', gap: 1 }}>
            {canSet && (
              <Button size="small" startIcon={<TuneIcon />} onClick={() => onDialog({ kind: 'set', allocation })} data-testid={`set-allocation-${allocation.region}`}>
                {translate('nprod.quota.change_limits')}
              </Button>
            )}
            {canRequest && (
              <Button size="small" variant="outlined" startIcon={<AddchartIcon />} onClick={() => onDialog({ kind: 'request', region: allocation.region })} data-testid={`request-quota-${allocation.region}`}>
                {translate('nprod.quota.request_more')}
              </Button>
            )}
          </Box>
        </Box>
        <QuotaLegend showChildren={handedDown} />
        <AllocationBars allocation={allocation} showChildren={handedDown} testIdPrefix={`allocation-${allocation.region}`} />
        {handedDown && <ChildrenAllocations tenant={tenant} region={allocation.region} />}
      </CardContent>
    </Card>
  );
};

/** The tenant's quota: per region, limits against own use and what went to children; requests for more. */
export const TenantQuotaPanel = () => {
  const tenant = useRecordContext<TenantRecord>();
  const translate = useTranslate();
  const caller = useCaller();
  const [dialog, setDialog] = useState<Dialog>();
  const { data: allocations, isPending } = useGetList<Allocation>(
    'allocations',
    { filter: { tenantId: tenant?.id }, pagination: { page: 1, perPage: 50 }, sort: { field: 'region', order: 'ASC' } },
    { enabled: !!tenant?.id },
  );
  const { regions } = useRegionChoices();
  if (!tenant) return null;
  const canSet = canSetAllocation(caller, tenant);
  const takenRegions = allocations?.map((allocation) => allocation.region) ?? [];
  const canAddRegion = canSet && !!regions?.some((region) => !takenRegions.includes(region));
  const canRequest = canManageTenant(caller, tenant.id, tenant.ancestorsIds ?? []);
  const tenantRef = { id: tenant.id, name: tenant.name, region: tenant.region };

  return (
    <Box data-testid="tenant-quota" sx={{ py: 1 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 640 }}>
          {translate('nprod.quota.intro')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1 }}>
          {canAddRegion && (
            <Button startIcon={<TuneIcon />} onClick={() => setDialog({ kind: 'set' })} data-testid="set-allocation">
              {translate('nprod.quota.add_region')}
            </Button>
          )}
          {canRequest && (
            <Button variant="contained" startIcon={<AddchartIcon />} onClick={() => setDialog({ kind: 'request' })} data-testid="request-quota">
              {translate('nprod.quota.request_more')}
            </Button>
          )}
        </Box>
      </Box>
      {isPending ? (
        <Skeleton variant="rounded" height={240} />
      ) : allocations && allocations.length > 0 ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: allocations.length > 1 ? '1fr 1fr' : '1fr' }, gap: 2, maxWidth: allocations.length > 1 ? undefined : 760 }}>
          {allocations.map((allocation) => (
            <AllocationCard
              key={allocation.id}
              tenant={tenant}
              allocation={allocation}
              canSet={canChangeAllocation(caller, canSet, allocation)}
              operatorOnly={canSet && !canChangeAllocation(caller, canSet, allocation)}
              canRequest={canRequest}
              onDialog={setDialog}
            />
          ))}
        </Box>
      ) : (
        <Alert severity="info">{translate('resources.tenants.allocation.none')}</Alert>
      )}

      <Typography variant="h6" component="h3" sx={{ mt: 4, mb: 1 }}>
        {translate('nprod.quota.requests_title')}
      </Typography>
      <ReferenceManyField
        reference="quota-requests"
        target="tenantId"
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination />}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate('nprod.quota.no_requests')}
          </Typography>
        }
      >
        <Datagrid rowClick="show" bulkActionButtons={false} data-testid="tenant-quota-requests">
          <LocaleDateField source="createdAt" label="resources.quota-requests.fields.createdAt" showTime />
          <RegionField source="region" label="resources.quota-requests.fields.region" />
          <QuotaAmountsField label="resources.quota-requests.fields.requested" />
          <QuotaRequestStatusChip source="status" label="resources.quota-requests.fields.status" />
          <QuotaAmountsField prefix="granted" label="resources.quota-requests.fields.granted" />
        </Datagrid>
      </ReferenceManyField>

      {dialog?.kind === 'set' && (
        <SetAllocationDialog open onClose={() => setDialog(undefined)} tenant={tenantRef} allocation={dialog.allocation} takenRegions={takenRegions} />
      )}
      {dialog?.kind === 'request' && <RequestQuotaDialog open onClose={() => setDialog(undefined)} tenant={tenantRef} region={dialog.region} />}
    </Box>
  );
};
