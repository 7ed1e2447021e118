import { AutocompleteInput, Datagrid, FilterButton, List, ReferenceInput, SearchInput, SelectInput, TextField, TopToolbar } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { PlatformRoleChip } from '../components/chips';
import { enumChoices, PLATFORM_ROLES } from '../lib/enums';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="platformRole" source="platformRole" choices={enumChoices('PlatformRole', PLATFORM_ROLES)} />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.users.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
];

export const UserList = () => (
  <List filters={filters} actions={<TopToolbar><FilterButton /></TopToolbar>} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="user-list">
      <TextField source="displayName" />
      <TextField source="email" />
      <PlatformRoleChip source="platformRole" label="resources.users.fields.platformRole" />
      <LocaleDateField source="createdAt" />
    </Datagrid>
  </List>
);
