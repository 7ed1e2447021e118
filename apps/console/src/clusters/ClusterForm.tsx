import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { AutocompleteArrayInput, NumberInput, TextInput, required, useTranslate } from 'react-admin';
import { useRegionChoices, type RegionChoice } from '../components/useRegionChoices';
import { nonNegativeValidator, nonNegativeIntegerValidator } from '../components/validation';
import { capacityInput } from './cluster';

const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const clusterNameValidator = (value: unknown) => (!value || CLUSTER_NAME.test(String(value).trim()) ? undefined : 'resources.clusters.helpers.name');

/** The regions the platform serves already, or a new region code typed in (a cluster may open a region). */
const ClusterRegionsInput = () => {
  const { regions, choices } = useRegionChoices();
  const [typed, setTyped] = useState<RegionChoice[]>([]);
  const addRegion = (code?: string) => {
    const id = code?.trim().toLowerCase();
    if (!id) return undefined;
    const choice = { id, name: id };
    setTyped((current) => [...current, choice]);
    return choice;
  };
  return (
    <AutocompleteArrayInput
      source="regions"
      choices={[...choices, ...typed]}
      translateChoice={false}
      isPending={!regions}
      onCreate={addRegion}
      validate={required()}
      helperText="resources.clusters.helpers.regions"
      fullWidth
    />
  );
};

/** Name, regions, capacity and rate limit: the part registering and editing share. */
export const ClusterPlacementInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="name" validate={[required(), clusterNameValidator]} helperText="resources.clusters.helpers.name" fullWidth />
      <ClusterRegionsInput />
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
