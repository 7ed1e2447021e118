import EditIcon from '@mui/icons-material/Edit';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { DeleteWithConfirmButton, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TenantRole } from '../lib/enums';
import { ChangeRoleDialog } from './MembershipDialogs';
import { useRoleCeiling } from './roles';

export interface MembershipRow {
  id: string;
  tenantId: string;
  userId: string;
  role: TenantRole;
  userDisplayName?: string;
  userEmail?: string;
  tenantName?: string;
}

/** Change role and remove, for the memberships the caller may touch (never a role above their own). */
export const MembershipActions = () => {
  const membership = useRecordContext<MembershipRow>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canTouch } = useRoleCeiling(membership?.tenantId);
  const [editing, setEditing] = useState(false);
  if (!membership || !canTouch(membership.role)) return null;
  return (
    <Box sx={{ display: 'flex', gap: 0.5, justifyContent: 'flex-end', whiteSpace: 'nowrap' }} onClick={(event) => event.stopPropagation()}>
      <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing(true)} data-testid="membership-change-role">
        {translate('resources.memberships.actions.change_role')}
      </Button>
      <DeleteWithConfirmButton
        record={membership}
        resource="memberships"
        label="resources.memberships.actions.remove"
        confirmTitle="resources.memberships.messages.remove_title"
        confirmContent="resources.memberships.messages.remove_content"
        translateOptions={{ person: membership.userDisplayName ?? membership.userEmail ?? '', tenant: membership.tenantName ?? '' }}
        mutationMode="pessimistic"
        redirect={false}
        mutationOptions={{
          onSuccess: () => {
            notify('resources.memberships.notifications.removed', { type: 'info' });
            refresh();
          },
          onError: (error: unknown) => {
            notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error', autoHideDuration: 10_000 });
          },
        }}
        data-testid="membership-remove"
      />
      {editing && <ChangeRoleDialog open onClose={() => setEditing(false)} membership={membership} />}
    </Box>
  );
};
