import { Edit, required, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { trimmedLength } from '../components/validation';

/** Owners and admins (of the tenant or above) and operators rename a tenant; status has its own actions. */
export const TenantEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={(values: { id: string; name: string }) => ({ id: values.id, name: values.name.trim() })}>
    <SimpleForm toolbar={<Toolbar><SaveButton data-testid="tenant-rename-save" /></Toolbar>} sx={{ maxWidth: 560 }} noValidate>
      <FocusServerError />
      <TextInput source="name" validate={[required(), trimmedLength(2, 200)]} fullWidth />
      <TextInput source="slug" disabled fullWidth helperText="resources.tenants.helpers.slug_fixed" />
    </SimpleForm>
  </Edit>
);
