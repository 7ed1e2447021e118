import ExitIcon from '@mui/icons-material/PowerSettingsNew';
import SecurityIcon from '@mui/icons-material/Security';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem, { type MenuItemProps } from '@mui/material/MenuItem';
import { forwardRef } from 'react';
import { useLogout, useNavigate, useTranslate, UserMenu, useUserMenu } from 'react-admin';

/**
 * react-admin's own Logout item renders nothing until an asynchronous auth check resolves, so the
 * menu is positioned while still empty and then grows past the right edge of the window (only the
 * icon stays visible). The user menu only exists for a signed-in user, so this item renders at once.
 */
const LogoutItem = forwardRef<HTMLLIElement, MenuItemProps>(function LogoutItem(props, ref) {
  const logout = useLogout();
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem
      {...props}
      ref={ref}
      className="logout"
      onClick={() => {
        userMenu?.onClose();
        void logout();
      }}
    >
      <ListItemIcon>
        <ExitIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('ra.auth.logout', { _: 'Logout' })}</ListItemText>
    </MenuItem>
  );
});

/** Display name and two-factor sign-in. */
const SecurityItem = forwardRef<HTMLLIElement, MenuItemProps>(function SecurityItem(props, ref) {
  const navigate = useNavigate();
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem
      {...props}
      ref={ref}
      onClick={() => {
        userMenu?.onClose();
        navigate('/account/security');
      }}
      data-testid="menu-account-security"
    >
      <ListItemIcon>
        <SecurityIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('nprod.account.menu')}</ListItemText>
    </MenuItem>
  );
});

export const NprodUserMenu = () => (
  <UserMenu>
    <SecurityItem />
    <LogoutItem />
  </UserMenu>
);
