import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { graphqlRequest, REGIONS_QUERY, SIGN_UP_REGIONS_QUERY } from '../lib/apiClient';
import { regionLabelKey } from '../lib/enums';

export interface RegionChoice {
  id: string;
  name: string;
}

/**
 * The regions the API serves, as choices already translated (pass `translateChoice={false}`):
 * known regions by their label, others by their code. Signed-in forms get every region with a
 * registered cluster, cordoned ones too, and the configured ones (`regions`); the public sign-up
 * only those it accepts (`signUpRegions`). `regions` is undefined while loading; offline it is empty.
 */
export const useRegionChoices = ({ signUp = false }: { signUp?: boolean } = {}): { regions?: string[]; choices: RegionChoice[] } => {
  const translate = useTranslate();
  const { data, isError } = useQuery({
    queryKey: ['regions', signUp ? 'sign-up' : 'signed-in'],
    queryFn: async () =>
      signUp
        ? (await graphqlRequest<{ signUpRegions: string[] }>(SIGN_UP_REGIONS_QUERY, {}, { auth: false })).signUpRegions
        : (await graphqlRequest<{ regions: string[] }>(REGIONS_QUERY)).regions,
  });
  const regions = isError ? [] : data;
  return { regions, choices: (regions ?? []).map((region) => ({ id: region, name: translate(regionLabelKey(region), { _: region }) })) };
};
