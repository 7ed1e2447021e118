import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  AutocompleteInput,
  Create,
  maxLength,
  minLength,
  NumberInput,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { RegionInput } from '../components/RegionInput';
import { SlugInput } from '../components/SlugInput';
import { useRegionChoices } from '../components/useRegionChoices';
import { parentForKindValidator, positiveIntegerValidator, positiveValidator, registryNumberValidator, slugValidator } from '../components/validation';
import { enumChoices, TENANT_KINDS } from '../lib/enums';
import { coresToMillicores, gibToMib } from '../lib/units';

export interface TenantFormValues {
  name: string;
  slug: string;
  kind: string;
  parentId?: string | null;
  registryNumber?: string | null;
  region: string;
  cpuCores: number;
  memoryGiB: number;
  storageGiB: number;
  maxSpaces: number;
  maxInstances: number;
}

/** Form values (cores, GiB) to createTenant's arguments (millicores, MiB); blanks become absent. */
export const toCreateTenantInput = (values: TenantFormValues) => ({
  name: values.name.trim(),
  slug: values.slug.trim(),
  kind: values.kind,
  ...(values.parentId ? { parentId: values.parentId } : {}),
  ...(values.registryNumber?.trim() ? { registryNumber: values.registryNumber.trim() } : {}),
  region: values.region,
  cpuMillicores: coresToMillicores(Number(values.cpuCores)),
  memoryMiB: gibToMib(Number(values.memoryGiB)),
  storageGiB: Math.round(Number(values.storageGiB)),
  maxSpaces: Math.round(Number(values.maxSpaces)),
  maxInstances: Math.round(Number(values.maxInstances)),
});

const SectionTitle = ({ label }: { label: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" fontWeight={600} sx={{ mt: 2 }}>
      {translate(label)}
    </Typography>
  );
};

/** A tenant usually lives where its parent does: follow the parent's region until the user picks one. */
const RegionFromParent = () => {
  const parentId = useWatch({ name: 'parentId' }) as string | null | undefined;
  const { getFieldState, setValue } = useFormContext();
  const { data: parent } = useGetOne<{ id: string; region?: string }>('tenants', { id: parentId ?? '' }, { enabled: !!parentId });
  const parentRegion = parentId ? parent?.region : undefined;
  const { regions } = useRegionChoices();
  useEffect(() => {
    if (!parentRegion || !regions?.includes(parentRegion) || getFieldState('region').isDirty) return;
    setValue('region', parentRegion, { shouldValidate: true });
  }, [parentRegion, regions, getFieldState, setValue]);
  return null;
};

const TenantCreateToolbar = () => (
  <Toolbar>
    <SaveButton data-testid="tenant-save" alwaysEnable />
  </Toolbar>
);

export const TenantCreate = () => (
  <Create redirect="show" transform={(values: TenantFormValues) => toCreateTenantInput(values)}>
    <SimpleForm
      toolbar={<TenantCreateToolbar />}
      defaultValues={{ kind: 'AGENCY', region: '', cpuCores: 8, memoryGiB: 16, storageGiB: 100, maxSpaces: 5, maxInstances: 10 }}
      sx={{ maxWidth: 640 }}
      // The inputs' min/step only drive the spinners; errors come from our translated validators, next to each input.
      noValidate
    >
      <RegionFromParent />
      <FocusServerError />
      <SectionTitle label="resources.tenants.sections.details" />
      <TextInput source="name" validate={[required(), minLength(2), maxLength(200)]} fullWidth />
      <SlugInput source="slug" validate={[required(), slugValidator]} helperText="resources.tenants.helpers.slug" fullWidth />
      <SelectInput source="kind" choices={enumChoices('TenantKind', TENANT_KINDS)} validate={required()} />
      <ReferenceInput source="parentId" reference="tenants">
        <AutocompleteInput label="resources.tenants.fields.parentId" validate={parentForKindValidator} fullWidth />
      </ReferenceInput>
      <TextInput source="registryNumber" validate={registryNumberValidator} helperText="resources.tenants.helpers.registryNumber" />
      <RegionInput source="region" preselect validate={required()} />
      <SectionTitle label="resources.tenants.sections.allocation" />
      <NumberInput source="cpuCores" min={0} step={0.5} validate={[required(), positiveValidator]} />
      <NumberInput source="memoryGiB" min={0} step={1} validate={[required(), positiveValidator]} />
      <NumberInput source="storageGiB" min={0} step={1} validate={[required(), positiveIntegerValidator]} />
      <NumberInput source="maxSpaces" min={0} step={1} validate={[required(), positiveIntegerValidator]} />
      <NumberInput source="maxInstances" min={0} step={1} validate={[required(), positiveIntegerValidator]} />
    </SimpleForm>
  </Create>
);
