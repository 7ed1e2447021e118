import EditIcon from '@mui/icons-material/Edit';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import SendIcon from '@mui/icons-material/Send';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { AutocompleteInput, ReferenceInput, required, SelectInput, TextInput, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { FormDialog } from '../components/FormDialog';
import { emailValidator } from '../components/validation';
import { enumLabelKey } from '../lib/enums';
import { useRoleCeiling } from './roles';

interface TenantRef {
  id: string;
  name: string;
}

const NoRoleToGrant = () => {
  const translate = useTranslate();
  return <Alert severity="warning">{translate('resources.memberships.messages.no_role_to_grant')}</Alert>;
};

/** Roles up to the caller's own in the tenant chosen in the form (or given). */
export const RoleSelect = ({ tenantId: fixedTenantId }: { tenantId?: string }) => {
  const formTenantId = useWatch({ name: 'tenantId' }) as string | undefined;
  const tenantId = fixedTenantId ?? formTenantId;
  const { choices, own, isPending } = useRoleCeiling(tenantId);
  const translate = useTranslate();
  if (tenantId && !isPending && choices.length === 0) return <NoRoleToGrant />;
  return (
    <SelectInput
      source="role"
      label="resources.memberships.fields.role"
      choices={choices}
      validate={required()}
      disabled={!tenantId}
      isPending={isPending}
      helperText={own && own !== 'OWNER' ? translate('resources.memberships.helpers.role_ceiling', { role: translate(enumLabelKey('TenantRole', own)) }) : false}
      fullWidth
      data-testid="role-select"
    />
  );
};

/** Give someone who already has an account a role in a tenant (people without one are invited). */
export const AddMemberDialog = ({ open, onClose, tenant, userId }: { open: boolean; onClose: () => void; tenant?: TenantRef; userId?: string }) => {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      testId="add-member-dialog"
      title="resources.memberships.actions.add"
      submitLabel="resources.memberships.actions.add"
      submitIcon={<PersonAddIcon />}
      defaultValues={{ tenantId: tenant?.id, userId }}
      intro={
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('resources.memberships.helpers.add_intro')}
        </Typography>
      }
      onSubmit={(values) => dataProvider.create('memberships', { data: { tenantId: values.tenantId, userId: values.userId, role: values.role } })}
      onSuccess={() => {
        notify('resources.memberships.notifications.added', { type: 'success' });
        refresh();
      }}
    >
      {!tenant && (
        <ReferenceInput source="tenantId" reference="tenants">
          <AutocompleteInput label="resources.memberships.fields.tenantId" validate={required()} fullWidth />
        </ReferenceInput>
      )}
      {!userId && (
        <ReferenceInput source="userId" reference="users" sort={{ field: 'email', order: 'ASC' }}>
          <AutocompleteInput
            label="resources.memberships.fields.userId"
            optionText={(user: { displayName?: string; email?: string }) => `${user.displayName ?? ''} <${user.email ?? ''}>`}
            validate={required()}
            fullWidth
          />
        </ReferenceInput>
      )}
      <RoleSelect tenantId={tenant?.id} />
    </FormDialog>
  );
};

/** A new role for an existing membership; the last owner cannot be demoted (the API says so on the role input). */
export const ChangeRoleDialog = ({ open, onClose, membership }: { open: boolean; onClose: () => void; membership: { id: string; tenantId: string; role: string; userDisplayName?: string; tenantName?: string } }) => {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      testId="change-role-dialog"
      title="resources.memberships.actions.change_role"
      submitLabel="ra.action.save"
      submitIcon={<EditIcon />}
      defaultValues={{ role: membership.role }}
      intro={
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('resources.memberships.helpers.change_intro', { person: membership.userDisplayName ?? '', tenant: membership.tenantName ?? '' })}
        </Typography>
      }
      onSubmit={(values) => dataProvider.update('memberships', { id: membership.id, data: { id: membership.id, role: values.role }, previousData: membership })}
      onSuccess={() => {
        notify('resources.memberships.notifications.updated', { type: 'success' });
        refresh();
      }}
    >
      <RoleSelect tenantId={membership.tenantId} />
    </FormDialog>
  );
};

/** E-mail a link to join the tenant with a role no higher than the caller's. */
export const InviteDialog = ({ open, onClose, tenant }: { open: boolean; onClose: () => void; tenant?: TenantRef }) => {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      testId="invite-dialog"
      title="resources.invitations.actions.invite"
      submitLabel="resources.invitations.actions.send"
      submitIcon={<SendIcon />}
      defaultValues={{ tenantId: tenant?.id, role: 'MEMBER' }}
      intro={
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(tenant ? 'resources.invitations.helpers.intro_tenant' : 'resources.invitations.helpers.intro', { tenant: tenant?.name ?? '' })}
        </Typography>
      }
      onSubmit={(values) => dataProvider.create('invitations', { data: { tenantId: values.tenantId, email: values.email, role: values.role } })}
      onSuccess={(result) => {
        const email = (result as { data?: { email?: string } } | undefined)?.data?.email ?? '';
        notify('resources.invitations.notifications.sent', { type: 'success', messageArgs: { email } });
        refresh();
      }}
    >
      {!tenant && (
        <ReferenceInput source="tenantId" reference="tenants">
          <AutocompleteInput label="resources.invitations.fields.tenantId" validate={required()} fullWidth />
        </ReferenceInput>
      )}
      <TextInput source="email" label="resources.invitations.fields.email" type="email" validate={[required(), emailValidator]} fullWidth />
      <RoleSelect tenantId={tenant?.id} />
    </FormDialog>
  );
};
