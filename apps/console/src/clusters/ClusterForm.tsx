import Typography from '@mui/material/Typography';
import { NumberInput, SelectArrayInput, TextInput, required, useTranslate } from 'react-admin';
import { nonNegativeValidator, nonNegativeIntegerValidator } from '../components/validation';
import { regionChoices } from '../lib/enums';
import { capacityInput } from './cluster';

const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const clusterNameValidator = (value: unknown) => (!value || CLUSTER_NAME.test(String(value).trim()) ? undefined : 'resources.clusters.helpers.name');

/** Name, regions, capacity and rate limit: the part registering and editing share. */
export const ClusterPlacementInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="name" validate={[required(), clusterNameValidator]} helperText="resources.clusters.helpers.name" fullWidth />
      <SelectArrayInput source="regions" choices={regionChoices()} validate={required()} helperText="resources.clusters.helpers.regions" fullWidth />
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('resources.clusters.fields.capacity')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('resources.clusters.helpers.capacity')}
      </Typography>
      <NumberInput source="capacityCpuMillicores" {...capacityInput.cpu} min={0} step={1} validate={nonNegativeValidator} helperText={false} />
      <NumberInput source="capacityMemoryMiB" {...capacityInput.memory} min={0} step={1} validate={nonNegativeValidator} helperText={false} />
      <NumberInput source="capacityStorageGiB" {...capacityInput.whole} min={0} step={1} validate={nonNegativeIntegerValidator} helperText={false} />
      <NumberInput source="capacityMaxSpaces" {...capacityInput.whole} min={0} step={1} validate={nonNegativeIntegerValidator} helperText={false} />
      <NumberInput source="qps" {...capacityInput.whole} min={1} step={1} validate={nonNegativeIntegerValidator} helperText="resources.clusters.helpers.qps" />
    </>
  );
};
