import ExitIcon from '@mui/icons-material/PowerSettingsNew';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem, { type MenuItemProps } from '@mui/material/MenuItem';
import { forwardRef } from 'react';
import { useLogout, useTranslate, UserMenu, useUserMenu } from 'react-admin';

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

export const NprodUserMenu = () => (
  <UserMenu>
    <LogoutItem />
  </UserMenu>
);
