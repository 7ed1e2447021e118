import AccountTreeIcon from '@mui/icons-material/AccountTree';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import { ApprovalsMenuItem } from '../approvals/ApprovalsMenuItem';
import { Menu, useCanAccess, useGetList, useTranslate } from 'react-admin';
import Badge from '@mui/material/Badge';

/** Pending sign-ups, counted for the operator's menu badge. */
const SignUpsItem = () => {
  const translate = useTranslate();
  const { total } = useGetList('tenants', { filter: { status: 'PENDING' }, pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'ASC' } });
  return (
    <Menu.Item
      to="/sign-ups"
      primaryText={translate('nprod.sign_ups.menu')}
      leftIcon={
        <Badge badgeContent={total ?? 0} color="warning" max={99}>
          <HowToRegIcon />
        </Badge>
      }
      data-testid="menu-sign-ups"
    />
  );
};

const Guarded = ({ resource, children }: { resource: string; children: React.ReactNode }) => {
  const { canAccess } = useCanAccess({ resource, action: 'list' });
  return canAccess ? <>{children}</> : null;
};

/** Resource entries hide themselves when canAccess says no; the custom pages ask the same policy. */
export const NprodMenu = () => {
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItem name="tenants" />
      <Guarded resource="tenant-tree">
        <Menu.Item to="/tenant-tree" primaryText={translate('resources.tenants.tree.menu')} leftIcon={<AccountTreeIcon />} data-testid="menu-tenant-tree" />
      </Guarded>
      <Guarded resource="sign-ups">
        <SignUpsItem />
      </Guarded>
      <Menu.ResourceItem name="offerings" />
      <Menu.ResourceItem name="orders" />
      <Guarded resource="approvals">
        <ApprovalsMenuItem />
      </Guarded>
      <Menu.ResourceItem name="spaces" />
      <Menu.ResourceItem name="instances" />
      <Menu.ResourceItem name="allocations" />
      <Menu.ResourceItem name="quota-requests" />
      <Menu.ResourceItem name="users" />
      <Menu.ResourceItem name="memberships" />
      <Menu.ResourceItem name="invitations" />
      <Menu.ResourceItem name="api-tokens" />
      <Menu.ResourceItem name="audit-events" />
      <Menu.ResourceItem name="clusters" />
    </Menu>
  );
};
