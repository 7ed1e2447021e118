import type { Validator } from 'react-admin';
import { isPositiveInteger, isPositiveNumber, isValidRegistryNumber, isValidSlug } from '../lib/validators';

const isEmpty = (value: unknown) => value == null || value === '';

export const slugValidator: Validator = (value) => (isEmpty(value) || isValidSlug(String(value)) ? undefined : 'nprod.validation.slug');
export const positiveValidator: Validator = (value) => (isEmpty(value) || isPositiveNumber(value) ? undefined : 'nprod.validation.positive');
export const positiveIntegerValidator: Validator = (value) =>
  isEmpty(value) || isPositiveInteger(value) ? undefined : 'nprod.validation.positive_integer';
/** Depends on the tenant kind in the same form (IIN for individuals, BIN otherwise). */
export const registryNumberValidator: Validator = (value, allValues: { kind?: string } = {}) =>
  isEmpty(value) || isValidRegistryNumber(String(value).trim(), allValues.kind) ? undefined : 'nprod.validation.registry_number';
