import { useEffect } from 'react';
import { SelectInput, useTranslate, type SelectInputProps } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { regionLabelKey } from '../lib/enums';
import { useRegionChoices } from './useRegionChoices';

/**
 * A region picked from those the API serves (see useRegionChoices). `preselect`: a value the API
 * does not offer becomes the first region it does. Without it, a value already stored (an
 * allocation's, a tenant's) stays shown even when no cluster serves that region any more.
 */
export const RegionInput = ({ source, signUp = false, preselect = false, ...props }: SelectInputProps & { source: string; signUp?: boolean; preselect?: boolean }) => {
  const translate = useTranslate();
  const { regions, choices } = useRegionChoices({ signUp });
  const { getValues, setValue } = useFormContext();
  const value = useWatch({ name: source }) as string | undefined;
  useEffect(() => {
    if (preselect && regions && !regions.includes(getValues(source))) setValue(source, regions[0] ?? '');
  }, [preselect, regions, source, getValues, setValue]);
  const stored = !preselect && value && regions && !regions.includes(value) ? [{ id: value, name: translate(regionLabelKey(value), { _: value }) }] : [];
  return <SelectInput source={source} {...props} choices={[...choices, ...stored]} translateChoice={false} isPending={!regions} />;
};
