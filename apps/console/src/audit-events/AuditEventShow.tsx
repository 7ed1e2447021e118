import Box from '@mui/material/Box';
import { FunctionField, ReferenceField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { AuditOutcomeChip } from '../components/chips';

const Title = () => {
  const record = useRecordContext<{ action?: string }>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.audit-events.name', { smart_count: 1 })}
      {record?.action ? `: ${record.action}` : ''}
    </span>
  );
};

const Mono = ({ children, testId }: { children: string; testId?: string }) => (
  <Box component="code" data-testid={testId} sx={{ fontFamily: 'monospace', fontSize: '0.85rem', wordBreak: 'break-all' }}>
    {children}
  </Box>
);

export const AuditEventShow = () => (
  <Show title={<Title />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <LocaleDateField source="occurredAt" showTime />
      <TextField source="action" sx={{ fontFamily: 'monospace' }} />
      <AuditOutcomeChip source="outcome" label="resources.audit-events.fields.outcome" />
      <TextField source="actorLabel" />
      <ReferenceField source="actorId" reference="users" link="show" emptyText="—" />
      <ReferenceField source="tenantId" reference="tenants" link="show" emptyText="—" />
      <TextField source="targetType" emptyText="—" />
      <TextField source="targetId" emptyText="—" />
      <TextField source="sourceAddress" emptyText="—" />
      <TextField source="requestId" emptyText="—" />
      <FunctionField
        source="details"
        render={(record: { details?: unknown }) => (
          <Box
            component="pre"
            data-testid="audit-details"
            sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontSize: '0.8rem', maxWidth: 900, overflowX: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
          >
            {JSON.stringify(record.details ?? {}, null, 2)}
          </Box>
        )}
      />
      <FunctionField source="prevHash" render={(record: { prevHash: string }) => <Mono testId="audit-prev-hash">{record.prevHash}</Mono>} />
      <FunctionField source="hash" render={(record: { hash: string }) => <Mono testId="audit-hash">{record.hash}</Mono>} />
    </SimpleShowLayout>
  </Show>
);
