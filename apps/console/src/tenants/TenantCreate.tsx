import Typography from '@mui/material/Typography';
import {
  AutocompleteInput,
  Create,
  NumberInput,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useTranslate,
} from 'react-admin';
import { SlugInput } from '../components/SlugInput';
import { positiveIntegerValidator, positiveValidator, registryNumberValidator, slugValidator } from '../components/validation';
import { enumChoices, regionChoices, TENANT_KINDS } from '../lib/enums';
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
});

const SectionTitle = ({ label }: { label: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" fontWeight={600} sx={{ mt: 2 }}>
      {translate(label)}
    </Typography>
  );
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
      defaultValues={{ kind: 'AGENCY', region: 'astana', cpuCores: 8, memoryGiB: 16, storageGiB: 100, maxSpaces: 5 }}
      sx={{ maxWidth: 640 }}
    >
      <SectionTitle label="resources.tenants.sections.details" />
      <TextInput source="name" validate={required()} fullWidth />
      <SlugInput source="slug" validate={[required(), slugValidator]} helperText="resources.tenants.helpers.slug" fullWidth />
      <SelectInput source="kind" choices={enumChoices('TenantKind', TENANT_KINDS)} validate={required()} />
      <ReferenceInput source="parentId" reference="tenants">
        <AutocompleteInput label="resources.tenants.fields.parentId" fullWidth />
      </ReferenceInput>
      <TextInput source="registryNumber" validate={registryNumberValidator} helperText="resources.tenants.helpers.registryNumber" />
      <SelectInput source="region" choices={regionChoices()} validate={required()} />
      <SectionTitle label="resources.tenants.sections.allocation" />
      <NumberInput source="cpuCores" min={0} step={0.5} validate={[required(), positiveValidator]} />
      <NumberInput source="memoryGiB" min={0} step={1} validate={[required(), positiveValidator]} />
      <NumberInput source="storageGiB" min={0} step={1} validate={[required(), positiveIntegerValidator]} />
      <NumberInput source="maxSpaces" min={0} step={1} validate={[required(), positiveIntegerValidator]} />
    </SimpleForm>
  </Create>
);
