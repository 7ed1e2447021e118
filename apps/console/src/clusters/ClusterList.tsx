import { BooleanInput, CreateButton, Datagrid, FilterButton, List, NumberField, SearchInput, SelectInput, TextField, TopToolbar, WrapperField, useRecordContext } from 'react-admin';
import { enumChoices, CLUSTER_HEALTHS } from '../lib/enums';
import type { ClusterRecord } from './cluster';
import { ClusterCapacityBars } from './ClusterCapacityBars';
import { ClusterHealthChip, ClusterRegionsField, CordonedField } from './ClusterFields';

const clusterFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="health" source="health" choices={enumChoices('ClusterHealth', CLUSTER_HEALTHS)} />,
  <BooleanInput key="cordoned" source="cordoned" />,
];

const ClusterListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton data-testid="cluster-register-button" label="resources.clusters.page.create" />
  </TopToolbar>
);

const CompactCapacity = (_props: { label?: string }) => {
  const record = useRecordContext<ClusterRecord>();
  return record ? <ClusterCapacityBars cluster={record} dense /> : null;
};

export const ClusterList = () => (
  <List filters={clusterFilters} actions={<ClusterListActions />} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="cluster-list">
      <TextField source="name" />
      <ClusterRegionsField label="resources.clusters.fields.regions" sortable={false} />
      <ClusterHealthChip source="health" label="resources.clusters.fields.health" />
      <WrapperField label="resources.clusters.fields.cordoned" sortBy="cordoned">
        <CordonedField />
      </WrapperField>
      <NumberField source="spacesCount" sortable={false} />
      <WrapperField label="resources.clusters.fields.capacity">
        <CompactCapacity />
      </WrapperField>
    </Datagrid>
  </List>
);
