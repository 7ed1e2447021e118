import {
  AutocompleteInput,
  CreateButton,
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
import { SpaceStatusChip } from '../components/chips';
import { CpuField, MemoryField, StorageField } from '../components/quantities';
import { enumChoices, SPACE_STATUSES } from '../lib/enums';

const spaceFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('SpaceStatus', SPACE_STATUSES)} />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.spaces.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
];

const SpaceListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton data-testid="space-create-button" />
  </TopToolbar>
);

export const SpaceList = () => (
  <List filters={spaceFilters} actions={<SpaceListActions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" />
      <ReferenceField source="tenantId" reference="tenants" link="show" sortable={false} />
      <TextField source="namespace" />
      <SpaceStatusChip source="status" label="resources.spaces.fields.status" />
      <CpuField source="cpuMillicores" label="resources.spaces.fields.cpuMillicores" />
      <MemoryField source="memoryMiB" label="resources.spaces.fields.memoryMiB" />
      <StorageField source="storageGiB" label="resources.spaces.fields.storageGiB" />
      <LocaleDateField source="createdAt" />
    </Datagrid>
  </List>
);
