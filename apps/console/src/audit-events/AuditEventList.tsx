import Typography from '@mui/material/Typography';
import {
  AutocompleteInput,
  Datagrid,
  DateTimeInput,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { AuditOutcomeChip } from '../components/chips';
import { AUDIT_OUTCOMES, enumChoices } from '../lib/enums';
import { auditActions } from './actions';
import { ExportButton } from './ExportButton';

/** The picker gives local wall-clock time; the API wants an instant, so send it with its offset (as UTC). */
const toInstant = (value: string) => {
  if (!value) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

const actionChoices = auditActions().map((action) => ({ id: action, name: action }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <AutocompleteInput key="action" source="action" choices={actionChoices} translateChoice={false} sx={{ minWidth: 240 }} />,
  <SelectInput key="outcome" source="outcome" choices={enumChoices('AuditOutcome', AUDIT_OUTCOMES)} />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.audit-events.fields.tenantId" sx={{ minWidth: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="actorId" source="actorId" reference="users">
    <AutocompleteInput label="resources.audit-events.fields.actorId" optionText="email" sx={{ minWidth: 260 }} />
  </ReferenceInput>,
  <DateTimeInput key="occurredAt_gte" source="occurredAt_gte" parse={toInstant} />,
  <DateTimeInput key="occurredAt_lt" source="occurredAt_lt" parse={toInstant} />,
];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportButton />
  </TopToolbar>
);

export const AuditEventList = () => (
  <List filters={filters} actions={<Actions />} sort={{ field: 'occurredAt', order: 'DESC' }} perPage={50}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="audit-list" size="small" sx={{ '& .column-tenantId': { minWidth: 180 }, '& .column-actorLabel': { wordBreak: 'break-all' } }}>
      <LocaleDateField source="occurredAt" showTime sx={{ whiteSpace: 'nowrap' }} />
      <TextField source="action" sx={{ fontFamily: 'monospace' }} />
      <AuditOutcomeChip source="outcome" label="resources.audit-events.fields.outcome" />
      <TextField source="actorLabel" />
      <ReferenceField source="tenantId" reference="tenants" link="show" sortable={false} emptyText="—" />
      <FunctionField
        label="resources.audit-events.fields.target"
        sortable={false}
        render={(record: { targetType?: string | null; targetId?: string | null }) =>
          record.targetType ? (
            <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
              {record.targetType}
              {record.targetId ? ` ${record.targetId.slice(0, 8)}` : ''}
            </Typography>
          ) : (
            '—'
          )
        }
      />
      <TextField source="sourceAddress" sortable={false} emptyText="—" />
    </Datagrid>
  </List>
);
