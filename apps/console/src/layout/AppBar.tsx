import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { AppBar, type AppBarProps } from 'react-admin';
import { SandboxBanner } from './SandboxBanner';
import { NprodUserMenu } from './UserMenu';

/** Keeps the sandbox banner and the app bar together at the top while the page scrolls. */
const StickyHeader = ({ children, className }: { children?: ReactNode; className?: string }) => (
  <Box className={className} sx={{ position: 'sticky', top: 0, zIndex: (theme) => theme.zIndex.appBar }}>
    <SandboxBanner />
    {children}
  </Box>
);

export const NprodAppBar = (props: AppBarProps) => <AppBar {...props} position="static" container={StickyHeader} userMenu={<NprodUserMenu />} />;
