import AddchartIcon from '@mui/icons-material/Addchart';
import TuneIcon from '@mui/icons-material/Tune';
import Typography from '@mui/material/Typography';
import { required, TextInput, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../components/FormDialog';
import { RegionInput } from '../components/RegionInput';
import { atLeastOneAmount, trimmedLength } from '../components/validation';
import { allocationToForm, QUOTA_FORM_FIELDS, toQuotaAmounts, type QuotaFormValues } from '../lib/quotaForm';
import type { Allocation } from '../lib/types';
import { QuotaInputs } from './QuotaInputs';

interface TenantRef {
  id: string;
  name: string;
  region: string;
}

/**
 * Operators (any tenant) and owners/admins of the parent (its children) set the limits; the amounts
 * are the new limits. Without `allocation` it adds a region: those in `takenRegions` are changed
 * from their own allocation's card, starting from its current limits, so they are not offered.
 */
export const SetAllocationDialog = ({
  open,
  onClose,
  tenant,
  allocation,
  takenRegions,
}: {
  open: boolean;
  onClose: () => void;
  tenant: TenantRef;
  allocation?: Allocation;
  takenRegions?: readonly string[];
}) => {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      testId="set-allocation-dialog"
      title="nprod.quota.set_allocation.title"
      submitLabel="nprod.quota.set_allocation.submit"
      submitIcon={<TuneIcon />}
      resource="allocations"
      intro={
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('nprod.quota.set_allocation.intro', { tenant: tenant.name })}
        </Typography>
      }
      defaultValues={{ region: allocation?.region ?? tenant.region, ...(allocation ? allocationToForm(allocation) : { cpuCores: 0, memoryGiB: 0, storageGiB: 0, maxSpaces: 0, maxInstances: 0 }) }}
      onSubmit={(values) =>
        dataProvider.create('allocations', { data: { tenantId: tenant.id, region: values.region, ...toQuotaAmounts(values as QuotaFormValues) } })
      }
      onSuccess={() => {
        notify('nprod.quota.set_allocation.done', { type: 'success' });
        refresh();
      }}
    >
      <RegionInput source="region" label="nprod.quota.fields.region" validate={required()} disabled={!!allocation} preselect={!allocation} exclude={allocation ? undefined : takenRegions} fullWidth />
      <QuotaInputs requireAll />
    </FormDialog>
  );
};

/** Owners and admins ask for more; the amounts are increases, and an operator decides. */
export const RequestQuotaDialog = ({ open, onClose, tenant, region }: { open: boolean; onClose: () => void; tenant: TenantRef; region?: string }) => {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      testId="request-quota-dialog"
      title="nprod.quota.request.title"
      submitLabel="nprod.quota.request.submit"
      submitIcon={<AddchartIcon />}
      resource="quota-requests"
      intro={
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('nprod.quota.request.intro', { tenant: tenant.name })}
        </Typography>
      }
      defaultValues={{ region: region ?? tenant.region, cpuCores: 0, memoryGiB: 0, storageGiB: 0, maxSpaces: 0, maxInstances: 0 }}
      onSubmit={(values) =>
        dataProvider.create('quota-requests', {
          data: { tenantId: tenant.id, region: values.region, justification: String(values.justification ?? '').trim(), ...toQuotaAmounts(values as QuotaFormValues) },
        })
      }
      onSuccess={() => {
        notify('nprod.quota.request.done', { type: 'success' });
        refresh();
      }}
    >
      <RegionInput source="region" label="nprod.quota.fields.region" validate={required()} fullWidth />
      <Typography variant="caption" color="text.secondary">
        {translate('nprod.quota.request.amounts_hint')}
      </Typography>
      <QuotaInputs validators={{ cpuCores: [atLeastOneAmount(QUOTA_FORM_FIELDS)] }} />
      <TextInput
        source="justification"
        label="nprod.quota.fields.justification"
        helperText="nprod.quota.request.justification_helper"
        validate={[required(), trimmedLength(10, 2000)]}
        multiline
        minRows={3}
        fullWidth
      />
    </FormDialog>
  );
};
