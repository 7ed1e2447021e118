import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  FunctionField,
  Labeled,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useGetList,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { QuotaRequestStatusChip } from '../components/chips';
import { RegionField } from '../components/RegionField';
import { regionLabelKey } from '../lib/enums';
import type { Allocation, QuotaRequestRecord } from '../lib/types';
import { AllocationBars } from '../quotas/AllocationBars';
import { QuotaAmountsField } from '../quotas/QuotaAmountsField';
import { QuotaRequestDecision } from '../quotas/QuotaRequestDecision';

const Title = () => {
  const translate = useTranslate();
  return <span>{translate('resources.quota-requests.name', { smart_count: 1 })}</span>;
};

/** The operator's reason, next to the outcome it explains. */
const Outcome = () => {
  const record = useRecordContext<QuotaRequestRecord>();
  const translate = useTranslate();
  if (!record || record.status === 'PENDING') return null;
  const severity = record.status === 'REJECTED' ? 'error' : record.status === 'PARTIALLY_APPROVED' ? 'warning' : 'success';
  return (
    <Alert severity={severity} sx={{ mx: 2, mt: 2 }} data-testid="quota-request-outcome">
      {translate(`nprod.quota.outcome.${record.status}`)}
      {record.reason ? ` ${translate('nprod.quota.outcome.reason', { reason: record.reason })}` : ''}
    </Alert>
  );
};

/** What the tenant has now in the region, so the decision is made against real numbers. */
const CurrentAllocation = () => {
  const request = useRecordContext<QuotaRequestRecord>();
  const translate = useTranslate();
  const { data } = useGetList<Allocation>(
    'allocations',
    { filter: { tenantId: request?.tenantId, region: request?.region }, pagination: { page: 1, perPage: 1 }, sort: { field: 'region', order: 'ASC' } },
    { enabled: !!request },
  );
  if (!request) return null;
  const allocation = data?.[0];
  return (
    <Box sx={{ px: 2, pb: 2, maxWidth: 720 }} data-testid="quota-request-current">
      <Typography variant="subtitle1" fontWeight={600} sx={{ mb: 1 }}>
        {translate('nprod.quota.current_title', { region: translate(regionLabelKey(request.region), { _: request.region }) })}
      </Typography>
      {allocation ? (
        <AllocationBars allocation={allocation} dense showChildren testIdPrefix="current" />
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('nprod.quota.current_none')}
        </Typography>
      )}
    </Box>
  );
};

export const QuotaRequestShow = () => (
  <Show title={<Title />}>
    <Outcome />
    <SimpleShowLayout>
      <ReferenceField source="tenantId" reference="tenants" link={(record: RaRecord) => `/tenants/${record.id}/show/quota`} />
      <RegionField source="region" label="resources.quota-requests.fields.region" />
      <QuotaRequestStatusChip source="status" label="resources.quota-requests.fields.status" />
      <Labeled label="resources.quota-requests.fields.requested">
        <QuotaAmountsField />
      </Labeled>
      <FunctionField
        source="justification"
        render={(record: QuotaRequestRecord) => <Box sx={{ whiteSpace: 'pre-wrap', maxWidth: 720 }}>{record.justification}</Box>}
      />
      <ReferenceField source="requestedById" reference="users" link="show" emptyText="—" />
      <LocaleDateField source="createdAt" showTime />
      <Labeled label="resources.quota-requests.fields.granted">
        <QuotaAmountsField prefix="granted" />
      </Labeled>
      <TextField source="reason" emptyText="—" />
      <ReferenceField source="decidedById" reference="users" link="show" emptyText="—" />
      <LocaleDateField source="decidedAt" showTime emptyText="—" />
    </SimpleShowLayout>
    <CurrentAllocation />
    <QuotaRequestDecision />
  </Show>
);
