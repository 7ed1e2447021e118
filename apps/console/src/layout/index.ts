export { NprodAppBar } from './AppBar';
export { NprodLayout } from './Layout';
export { SandboxBanner } from './SandboxBanner';
