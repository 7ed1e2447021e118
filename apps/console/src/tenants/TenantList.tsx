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
  usePermissions,
} from 'react-admin';
import type { Permissions } from '../authProvider';
import { LocaleDateField } from '../components/LocaleDateField';
import { TenantKindChip, TenantStatusChip } from '../components/chips';
import { RegionField } from '../components/RegionField';
import { enumChoices, TENANT_KINDS, TENANT_STATUSES } from '../lib/enums';

const tenantFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={enumChoices('TenantKind', TENANT_KINDS)} />,
  <SelectInput key="status" source="status" choices={enumChoices('TenantStatus', TENANT_STATUSES)} />,
  <ReferenceInput key="parentId" source="parentId" reference="tenants">
    <AutocompleteInput label="resources.tenants.fields.parentId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
];

/** Only platform operators onboard tenants (the API refuses anyone else), so only they get the button. */
const TenantListActions = () => {
  const { permissions } = usePermissions<Permissions>();
  return (
    <TopToolbar>
      <FilterButton />
      {permissions?.platformRole === 'OPERATOR' && <CreateButton data-testid="tenant-create-button" />}
    </TopToolbar>
  );
};

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
