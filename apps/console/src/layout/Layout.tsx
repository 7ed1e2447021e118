import { Layout, type LayoutProps } from 'react-admin';
import { NprodAppBar } from './AppBar';

export const NprodLayout = (props: LayoutProps) => (
  <Layout
    {...props}
    appBar={NprodAppBar}
    appBarAlwaysOn
    // The header is sticky and in the flow (the banner changes its height), so no fixed-app-bar offset.
    sx={{ '& .RaLayout-appFrame': { marginTop: 0 } }}
  />
);
