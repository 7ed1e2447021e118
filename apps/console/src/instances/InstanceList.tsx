import {
  AutocompleteInput,
  Datagrid,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { InstanceStatusField } from './InstanceStatusField';
import { CpuField, MemoryField, StorageField } from '../components/quantities';
import { INSTANCE_STATUSES } from '../lib/catalogue';
import { enumChoices } from '../lib/enums';
import { OfferingNameField } from '../components/OfferingNameField';

const instanceFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('InstanceStatus', INSTANCE_STATUSES)} alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.instances.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <ReferenceInput key="offeringId" source="offeringId" reference="offerings">
    <SelectInput label="resources.instances.fields.offeringId" optionText={<OfferingNameField />} />
  </ReferenceInput>,
];

export const InstanceList = () => (
  <List filters={instanceFilters} actions={<TopToolbar><FilterButton /></TopToolbar>} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="instance-list">
      <TextField source="name" />
      <ReferenceField source="offeringId" reference="offerings" link={false} sortable={false}>
        <OfferingNameField />
      </ReferenceField>
      <InstanceStatusField label="resources.instances.fields.status" />
      <TextField source="planKey" />
      <ReferenceField source="tenantId" reference="tenants" link="show" sortable={false} />
      <ReferenceField source="spaceId" reference="spaces" link="show" sortable={false} />
      <CpuField source="cpuMillicores" label="resources.instances.fields.cpuMillicores" sortable={false} />
      <MemoryField source="memoryMiB" label="resources.instances.fields.memoryMiB" sortable={false} />
      <StorageField source="storageGiB" label="resources.instances.fields.storageGiB" sortable={false} />
      <LocaleDateField source="leaseEndsAt" emptyText="—" />
      <LocaleDateField source="createdAt" />
    </Datagrid>
  </List>
);
