import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  FilterButton,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { TenantKindChip, TenantStatusChip } from '../components/chips';
import { RegionField } from '../components/RegionField';
import { enumChoices, TENANT_KINDS, TENANT_STATUSES } from '../lib/enums';

const tenantFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={enumChoices('TenantKind', TENANT_KINDS)} />,
  <SelectInput key="status" source="status" choices={enumChoices('TenantStatus', TENANT_STATUSES)} />,
  <ReferenceInput key="parentId" source="parentId" reference="tenants">
    <AutocompleteInput label="resources.tenants.fields.parentId" />
  </ReferenceInput>,
];

const TenantListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton data-testid="tenant-create-button" />
  </TopToolbar>
);

export const TenantList = () => (
  <List filters={tenantFilters} actions={<TenantListActions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="slug" />
      <TenantKindChip source="kind" label="resources.tenants.fields.kind" />
      <TenantStatusChip source="status" label="resources.tenants.fields.status" />
      <RegionField source="region" label="resources.tenants.fields.region" />
      <ReferenceField source="parentId" reference="tenants" link="show" sortable={false} emptyText="—" />
      <NumberField source="spacesCount" sortable={false} />
      <LocaleDateField source="createdAt" />
    </Datagrid>
  </List>
);
