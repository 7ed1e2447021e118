import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { NprodLayout } from './layout';
import { LoginPage } from './login/LoginPage';
import spaces from './spaces';
import tenants from './tenants';
import { theme } from './theme';

export const App = () => (
  <Admin
    title="NPROD"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    dashboard={Dashboard}
    loginPage={LoginPage}
    layout={NprodLayout}
    theme={theme}
    disableTelemetry
  >
    <Resource name="tenants" {...tenants} />
    <Resource name="spaces" {...spaces} />
  </Admin>
);
