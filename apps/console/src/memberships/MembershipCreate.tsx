import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm } from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { RoleSelect } from './MembershipDialogs';

export const MembershipCreate = () => (
  <Create redirect="list">
    <SimpleForm sx={{ maxWidth: 560 }} noValidate>
      <FocusServerError />
      <ReferenceInput source="tenantId" reference="tenants">
        <AutocompleteInput label="resources.memberships.fields.tenantId" validate={required()} fullWidth />
      </ReferenceInput>
      <ReferenceInput source="userId" reference="users" sort={{ field: 'email', order: 'ASC' }}>
        <AutocompleteInput
          label="resources.memberships.fields.userId"
          optionText={(user: { displayName?: string; email?: string }) => `${user.displayName ?? ''} <${user.email ?? ''}>`}
          validate={required()}
          fullWidth
        />
      </ReferenceInput>
      <RoleSelect />
    </SimpleForm>
  </Create>
);
