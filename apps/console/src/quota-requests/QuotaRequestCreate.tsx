import Typography from '@mui/material/Typography';
import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm, TextInput, useTranslate } from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { RegionInput } from '../components/RegionInput';
import { atLeastOneAmount, trimmedLength } from '../components/validation';
import { QUOTA_FORM_FIELDS, toQuotaAmounts, type QuotaFormValues } from '../lib/quotaForm';
import { QuotaInputs } from '../quotas/QuotaInputs';

const Hint = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
      {translate('nprod.quota.request.amounts_hint')}
    </Typography>
  );
};

/** "Request more" as a page, for a tenant chosen here (the tenant page opens the same form in a dialog). */
export const QuotaRequestCreate = () => (
  <Create
    redirect="show"
    title="nprod.quota.request.title"
    transform={(values: QuotaFormValues & { tenantId: string; region: string; justification: string }) => ({
      tenantId: values.tenantId,
      region: values.region,
      justification: values.justification.trim(),
      ...toQuotaAmounts(values),
    })}
  >
    <SimpleForm defaultValues={{ region: 'almaty', cpuCores: 0, memoryGiB: 0, storageGiB: 0, maxSpaces: 0, maxInstances: 0 }} sx={{ maxWidth: 640 }} noValidate>
      <FocusServerError />
      <ReferenceInput source="tenantId" reference="tenants">
        <AutocompleteInput label="resources.quota-requests.fields.tenantId" validate={required()} fullWidth />
      </ReferenceInput>
      <RegionInput source="region" label="nprod.quota.fields.region" validate={required()} />
      <Hint />
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
    </SimpleForm>
  </Create>
);
