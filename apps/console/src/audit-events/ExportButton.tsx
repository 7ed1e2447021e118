import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { DateTimeInput, useListContext, useNotify, useTranslate } from 'react-admin';
import { FormDialog } from '../components/FormDialog';
import { canExportAudit } from '../lib/access';
import { AuditExportError, downloadAuditExport } from '../lib/auditExport';
import { useCaller } from '../lib/useCaller';

const toIso = (value: unknown): string | undefined => {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/**
 * "Export JSON Lines": the range (prefilled from the list's date filter) is fetched with the
 * bearer token and saved as a file; a plain link could not send the token.
 */
export const ExportButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const caller = useCaller();
  const { filterValues } = useListContext();
  const [open, setOpen] = useState(false);
  if (!canExportAudit(caller)) return null;
  return (
    <>
      <Button size="small" startIcon={<DownloadIcon />} onClick={() => setOpen(true)} data-testid="audit-export">
        {translate('resources.audit-events.actions.export')}
      </Button>
      <FormDialog
        open={open}
        onClose={() => setOpen(false)}
        testId="audit-export-dialog"
        title="resources.audit-events.export.title"
        submitLabel="resources.audit-events.export.download"
        submitIcon={<DownloadIcon />}
        maxWidth="xs"
        defaultValues={{ from: filterValues.occurredAt_gte, to: filterValues.occurredAt_lt }}
        intro={
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.audit-events.export.intro')}
          </Typography>
        }
        onSubmit={async (values) => {
          try {
            return await downloadAuditExport({ from: toIso(values.from), to: toIso(values.to) });
          } catch (error) {
            if (error instanceof AuditExportError && error.code === 'BAD_USER_INPUT') throw error;
            throw new Error(error instanceof AuditExportError ? error.message : translate('nprod.errors.network'));
          }
        }}
        onSuccess={(result) => {
          const { fileName, bytes } = result as { fileName: string; bytes: number };
          notify('resources.audit-events.export.done', { type: 'success', messageArgs: { file: fileName, size: Math.max(1, Math.round(bytes / 1024)) } });
        }}
      >
        <DateTimeInput source="from" label="resources.audit-events.export.from" helperText="resources.audit-events.export.from_helper" fullWidth />
        <DateTimeInput source="to" label="resources.audit-events.export.to" helperText="resources.audit-events.export.to_helper" fullWidth />
      </FormDialog>
    </>
  );
};
