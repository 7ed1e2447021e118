import type { ReactNode } from 'react';
import { AccessDenied, Admin, Authenticated, CanAccess, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { SecurityPage } from './account/SecurityPage';
import allocations from './allocations';
import apiTokens from './api-tokens';
import { ApprovalsPage } from './approvals/ApprovalsPage';
import auditEvents from './audit-events';
import { authProvider } from './authProvider';
import catalogue from './catalogue';
import clusters from './clusters';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import instances from './instances';
import invitations from './invitations';
import { AcceptInvitationPage } from './invitations/AcceptInvitationPage';
import { NprodLayout } from './layout';
import { LoginPage } from './login/LoginPage';
import { SsoCallbackPage } from './login/SsoCallbackPage';
import memberships from './memberships';
import orders from './orders';
import quotaRequests from './quota-requests';
import { SignUpsPage } from './sign-ups/SignUpsPage';
import { SignUpPage } from './signup/SignUpPage';
import { SignUpPendingPage } from './signup/SignUpPendingPage';
import spaces from './spaces';
import tenants from './tenants';
import { TenantTreePage } from './tenants/TenantTreePage';
import users from './users';
import { theme } from './theme';

/** A custom page inside the layout: signed in, and allowed by the same policy as the menu. */
const Page = ({ resource, children }: { resource?: string; children: ReactNode }) => (
  <Authenticated>
    {resource ? (
      <CanAccess resource={resource} action="list" accessDenied={<AccessDenied />}>
        {children}
      </CanAccess>
    ) : (
      children
    )}
  </Authenticated>
);

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
    <Resource name="offerings" {...catalogue} />
    <Resource name="orders" {...orders} />
    <Resource name="instances" {...instances} />
    <Resource name="allocations" {...allocations} />
    <Resource name="quota-requests" {...quotaRequests} />
    <Resource name="users" {...users} />
    <Resource name="memberships" {...memberships} />
    <Resource name="invitations" {...invitations} />
    <Resource name="api-tokens" {...apiTokens} />
    <Resource name="audit-events" {...auditEvents} />
    <Resource name="clusters" {...clusters} />
    <CustomRoutes noLayout>
      <Route path="/sign-up" element={<SignUpPage />} />
      <Route path="/sign-up/pending" element={<SignUpPendingPage />} />
      <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
      <Route path="/sso" element={<SsoCallbackPage />} />
    </CustomRoutes>
    <CustomRoutes>
      <Route path="/tenant-tree" element={<Page resource="tenant-tree"><TenantTreePage /></Page>} />
      <Route path="/sign-ups" element={<Page resource="sign-ups"><SignUpsPage /></Page>} />
      <Route path="/approvals" element={<Page resource="approvals"><ApprovalsPage /></Page>} />
      <Route path="/account/security" element={<Page><SecurityPage /></Page>} />
    </CustomRoutes>
  </Admin>
);
