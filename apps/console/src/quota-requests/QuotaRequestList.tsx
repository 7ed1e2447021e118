import { AutocompleteInput, CreateButton, Datagrid, FilterButton, List, ReferenceField, ReferenceInput, SelectInput, TopToolbar } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { QuotaRequestStatusChip } from '../components/chips';
import { RegionField } from '../components/RegionField';
import { RegionInput } from '../components/RegionInput';
import { enumChoices, QUOTA_REQUEST_STATUSES } from '../lib/enums';
import { QuotaAmountsField } from '../quotas/QuotaAmountsField';

const filters = [
  <SelectInput key="status" source="status" choices={enumChoices('QuotaRequestStatus', QUOTA_REQUEST_STATUSES)} alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.quota-requests.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <RegionInput key="region" source="region" />,
];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="nprod.quota.request_more" data-testid="quota-request-create" />
  </TopToolbar>
);

export const QuotaRequestList = () => (
  <List filters={filters} actions={<Actions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="quota-request-list">
      <LocaleDateField source="createdAt" showTime />
      <ReferenceField source="tenantId" reference="tenants" link="show" sortable={false} />
      <RegionField source="region" label="resources.quota-requests.fields.region" />
      <QuotaAmountsField label="resources.quota-requests.fields.requested" />
      <QuotaRequestStatusChip source="status" label="resources.quota-requests.fields.status" />
      <QuotaAmountsField prefix="granted" label="resources.quota-requests.fields.granted" />
      <LocaleDateField source="decidedAt" showTime emptyText="—" />
    </Datagrid>
  </List>
);
