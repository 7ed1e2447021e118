import AddIcon from '@mui/icons-material/Add';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import {
  CreateButton,
  Datagrid,
  EditButton,
  Link,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CreateTokenButton } from '../api-tokens/CreateTokenButton';
import { ApiTokenColumns } from '../api-tokens/ApiTokenList';
import { LocaleDateField } from '../components/LocaleDateField';
import { SpaceStatusChip, TenantKindChip, TenantStatusChip } from '../components/chips';
import { CpuField, MemoryField, StorageField } from '../components/quantities';
import { RegionField } from '../components/RegionField';
import { InvitationColumns, InviteButton } from '../invitations/InvitationList';
import { canManageTenant, isOperator, isPlatformStaff } from '../lib/access';
import { regionLabelKey } from '../lib/enums';
import type { Allocation, TenantRecord } from '../lib/types';
import { useCaller } from '../lib/useCaller';
import { AddMemberDialog } from '../memberships/MembershipDialogs';
import { MembershipColumns } from '../memberships/MembershipList';
import { AllocationBars, QuotaLegend } from '../quotas/AllocationBars';
import { TenantQuotaPanel } from '../quotas/TenantQuotaPanel';
import { ApprovalPolicyPanel } from './ApprovalPolicyPanel';
import { TenantBreadcrumb } from './TenantBreadcrumb';
import { TenantStatusActions } from './TenantStatusActions';

const Section = ({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ py: 2, borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h6" component="h2">
          {translate(title)}
        </Typography>
        {action && <Box sx={{ display: 'flex', gap: 1 }}>{action}</Box>}
      </Box>
      {children}
    </Box>
  );
};

/** Home-region allocation at a glance; every region and the requests are on the Quota tab. */
const AllocationSection = () => {
  const record = useRecordContext<TenantRecord>();
  const translate = useTranslate();
  const { data: allocations, isPending } = useGetList<Allocation>(
    'allocations',
    { filter: { tenantId: record?.id, region: record?.region }, pagination: { page: 1, perPage: 1 }, sort: { field: 'region', order: 'ASC' } },
    { enabled: !!record?.id },
  );
  if (!record) return null;
  const allocation = allocations?.[0];
  const handedDown = !!allocation && allocation.allocatedToChildrenCpuMillicores + allocation.allocatedToChildrenMemoryMiB + allocation.allocatedToChildrenStorageGiB + allocation.allocatedToChildrenSpaces > 0;
  return (
    <Section
      title="resources.tenants.sections.allocation"
      action={
        <Button component={Link} to={`/tenants/${record.id}/show/quota`} size="small" endIcon={<ArrowForwardIcon />} data-testid="tenant-quota-link">
          {translate('resources.tenants.actions.quota_details')}
        </Button>
      }
    >
      {isPending ? null : allocation ? (
        <Box data-testid="tenant-allocation" sx={{ maxWidth: 640 }}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.tenants.allocation.region', { region: translate(regionLabelKey(allocation.region), { _: allocation.region }) })}
          </Typography>
          {handedDown && <QuotaLegend />}
          <AllocationBars allocation={allocation} showChildren={handedDown} />
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary" data-testid="tenant-allocation">
          {translate('resources.tenants.allocation.none')}
        </Typography>
      )}
    </Section>
  );
};

/** Opens the space form with this tenant already chosen (`?source=` survives a reload, unlike router state). */
const CreateSpaceButton = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <CreateButton
      resource="spaces"
      label="resources.tenants.actions.create_space"
      icon={<AddIcon />}
      variant="contained"
      to={{ pathname: '/spaces/create', search: `?source=${encodeURIComponent(JSON.stringify({ tenantId: record.id }))}` }}
      data-testid="tenant-create-space"
    />
  );
};

const Empty = ({ text }: { text: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
      {translate(text)}
    </Typography>
  );
};

const TenantSpaces = () => (
  <Section title="resources.tenants.sections.spaces" action={<CreateSpaceButton />}>
    <ReferenceManyField reference="spaces" target="tenantId" sort={{ field: 'createdAt', order: 'DESC' }} perPage={10} pagination={<Pagination />} empty={<Empty text="resources.tenants.empty_spaces" />}>
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="tenant-spaces">
        <TextField source="name" label="resources.spaces.fields.name" />
        <TextField source="namespace" label="resources.spaces.fields.namespace" />
        <SpaceStatusChip source="status" label="resources.spaces.fields.status" />
        <CpuField source="cpuMillicores" label="resources.spaces.fields.cpuMillicores" />
        <MemoryField source="memoryMiB" label="resources.spaces.fields.memoryMiB" />
        <StorageField source="storageGiB" label="resources.spaces.fields.storageGiB" />
        <LocaleDateField source="createdAt" label="resources.spaces.fields.createdAt" />
      </Datagrid>
    </ReferenceManyField>
  </Section>
);

/** Why the tenant is not active (or why an operator re-activated it): what its people see on refused orders. */
const StatusBanner = () => {
  const tenant = useRecordContext<TenantRecord>();
  const translate = useTranslate();
  if (!tenant || (tenant.status === 'ACTIVE' && !tenant.statusReason)) return null;
  const severity = tenant.status === 'SUSPENDED' ? 'error' : tenant.status === 'PENDING' ? 'warning' : 'info';
  return (
    <Alert severity={severity} sx={{ mx: 2, mt: 1 }} data-testid="tenant-status-banner">
      {translate(`resources.tenants.status_banner.${tenant.status}`)}
      {tenant.statusReason && (
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="tenant-status-reason">
          {translate('resources.tenants.status_banner.reason', { reason: tenant.statusReason })}
        </Typography>
      )}
    </Alert>
  );
};

const Overview = () => (
  <Box>
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' }, gap: 2, pb: 2 }}>
      <Field label="resources.tenants.fields.slug">
        <TextField source="slug" />
      </Field>
      <Field label="resources.tenants.fields.kind">
        <TenantKindChip source="kind" />
      </Field>
      <Field label="resources.tenants.fields.status">
        <TenantStatusChip source="status" />
      </Field>
      <Field label="resources.tenants.fields.registryNumber">
        <TextField source="registryNumber" emptyText="—" />
      </Field>
      <Field label="resources.tenants.fields.region">
        <RegionField source="region" />
      </Field>
      <Field label="resources.tenants.fields.parentId">
        <ReferenceField source="parentId" reference="tenants" link="show" emptyText="—" />
      </Field>
      <Field label="resources.tenants.fields.createdAt">
        <LocaleDateField source="createdAt" showTime />
      </Field>
    </Box>
    <AllocationSection />
    <TenantSpaces />
    <ApprovalPolicySection />
  </Box>
);

/** Operators only: the tenant's approval policy overrides. */
const ApprovalPolicySection = () => {
  const tenant = useRecordContext<TenantRecord>();
  const caller = useCaller();
  if (!tenant || !isOperator(caller)) return null;
  return (
    <Section title="nprod.approval_policy.title">
      <ApprovalPolicyPanel tenantId={tenant.id} />
    </Section>
  );
};

const Field = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      {children}
    </Box>
  );
};

const ChildrenPanel = () => {
  const tenant = useRecordContext<TenantRecord>();
  const caller = useCaller();
  const translate = useTranslate();
  if (!tenant) return null;
  return (
    <Box>
      {isOperator(caller) && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
          <CreateButton
            resource="tenants"
            label="resources.tenants.actions.create_child"
            to={{ pathname: '/tenants/create', search: `?source=${encodeURIComponent(JSON.stringify({ parentId: tenant.id, kind: 'MUNICIPALITY', region: tenant.region }))}` }}
            data-testid="tenant-create-child"
          />
        </Box>
      )}
      <ReferenceManyField reference="tenants" target="parentId" sort={{ field: 'name', order: 'ASC' }} perPage={25} pagination={<Pagination />} empty={<Empty text="resources.tenants.tree.no_children" />}>
        <Datagrid rowClick="show" bulkActionButtons={false} data-testid="tenant-children">
          <TextField source="name" label="resources.tenants.fields.name" />
          <TenantKindChip source="kind" label="resources.tenants.fields.kind" />
          <TenantStatusChip source="status" label="resources.tenants.fields.status" />
          <RegionField source="region" label="resources.tenants.fields.region" />
          <NumberField source="childrenCount" label="resources.tenants.fields.childrenCount" sortable={false} />
          <NumberField source="spacesCount" label="resources.tenants.fields.spacesCount" sortable={false} />
        </Datagrid>
      </ReferenceManyField>
      <Typography variant="caption" color="text.secondary">
        {translate('resources.tenants.tree.children_hint')}
      </Typography>
    </Box>
  );
};

const MembersPanel = ({ manage }: { manage: boolean }) => {
  const tenant = useRecordContext<TenantRecord>();
  const translate = useTranslate();
  const [adding, setAdding] = useState(false);
  if (!tenant) return null;
  return (
    <Box>
      {manage && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, mb: 1 }}>
          <Button size="small" startIcon={<PersonAddIcon />} onClick={() => setAdding(true)} data-testid="tenant-add-member">
            {translate('resources.memberships.actions.add')}
          </Button>
          <InviteButton tenant={{ id: tenant.id, name: tenant.name }} />
        </Box>
      )}
      <ReferenceManyField reference="memberships" target="tenantId" sort={{ field: 'userDisplayName', order: 'ASC' }} perPage={25} pagination={<Pagination />} empty={<Empty text="resources.tenants.empty_members" />}>
        <Datagrid bulkActionButtons={false} rowClick={false} data-testid="tenant-members">
          {MembershipColumns({ show: { user: true } })}
        </Datagrid>
      </ReferenceManyField>
      {adding && <AddMemberDialog open onClose={() => setAdding(false)} tenant={{ id: tenant.id, name: tenant.name }} />}
    </Box>
  );
};

const InvitationsPanel = () => {
  const tenant = useRecordContext<TenantRecord>();
  if (!tenant) return null;
  return (
    <Box>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
        <InviteButton tenant={{ id: tenant.id, name: tenant.name }} />
      </Box>
      <ReferenceManyField reference="invitations" target="tenantId" sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} pagination={<Pagination />} empty={<Empty text="resources.invitations.empty" />}>
        <Datagrid bulkActionButtons={false} rowClick={false} data-testid="tenant-invitations">
          {InvitationColumns({ tenant: false })}
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
};

const ApiTokensPanel = () => {
  const tenant = useRecordContext<TenantRecord>();
  if (!tenant) return null;
  return (
    <Box>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
        <CreateTokenButton tenant={{ id: tenant.id, name: tenant.name }} />
      </Box>
      <ReferenceManyField reference="api-tokens" target="tenantId" sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} pagination={<Pagination />} empty={<Empty text="resources.api-tokens.empty" />}>
        <Datagrid bulkActionButtons={false} rowClick={false} data-testid="tenant-api-tokens">
          {ApiTokenColumns({ tenant: false })}
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
};

/** Tabs by what the caller may do: managers (owners/admins up the tree, operators) see invitations and tokens too. */
const TenantTabs = () => {
  const tenant = useRecordContext<TenantRecord>();
  const caller = useCaller();
  const manage = !!tenant && canManageTenant(caller, tenant.id, tenant.ancestorsIds ?? []);
  const staff = isPlatformStaff(caller);
  return (
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.tenants.tabs.overview">
        <Overview />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.tenants.tabs.children" path="children" count={tenant?.childrenCount}>
        <ChildrenPanel />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.tenants.tabs.members" path="members">
        <MembersPanel manage={manage} />
      </TabbedShowLayout.Tab>
      {(manage || staff) && (
        <TabbedShowLayout.Tab label="resources.tenants.tabs.invitations" path="invitations">
          <InvitationsPanel />
        </TabbedShowLayout.Tab>
      )}
      {(manage || staff) && (
        <TabbedShowLayout.Tab label="resources.tenants.tabs.api_tokens" path="api-tokens">
          <ApiTokensPanel />
        </TabbedShowLayout.Tab>
      )}
      <TabbedShowLayout.Tab label="resources.tenants.tabs.quota" path="quota">
        <TenantQuotaPanel />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  );
};

const TenantTitle = () => {
  const record = useRecordContext<{ name?: string }>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.tenants.name', { smart_count: 1 })}
      {record?.name ? `: ${record.name}` : ''}
    </span>
  );
};

const TenantActions = () => {
  const tenant = useRecordContext<TenantRecord>();
  const { canAccess } = useCanAccess({ resource: 'tenants', action: 'edit', record: tenant });
  if (!tenant) return <TopToolbar />;
  return (
    <TopToolbar>
      <TenantStatusActions tenant={tenant} />
      {canAccess && <EditButton label="resources.tenants.actions.rename" />}
    </TopToolbar>
  );
};

export const TenantShow = () => (
  <Show title={<TenantTitle />} actions={<TenantActions />}>
    <TenantBreadcrumb />
    <StatusBanner />
    <TenantTabs />
  </Show>
);
