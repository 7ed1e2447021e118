import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { FunctionField, Labeled, NumberField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import type { ClusterRecord } from './cluster';
import { ClusterActions } from './ClusterActions';
import { ClusterCapacityBars } from './ClusterCapacityBars';
import { ClusterHealthChip, ClusterRegionsField } from './ClusterFields';

const ClusterTitle = () => {
  const record = useRecordContext<ClusterRecord>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.clusters.name', { smart_count: 1 })}
      {record?.name ? `: ${record.name}` : ''}
    </span>
  );
};

/** Why the cluster takes no new spaces, or why its probe fails. */
const ClusterBanners = () => {
  const record = useRecordContext<ClusterRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ mx: 2, mt: 2, display: 'grid', gap: 1 }}>
      {record.cordoned && (
        <Alert severity="warning" data-testid="cluster-cordon-reason">
          {translate('resources.clusters.fields.cordonReason')}: {record.cordonReason ?? '—'}
        </Alert>
      )}
      {record.health === 'UNREACHABLE' && record.healthReason && (
        <Alert severity="error" data-testid="cluster-health-reason" title={record.healthReason}>
          {record.healthReasonCode ? translate(`resources.clusters.health_reasons.${record.healthReasonCode}`, { _: record.healthReason }) : record.healthReason}
        </Alert>
      )}
    </Box>
  );
};

const Capacity = () => {
  const record = useRecordContext<ClusterRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ maxWidth: 560, width: '100%' }}>
      <Typography variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('resources.clusters.capacity.title')}
      </Typography>
      <ClusterCapacityBars cluster={record} />
    </Box>
  );
};

export const ClusterShow = () => (
  <Show title={<ClusterTitle />} actions={<ClusterActions />} queryOptions={{ refetchInterval: 5000 }}>
    <ClusterBanners />
    <SimpleShowLayout>
      <TextField source="name" />
      <Labeled label="resources.clusters.fields.regions">
        <ClusterRegionsField />
      </Labeled>
      <TextField source="apiUrl" />
      <FunctionField source="credentialsSource" render={(record: ClusterRecord) => <ClusterCredentials source={record.credentialsSource} />} />
      <ClusterHealthChip source="health" label="resources.clusters.fields.health" />
      <LocaleDateField source="lastSeenAt" showTime emptyText="—" />
      <NumberField source="qps" emptyText="—" />
      <Capacity />
      <LocaleDateField source="createdAt" showTime />
    </SimpleShowLayout>
  </Show>
);

const ClusterCredentials = ({ source }: { source: string }) => {
  const translate = useTranslate();
  return <span data-testid="cluster-credentials">{translate(`resources.clusters.credentials.${source}`, { _: source })}</span>;
};
