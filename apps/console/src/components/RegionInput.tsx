import { useEffect, useMemo } from 'react';
import { SelectInput, useTranslate, type SelectInputProps } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { regionLabelKey } from '../lib/enums';
import { useRegionChoices } from './useRegionChoices';

const NONE: readonly string[] = [];

/**
 * A region picked from those the API serves (see useRegionChoices), less `exclude`. `preselect`: a
 * value not offered becomes the first region that is. Without it, a value already stored (an
 * allocation's, a tenant's) stays shown even when no cluster serves that region any more.
 */
export const RegionInput = ({
  source,
  signUp = false,
  preselect = false,
  exclude = NONE,
  ...props
}: SelectInputProps & { source: string; signUp?: boolean; preselect?: boolean; exclude?: readonly string[] }) => {
  const translate = useTranslate();
  const { regions: served, choices: servedChoices } = useRegionChoices({ signUp });
  const regions = useMemo(() => served?.filter((region) => !exclude.includes(region)), [served, exclude]);
  const choices = servedChoices.filter((choice) => !exclude.includes(choice.id));
  const { getValues, setValue } = useFormContext();
  const value = useWatch({ name: source }) as string | undefined;
  useEffect(() => {
    if (preselect && regions && !regions.includes(getValues(source))) setValue(source, regions[0] ?? '');
  }, [preselect, regions, source, getValues, setValue]);
  const stored = !preselect && value && regions && !regions.includes(value) ? [{ id: value, name: translate(regionLabelKey(value), { _: value }) }] : [];
  return <SelectInput source={source} {...props} choices={[...choices, ...stored]} translateChoice={false} isPending={!regions} />;
};
