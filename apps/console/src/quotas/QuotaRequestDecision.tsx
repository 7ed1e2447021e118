import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { required, TextInput, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate, type Validator } from 'react-admin';
import { FormDialog } from '../components/FormDialog';
import { trimmedLength } from '../components/validation';
import type { NprodDataProvider } from '../dataProvider';
import { isOperator } from '../lib/access';
import { grantAboveRequest, isPartialGrant, requestedToForm, toQuotaAmounts, type QuotaAmounts, type QuotaFormValues } from '../lib/quotaForm';
import type { QuotaRequestRecord } from '../lib/types';
import { useCaller } from '../lib/useCaller';
import { QuotaInputs } from './QuotaInputs';

const FORM_FIELD_BY_AMOUNT = { cpuMillicores: 'cpuCores', memoryMiB: 'memoryGiB', storageGiB: 'storageGiB', maxSpaces: 'maxSpaces', maxInstances: 'maxInstances' } as const;

/** The operator's decision on a pending request: approve (all or part of it) or reject with a reason. */
export const QuotaRequestDecision = () => {
  const request = useRecordContext<QuotaRequestRecord>();
  const caller = useCaller();
  const translate = useTranslate();
  const dataProvider = useDataProvider<NprodDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<'approve' | 'reject' | undefined>();
  if (!request || request.status !== 'PENDING' || !isOperator(caller)) return null;
  const requested = toQuotaAmounts(requestedToForm(request));

  // Never more than asked (the API refuses it): say so next to the input that is too high.
  const notAboveRequest =
    (amount: keyof QuotaAmounts): Validator =>
    (_value, values: QuotaFormValues) =>
      grantAboveRequest(requested, toQuotaAmounts(values)).includes(amount) ? 'nprod.quota.decision.above_request' : undefined;
  const grantValidators = Object.fromEntries(
    (Object.keys(FORM_FIELD_BY_AMOUNT) as Array<keyof QuotaAmounts>).map((amount) => [FORM_FIELD_BY_AMOUNT[amount], [notAboveRequest(amount)]]),
  );

  return (
    <Card variant="outlined" sx={{ m: 2, borderColor: 'info.main' }} data-testid="quota-decision">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('nprod.quota.decision.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('nprod.quota.decision.intro')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button variant="contained" color="success" startIcon={<CheckIcon />} onClick={() => setOpen('approve')} data-testid="quota-approve">
            {translate('nprod.quota.decision.approve')}
          </Button>
          <Button variant="outlined" color="error" startIcon={<CloseIcon />} onClick={() => setOpen('reject')} data-testid="quota-reject">
            {translate('nprod.quota.decision.reject')}
          </Button>
        </Box>
      </CardContent>
      <FormDialog
        open={open === 'approve'}
        onClose={() => setOpen(undefined)}
        testId="approve-dialog"
        title="nprod.quota.decision.approve_title"
        submitLabel="nprod.quota.decision.approve"
        submitIcon={<CheckIcon />}
        resource="quota-requests"
        defaultValues={requestedToForm(request)}
        intro={
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('nprod.quota.decision.approve_intro')}
          </Alert>
        }
        onSubmit={(values) => dataProvider.approveQuotaRequest(request.id, toQuotaAmounts(values as QuotaFormValues), values.reason)}
        onSuccess={(result) => {
          const status = (result as QuotaRequestRecord | undefined)?.status;
          notify(status === 'PARTIALLY_APPROVED' ? 'nprod.quota.decision.partially_approved' : 'nprod.quota.decision.approved', { type: 'success' });
          refresh();
        }}
      >
        <QuotaInputs requireAll validators={grantValidators} />
        <PartialHint requested={requested} />
        <TextInput source="reason" label="nprod.quota.fields.note" helperText="nprod.quota.decision.note_helper" multiline minRows={2} fullWidth validate={trimmedLength(0, 2000)} />
      </FormDialog>
      <FormDialog
        open={open === 'reject'}
        onClose={() => setOpen(undefined)}
        testId="reject-dialog"
        title="nprod.quota.decision.reject_title"
        submitLabel="nprod.quota.decision.reject"
        submitIcon={<CloseIcon />}
        destructive
        resource="quota-requests"
        onSubmit={(values) => dataProvider.rejectQuotaRequest(request.id, String(values.reason ?? ''))}
        onSuccess={() => {
          notify('nprod.quota.decision.rejected', { type: 'info' });
          refresh();
        }}
      >
        <TextInput source="reason" label="nprod.quota.fields.reason" helperText="nprod.quota.decision.reason_helper" validate={[required(), trimmedLength(5, 2000)]} multiline minRows={3} fullWidth />
      </FormDialog>
    </Card>
  );
};

/** Says, while typing, whether this will be a partial approval, or cannot be one (more than asked). */
const PartialHint = ({ requested }: { requested: QuotaAmounts }) => {
  const translate = useTranslate();
  const granted = toQuotaAmounts(useWatch() as QuotaFormValues);
  const kind = grantAboveRequest(requested, granted).length > 0 ? 'above' : isPartialGrant(requested, granted) ? 'partial' : 'full';
  const color = { above: 'error.main', partial: 'warning.main', full: 'success.main' }[kind];
  return (
    <Typography variant="body2" color={color} sx={{ mb: 1 }} data-testid="approve-kind" data-value={kind}>
      {translate(`nprod.quota.decision.will_be_${kind}`)}
    </Typography>
  );
};
