import { AutocompleteInput, Create, maxLength, minLength, NumberInput, ReferenceInput, required, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { SlugInput } from '../components/SlugInput';
import { positiveIntegerValidator, positiveValidator, slugValidator } from '../components/validation';
import { coresToMillicores, gibToMib } from '../lib/units';

export interface SpaceFormValues {
  tenantId: string;
  name: string;
  slug: string;
  cpuCores: number;
  memoryGiB: number;
  storageGiB: number;
}

export const SPACE_DEFAULTS = { cpuCores: 2, memoryGiB: 4, storageGiB: 20 } as const;

/** Form values (cores, GiB) to createSpace's arguments (millicores, MiB). */
export const toCreateSpaceInput = (values: SpaceFormValues) => ({
  tenantId: values.tenantId,
  name: values.name.trim(),
  slug: values.slug.trim(),
  cpuMillicores: coresToMillicores(Number(values.cpuCores)),
  memoryMiB: gibToMib(Number(values.memoryGiB)),
  storageGiB: Math.round(Number(values.storageGiB)),
});

const SpaceCreateToolbar = () => (
  <Toolbar>
    <SaveButton data-testid="space-save" alwaysEnable />
  </Toolbar>
);

export const SpaceCreate = () => (
  <Create redirect="show" transform={(values: SpaceFormValues) => toCreateSpaceInput(values)}>
    {/* noValidate: the inputs' min/step only drive the spinners; errors come from our translated validators. */}
    <SimpleForm toolbar={<SpaceCreateToolbar />} defaultValues={SPACE_DEFAULTS} sx={{ maxWidth: 640 }} noValidate>
      <FocusServerError />
      <ReferenceInput source="tenantId" reference="tenants">
        <AutocompleteInput label="resources.spaces.fields.tenantId" validate={required()} fullWidth />
      </ReferenceInput>
      <TextInput source="name" validate={[required(), minLength(2), maxLength(100)]} fullWidth />
      <SlugInput source="slug" validate={[required(), slugValidator]} helperText="resources.spaces.helpers.slug" fullWidth />
      <NumberInput source="cpuCores" min={0} step={0.5} validate={[required(), positiveValidator]} />
      <NumberInput source="memoryGiB" min={0} step={1} validate={[required(), positiveValidator]} />
      <NumberInput source="storageGiB" label="resources.spaces.fields.storageGiBInput" min={0} step={1} validate={[required(), positiveIntegerValidator]} />
    </SimpleForm>
  </Create>
);
