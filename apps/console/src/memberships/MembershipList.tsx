import PersonAddIcon from '@mui/icons-material/PersonAdd';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { AutocompleteInput, Datagrid, FilterButton, List, ReferenceField, ReferenceInput, SearchInput, SelectInput, TextField, TopToolbar, useCanAccess, useTranslate } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { TenantRoleChip } from '../components/chips';
import { enumChoices, TENANT_ROLES } from '../lib/enums';
import { MembershipActions } from './MembershipActions';
import { AddMemberDialog } from './MembershipDialogs';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.memberships.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <ReferenceInput key="userId" source="userId" reference="users">
    <AutocompleteInput label="resources.memberships.fields.userId" optionText="email" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <SelectInput key="role" source="role" choices={enumChoices('TenantRole', TENANT_ROLES)} />,
];

const Actions = () => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'memberships', action: 'create' });
  const [open, setOpen] = useState(false);
  return (
    <TopToolbar>
      <FilterButton />
      {canAccess && (
        <Button size="small" startIcon={<PersonAddIcon />} onClick={() => setOpen(true)} data-testid="membership-add">
          {translate('resources.memberships.actions.add')}
        </Button>
      )}
      {open && <AddMemberDialog open onClose={() => setOpen(false)} />}
    </TopToolbar>
  );
};

/** The columns shared by the list page, a tenant's members and a person's memberships. */
export const MembershipColumns = ({ show }: { show: { tenant?: boolean; user?: boolean } }) => [
  ...(show.user
    ? [
        <TextField key="userDisplayName" source="userDisplayName" label="resources.memberships.fields.userDisplayName" />,
        <TextField key="userEmail" source="userEmail" label="resources.memberships.fields.userEmail" />,
      ]
    : []),
  ...(show.tenant ? [<ReferenceField key="tenantId" source="tenantId" reference="tenants" link="show" label="resources.memberships.fields.tenantId" sortable={false} />] : []),
  <TenantRoleChip key="role" source="role" label="resources.memberships.fields.role" />,
  <LocaleDateField key="createdAt" source="createdAt" label="resources.memberships.fields.createdAt" />,
  <MembershipActions key="actions" />,
];

export const MembershipList = () => (
  <List filters={filters} actions={<Actions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid bulkActionButtons={false} rowClick={false} data-testid="membership-list">
      {MembershipColumns({ show: { tenant: true, user: true } })}
    </Datagrid>
  </List>
);
