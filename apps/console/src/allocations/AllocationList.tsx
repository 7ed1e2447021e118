import Box from '@mui/material/Box';
import { AutocompleteInput, Datagrid, FilterButton, FunctionField, List, ReferenceField, ReferenceInput, TopToolbar, type RaRecord } from 'react-admin';
import { useFormatters } from '../components/quantities';
import { RegionField } from '../components/RegionField';
import { RegionInput } from '../components/RegionInput';
import type { Allocation } from '../lib/types';
import { QuotaBar } from '../quotas/AllocationBars';

const filters = [
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <AutocompleteInput label="resources.allocations.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <RegionInput key="region" source="region" />,
];

type Resource = 'cpu' | 'memory' | 'storage' | 'spaces';

/** A compact bar per resource: own use and what went to children, against the limit. */
const Bar = ({ record, resource }: { record: Allocation; resource: Resource }) => {
  const format = useFormatters();
  const values = {
    cpu: [record.usedCpuMillicores, record.allocatedToChildrenCpuMillicores, record.cpuMillicores, format.cpu],
    memory: [record.usedMemoryMiB, record.allocatedToChildrenMemoryMiB, record.memoryMiB, format.memory],
    storage: [record.usedStorageGiB, record.allocatedToChildrenStorageGiB, record.storageGiB, format.storage],
    spaces: [record.usedSpaces, record.allocatedToChildrenSpaces, record.maxSpaces, format.count],
  } as const;
  const [used, toChildren, limit, formatter] = values[resource];
  return (
    <Box sx={{ minWidth: 150 }}>
      <QuotaBar dense label="" used={used} toChildren={toChildren} limit={limit} format={formatter} testId={`allocation-row-${resource}`} />
    </Box>
  );
};

const quotaPath = (record: RaRecord) => `/tenants/${(record as Allocation).tenantId}/show/quota`;

export const AllocationList = () => (
  <List filters={filters} actions={<TopToolbar><FilterButton /></TopToolbar>} sort={{ field: 'updatedAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick={(_id, _resource, record) => quotaPath(record)} bulkActionButtons={false} data-testid="allocation-list">
      <ReferenceField source="tenantId" reference="tenants" link={false} sortable={false} />
      <RegionField source="region" label="resources.allocations.fields.region" />
      {(['cpu', 'memory', 'storage', 'spaces'] as const).map((resource) => (
        <FunctionField key={resource} label={`nprod.quota.resources.${resource}`} sortable={false} render={(record: Allocation) => <Bar record={record} resource={resource} />} />
      ))}
    </Datagrid>
  </List>
);
