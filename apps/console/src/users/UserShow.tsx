import PersonAddIcon from '@mui/icons-material/PersonAdd';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import {
  Datagrid,
  EditButton,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { PlatformRoleChip } from '../components/chips';
import { MembershipColumns } from '../memberships/MembershipList';
import { AddMemberDialog } from '../memberships/MembershipDialogs';

const UserTitle = () => {
  const record = useRecordContext<{ displayName?: string }>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.users.name', { smart_count: 1 })}
      {record?.displayName ? `: ${record.displayName}` : ''}
    </span>
  );
};

const UserActions = () => {
  const record = useRecordContext();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'edit', record });
  return <TopToolbar>{canAccess && <EditButton />}</TopToolbar>;
};

const Memberships = () => {
  const user = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'memberships', action: 'create' });
  const [adding, setAdding] = useState(false);
  if (!user) return null;
  return (
    <Box component="section" sx={{ px: 2, py: 2, borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h6" component="h2">
          {translate('resources.users.sections.memberships')}
        </Typography>
        {canAccess && (
          <Button startIcon={<PersonAddIcon />} onClick={() => setAdding(true)} data-testid="user-add-membership">
            {translate('resources.users.actions.add_to_tenant')}
          </Button>
        )}
      </Box>
      <ReferenceManyField
        reference="memberships"
        target="userId"
        sort={{ field: 'tenantName', order: 'ASC' }}
        perPage={25}
        pagination={<Pagination />}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate('resources.users.empty_memberships')}
          </Typography>
        }
      >
        <Datagrid bulkActionButtons={false} rowClick={false} data-testid="user-memberships">
          {MembershipColumns({ show: { tenant: true } })}
        </Datagrid>
      </ReferenceManyField>
      {adding && <AddMemberDialog open onClose={() => setAdding(false)} userId={user.id} />}
    </Box>
  );
};

export const UserShow = () => (
  <Show title={<UserTitle />} actions={<UserActions />}>
    <SimpleShowLayout>
      <TextField source="displayName" />
      <TextField source="email" />
      <PlatformRoleChip source="platformRole" label="resources.users.fields.platformRole" />
      <LocaleDateField source="createdAt" showTime />
    </SimpleShowLayout>
    <Memberships />
  </Show>
);
