import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  CreateButton,
  Datagrid,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { SpaceStatusChip, TenantKindChip, TenantStatusChip } from '../components/chips';
import { CpuField, MemoryField, StorageField, useFormatters } from '../components/quantities';
import { RegionField } from '../components/RegionField';
import { UsageBar } from '../components/UsageBar';
import { regionLabelKey } from '../lib/enums';
import type { Allocation } from '../lib/types';

const Section = ({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ px: 2, py: 2, borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h6" component="h2">
          {translate(title)}
        </Typography>
        {action}
      </Box>
      {children}
    </Box>
  );
};

const AllocationSection = () => {
  const record = useRecordContext<{ allocation?: Allocation | null }>();
  const translate = useTranslate();
  const format = useFormatters();
  const allocation = record?.allocation;
  return (
    <Section title="resources.tenants.sections.allocation">
      {allocation ? (
        <Box data-testid="tenant-allocation" sx={{ maxWidth: 640 }}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.tenants.allocation.region', {
              region: translate(regionLabelKey(allocation.region), { _: allocation.region }),
            })}
          </Typography>
          <UsageBar
            testId="allocation-cpu"
            label={translate('resources.tenants.allocation.cpu')}
            used={allocation.usedCpuMillicores}
            allocated={allocation.cpuMillicores}
            format={format.cpu}
          />
          <UsageBar
            testId="allocation-memory"
            label={translate('resources.tenants.allocation.memory')}
            used={allocation.usedMemoryMiB}
            allocated={allocation.memoryMiB}
            format={format.memory}
          />
          <UsageBar
            testId="allocation-storage"
            label={translate('resources.tenants.allocation.storage')}
            used={allocation.usedStorageGiB}
            allocated={allocation.storageGiB}
            format={format.storage}
          />
          <UsageBar
            testId="allocation-spaces"
            label={translate('resources.tenants.allocation.spaces')}
            used={allocation.usedSpaces}
            allocated={allocation.maxSpaces}
            format={format.count}
          />
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
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

const EmptySpaces = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
      {translate('resources.tenants.empty_spaces')}
    </Typography>
  );
};

const TenantSpaces = () => (
  <Section title="resources.tenants.sections.spaces" action={<CreateSpaceButton />}>
    <ReferenceManyField
      reference="spaces"
      target="tenantId"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={10}
      pagination={<Pagination />}
      empty={<EmptySpaces />}
    >
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

export const TenantShow = () => (
  <Show title={<TenantTitle />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="slug" />
      <TenantKindChip source="kind" label="resources.tenants.fields.kind" />
      <TenantStatusChip source="status" label="resources.tenants.fields.status" />
      <TextField source="registryNumber" emptyText="—" />
      <RegionField source="region" label="resources.tenants.fields.region" />
      <ReferenceField source="parentId" reference="tenants" link="show" emptyText="—" />
      <LocaleDateField source="createdAt" showTime />
    </SimpleShowLayout>
    <AllocationSection />
    <TenantSpaces />
  </Show>
);
