import KeyIcon from '@mui/icons-material/VpnKey';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { AutocompleteInput, DateInput, ReferenceInput, required, TextInput, useCanAccess, useDataProvider, useRefresh, useTranslate, type Validator } from 'react-admin';
import { FormDialog } from '../components/FormDialog';
import { trimmedLength } from '../components/validation';
import { RoleSelect } from '../memberships/MembershipDialogs';
import { defaultExpiry, expiryBounds, expiryInstant, expiryProblem } from '../lib/tokenExpiry';
import { TokenRevealDialog } from './TokenRevealDialog';

const expiryValidator: Validator = (value) => expiryProblem(value ? String(value) : undefined, new Date());

/** "Create token": a dialog for name, role and expiry, then the token itself, shown once. */
export const CreateTokenButton = ({ tenant }: { tenant?: { id: string; name: string } }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'api-tokens', action: 'create' });
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ token: string; name: string } | undefined>();
  if (!canAccess) return null;
  const bounds = expiryBounds(new Date());
  return (
    <>
      <Button size="small" startIcon={<KeyIcon />} onClick={() => setOpen(true)} data-testid="api-token-create">
        {translate('resources.api-tokens.actions.create')}
      </Button>
      <FormDialog
        open={open}
        onClose={() => setOpen(false)}
        testId="api-token-dialog"
        title="resources.api-tokens.actions.create"
        submitLabel="resources.api-tokens.actions.create"
        submitIcon={<KeyIcon />}
        defaultValues={{ tenantId: tenant?.id, role: 'VIEWER', expiresAt: defaultExpiry(new Date()) }}
        intro={
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.api-tokens.helpers.intro')}
          </Typography>
        }
        onSubmit={async (values) => {
          const { data } = await dataProvider.create('api-tokens', {
            data: { tenantId: values.tenantId, name: values.name, role: values.role, expiresAt: expiryInstant(String(values.expiresAt)) },
          });
          return data;
        }}
        onSuccess={(data) => {
          const record = data as { token: string; name: string };
          setCreated({ token: record.token, name: record.name });
          refresh();
        }}
      >
        {!tenant && (
          <ReferenceInput source="tenantId" reference="tenants">
            <AutocompleteInput label="resources.api-tokens.fields.tenantId" validate={required()} fullWidth />
          </ReferenceInput>
        )}
        <TextInput source="name" label="resources.api-tokens.fields.name" helperText="resources.api-tokens.helpers.name" validate={[required(), trimmedLength(1, 100)]} fullWidth />
        <RoleSelect tenantId={tenant?.id} />
        <DateInput
          source="expiresAt"
          label="resources.api-tokens.fields.expiresAt"
          helperText="resources.api-tokens.helpers.expiresAt"
          validate={[required(), expiryValidator]}
          slotProps={{ htmlInput: { min: bounds.min, max: bounds.max } }}
          fullWidth
        />
      </FormDialog>
      {created && <TokenRevealDialog token={created.token} name={created.name} onClose={() => setCreated(undefined)} />}
    </>
  );
};
