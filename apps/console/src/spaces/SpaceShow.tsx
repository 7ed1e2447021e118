import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import {
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useGetList,
  useGetOne,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { KubeObjectsTable } from '../components/KubeObjectsTable';
import { LocaleDateField } from '../components/LocaleDateField';
import { SpaceStatusChip } from '../components/chips';
import { CpuField, MemoryField, StorageField } from '../components/quantities';
import { canManageTenant } from '../lib/access';
import type { Offering } from '../lib/catalogue';
import type { KubeObjectRecord } from '../lib/catalogue';
import { useLocalizedOfferings } from '../lib/offeringText';
import { TRANSIENT_SPACE_STATUSES } from '../lib/enums';
import { useCaller } from '../lib/useCaller';
import { useOrderUpdates } from '../orders/useOrderUpdates';
import { DeleteSpaceDialog, ResizeSpaceDialog, type SpaceRecord } from './SpaceDialogs';
import { SpaceRoomBars } from './SpaceRoomBars';

export const SPACE_POLL_INTERVAL_MS = 1000;

/** Poll while the worker is still changing the space, stop once it settles. */
export const spaceRefetchInterval = (status: string | undefined): number | false =>
  status && TRANSIENT_SPACE_STATUSES.includes(status) ? SPACE_POLL_INTERVAL_MS : false;

const StatusBanner = () => {
  const record = useRecordContext<RaRecord & { status?: string; statusReason?: string | null }>();
  const translate = useTranslate();
  if (!record?.status) return null;
  if (record.status === 'FAILED') {
    return (
      <Alert severity="error" data-testid="space-status-reason" sx={{ mx: 2, mt: 2 }}>
        <AlertTitle>{translate('resources.spaces.messages.failed')}</AlertTitle>
        {record.statusReason || translate('resources.spaces.messages.no_reason')}
      </Alert>
    );
  }
  if (TRANSIENT_SPACE_STATUSES.includes(record.status)) {
    const key = record.status === 'PROVISIONING' ? 'provisioning' : 'decommissioning';
    return (
      <Box sx={{ mx: 2, mt: 2 }} data-testid="space-progress">
        <Alert severity="info">{translate(`resources.spaces.messages.${key}`)}</Alert>
        <LinearProgress sx={{ mt: 0.5 }} />
      </Box>
    );
  }
  return null;
};

/** Re-reads the space whenever one of its orders (or of its instances) changes; the page polls only while the space is changing. */
const SpaceOrderUpdates = () => {
  const space = useRecordContext<SpaceRecord & RaRecord>();
  useOrderUpdates({ tenantId: space?.tenantId, spaceId: space?.id }, !!space);
  return null;
};

/** The built-in IaaS offering: spaces made before space orders named their offering are of this one. */
const COMPUTE_SPACE_OFFERING_KEY = 'compute-space';

/** Resize and Delete for the tenant's owners and admins (and operators), when the space is settled. */
const SpaceActions = () => {
  const space = useRecordContext<SpaceRecord & RaRecord>();
  const translate = useTranslate();
  const caller = useCaller();
  const [open, setOpen] = useState<'resize' | 'delete'>();
  const { data: tenant } = useGetOne<{ id: string; ancestorsIds?: string[] }>('tenants', { id: space?.tenantId ?? '' }, { enabled: !!space?.tenantId });
  const { data: loadedOfferings } = useGetList<Offering>('offerings', { filter: { kind: 'IAAS' }, pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'ASC' } }, { enabled: !!space });
  const offerings = useLocalizedOfferings(loadedOfferings);
  if (!space || !canManageTenant(caller, space.tenantId, tenant?.ancestorsIds ?? [])) return null;
  const offering = offerings?.find((candidate) => (space.offeringId ? candidate.id === space.offeringId : candidate.key === COMPUTE_SPACE_OFFERING_KEY));
  const canResize = space.status === 'ACTIVE' && !!offering;
  const canDelete = ['ACTIVE', 'FAILED'].includes(space.status);
  if (!canResize && !canDelete) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1, mx: 2, mt: 2 }}>
      {canResize && (
        <Button variant="outlined" startIcon={<OpenInFullIcon />} onClick={() => setOpen('resize')} data-testid="space-resize">
          {translate('nprod.space_orders.resize.open')}
        </Button>
      )}
      {canDelete && (
        <Button variant="outlined" color="error" startIcon={<DeleteForeverIcon />} onClick={() => setOpen('delete')} data-testid="space-delete">
          {translate('nprod.space_orders.delete.open')}
        </Button>
      )}
      {open === 'resize' && offering && <ResizeSpaceDialog open onClose={() => setOpen(undefined)} space={space} offering={offering} />}
      {open === 'delete' && <DeleteSpaceDialog open onClose={() => setOpen(undefined)} space={space} />}
    </Box>
  );
};

/** What the worker observed of the namespace and its quota, defaults, policies and bindings. */
const SpaceKubeObjects = (_props: { label?: string }) => {
  const record = useRecordContext<RaRecord & { kubeObjects?: KubeObjectRecord[] }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box data-testid="space-kube-objects">
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {translate('nprod.kube_objects.hint')}
      </Typography>
      <KubeObjectsTable objects={record.kubeObjects ?? []} />
    </Box>
  );
};

const SpaceTitle = () => {
  const record = useRecordContext<RaRecord & { name?: string }>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.spaces.name', { smart_count: 1 })}
      {record?.name ? `: ${record.name}` : ''}
    </span>
  );
};

export const SpaceShow = () => (
  <Show
    title={<SpaceTitle />}
    queryOptions={{
      refetchInterval: (query) => spaceRefetchInterval((query.state.data as { status?: string } | undefined)?.status),
    }}
  >
    <SpaceOrderUpdates />
    <StatusBanner />
    <SpaceActions />
    <SimpleShowLayout>
      <TextField source="name" />
      <ReferenceField source="tenantId" reference="tenants" link="show" />
      <TextField source="slug" />
      <TextField source="namespace" />
      <TextField source="planKey" emptyText="—" />
      <SpaceStatusChip source="status" label="resources.spaces.fields.status" />
      <CpuField source="cpuMillicores" />
      <MemoryField source="memoryMiB" />
      <StorageField source="storageGiB" />
      <SpaceRoomBars label="nprod.space_orders.room.title" />
      <TextField source="clusterName" emptyText="—" />
      <LocaleDateField source="createdAt" showTime />
      <LocaleDateField source="updatedAt" showTime />
      <SpaceKubeObjects label="nprod.kube_objects.title" />
    </SimpleShowLayout>
  </Show>
);
