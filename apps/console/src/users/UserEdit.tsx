import { Edit, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { trimmedLength } from '../components/validation';
import { isOperator } from '../lib/access';
import { enumChoices, PLATFORM_ROLES } from '../lib/enums';
import { useCaller } from '../lib/useCaller';

/** Operators change platform roles, never their own (so there is always an operator left). */
const PlatformRoleInput = () => {
  const record = useRecordContext<{ id: string }>();
  const caller = useCaller();
  const translate = useTranslate();
  if (!isOperator(caller)) return null;
  const self = record?.id === caller?.id;
  return (
    <SelectInput
      source="platformRole"
      label="resources.users.fields.platformRole"
      choices={enumChoices('PlatformRole', PLATFORM_ROLES)}
      emptyText="resources.users.no_platform_role"
      emptyValue=""
      disabled={self}
      helperText={self ? translate('resources.users.helpers.own_role') : 'resources.users.helpers.platform_role'}
    />
  );
};

export const UserEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="show"
    transform={(values: { id: string; displayName: string; platformRole?: string | null }) => ({
      id: values.id,
      displayName: values.displayName.trim(),
      platformRole: values.platformRole ? values.platformRole : null,
    })}
  >
    <SimpleForm toolbar={<Toolbar><SaveButton data-testid="user-save" /></Toolbar>} sx={{ maxWidth: 560 }} noValidate>
      <FocusServerError />
      <TextInput source="email" disabled fullWidth />
      <TextInput source="displayName" validate={[required(), trimmedLength(1, 200)]} fullWidth />
      <PlatformRoleInput />
    </SimpleForm>
  </Edit>
);
