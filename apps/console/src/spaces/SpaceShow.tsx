import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import {
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { SpaceStatusChip } from '../components/chips';
import { CpuField, MemoryField, StorageField } from '../components/quantities';
import { TRANSIENT_SPACE_STATUSES } from '../lib/enums';

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
    <StatusBanner />
    <SimpleShowLayout>
      <TextField source="name" />
      <ReferenceField source="tenantId" reference="tenants" link="show" />
      <TextField source="slug" />
      <TextField source="namespace" />
      <SpaceStatusChip source="status" label="resources.spaces.fields.status" />
      <CpuField source="cpuMillicores" />
      <MemoryField source="memoryMiB" />
      <StorageField source="storageGiB" />
      <TextField source="clusterName" emptyText="—" />
      <LocaleDateField source="createdAt" showTime />
      <LocaleDateField source="updatedAt" showTime />
    </SimpleShowLayout>
  </Show>
);
