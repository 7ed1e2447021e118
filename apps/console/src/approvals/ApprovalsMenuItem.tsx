import FactCheckIcon from '@mui/icons-material/FactCheck';
import Badge from '@mui/material/Badge';
import { Menu, useGetList, useTranslate } from 'react-admin';

const BADGE_POLL_MS = 30_000;

/** The operators' approvals inbox, with how many orders wait. */
export const ApprovalsMenuItem = () => {
  const translate = useTranslate();
  const { total } = useGetList(
    'orders',
    { filter: { status: 'PENDING_APPROVAL' }, pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'ASC' } },
    { refetchInterval: BADGE_POLL_MS },
  );
  return (
    <Menu.Item
      to="/approvals"
      primaryText={translate('nprod.approvals.menu')}
      leftIcon={
        <Badge badgeContent={total ?? 0} color="warning" max={99}>
          <FactCheckIcon />
        </Badge>
      }
      data-testid="menu-approvals"
    />
  );
};
