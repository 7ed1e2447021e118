import type { Validator } from 'react-admin';
import { isPositiveInteger, isPositiveNumber, isValidRegistryNumber, isValidSlug } from '../lib/validators';

const isEmpty = (value: unknown) => value == null || value === '';

export const slugValidator: Validator = (value) => (isEmpty(value) || isValidSlug(String(value)) ? undefined : 'nprod.validation.slug');
export const positiveValidator: Validator = (value) => (isEmpty(value) || isPositiveNumber(value) ? undefined : 'nprod.validation.positive');
export const positiveIntegerValidator: Validator = (value) =>
  isEmpty(value) || isPositiveInteger(value) ? undefined : 'nprod.validation.positive_integer';
/** Municipalities sit under an agency; businesses and individuals stand alone (as the API enforces). */
export const parentForKindValidator: Validator = (value, allValues: { kind?: string } = {}) => {
  if (allValues.kind === 'MUNICIPALITY' && isEmpty(value)) return 'nprod.validation.parent_required';
  if ((allValues.kind === 'BUSINESS' || allValues.kind === 'INDIVIDUAL') && !isEmpty(value)) return 'nprod.validation.parent_not_allowed';
  return undefined;
};
/** Depends on the tenant kind in the same form (IIN for individuals, BIN otherwise). */
export const registryNumberValidator: Validator = (value, allValues: { kind?: string } = {}) =>
  isEmpty(value) || isValidRegistryNumber(String(value).trim(), allValues.kind) ? undefined : 'nprod.validation.registry_number';
