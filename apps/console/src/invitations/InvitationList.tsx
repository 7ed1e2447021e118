import SendIcon from '@mui/icons-material/Send';
import Button from '@mui/material/Button';
import { useState } from 'react';
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
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { InvitationStatusChip, TenantRoleChip } from '../components/chips';
import { RevokeButton } from '../components/RevokeButton';
import { enumChoices, INVITATION_STATUSES, TENANT_ROLES } from '../lib/enums';
import { InviteDialog } from '../memberships/MembershipDialogs';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('InvitationStatus', INVITATION_STATUSES)} />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.invitations.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <SelectInput key="role" source="role" choices={enumChoices('TenantRole', TENANT_ROLES)} />,
];

export const InviteButton = ({ tenant }: { tenant?: { id: string; name: string } }) => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'invitations', action: 'create' });
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  return (
    <>
      <Button size="small" startIcon={<SendIcon />} onClick={() => setOpen(true)} data-testid="invite-button">
        {translate('resources.invitations.actions.invite')}
      </Button>
      {open && <InviteDialog open onClose={() => setOpen(false)} tenant={tenant} />}
    </>
  );
};

/** Only pending invitations can be withdrawn. */
export const RevokeInvitation = () => {
  const record = useRecordContext<{ status?: string }>();
  if (record?.status !== 'PENDING') return null;
  return (
    <RevokeButton
      resource="invitations"
      confirmTitle="resources.invitations.messages.revoke_title"
      confirmContent="resources.invitations.messages.revoke_content"
      done="resources.invitations.notifications.revoked"
      nameOf={(invitation) => String(invitation.email ?? '')}
      testId="invitation-revoke"
    />
  );
};

export const InvitationColumns = ({ tenant = true }: { tenant?: boolean }) => [
  <TextField key="email" source="email" label="resources.invitations.fields.email" />,
  ...(tenant ? [<ReferenceField key="tenantId" source="tenantId" reference="tenants" link="show" label="resources.invitations.fields.tenantId" />] : []),
  <TenantRoleChip key="role" source="role" label="resources.invitations.fields.role" />,
  <InvitationStatusChip key="status" source="status" label="resources.invitations.fields.status" />,
  <LocaleDateField key="createdAt" source="createdAt" label="resources.invitations.fields.createdAt" showTime />,
  <LocaleDateField key="expiresAt" source="expiresAt" label="resources.invitations.fields.expiresAt" showTime />,
  <RevokeInvitation key="revoke" />,
];

export const InvitationList = () => (
  <List
    filters={filters}
    actions={
      <TopToolbar>
        <FilterButton />
        <InviteButton />
      </TopToolbar>
    }
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
  >
    <Datagrid bulkActionButtons={false} rowClick={false} data-testid="invitation-list">
      {InvitationColumns({})}
    </Datagrid>
  </List>
);
