import { Layout, type LayoutProps } from 'react-admin';
import { NprodAppBar } from './AppBar';
import { NprodMenu } from './Menu';
import { TotpGate } from './TotpGate';

export const NprodLayout = ({ children, ...props }: LayoutProps) => (
  <Layout
    {...props}
    appBar={NprodAppBar}
    menu={NprodMenu}
    appBarAlwaysOn
    // The header is sticky and in the flow (the banner changes its height), so no fixed-app-bar offset.
    // The docked sidebar is sized for the app bar alone (100vh - 3em); with the banner above it that
    // made every page 1 banner taller than the window, so short pages scrolled under the header.
    sx={{ '& .RaLayout-appFrame': { marginTop: 0 }, '& .RaLayout-contentWithSidebar > .MuiDrawer-docked': { height: 'auto' } }}
  >
    <TotpGate />
    {children}
  </Layout>
);
