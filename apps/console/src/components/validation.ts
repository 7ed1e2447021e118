import type { Validator } from 'react-admin';
import { registryNumberProblem } from '../lib/registryNumber';
import { isPositiveInteger, isPositiveNumber, isValidSlug } from '../lib/validators';

const isEmpty = (value: unknown) => value == null || value === '';

export const slugValidator: Validator = (value) => (isEmpty(value) || isValidSlug(String(value)) ? undefined : 'nprod.validation.slug');
export const positiveValidator: Validator = (value) => (isEmpty(value) || isPositiveNumber(value) ? undefined : 'nprod.validation.positive');
export const positiveIntegerValidator: Validator = (value) =>
  isEmpty(value) || isPositiveInteger(value) ? undefined : 'nprod.validation.positive_integer';
/** Zero or more: limits and increases may be 0. */
export const nonNegativeValidator: Validator = (value) => (isEmpty(value) || (Number.isFinite(Number(value)) && Number(value) >= 0) ? undefined : 'nprod.validation.non_negative');
export const nonNegativeIntegerValidator: Validator = (value) =>
  isEmpty(value) || (Number.isInteger(Number(value)) && Number(value) >= 0) ? undefined : 'nprod.validation.non_negative_integer';
/** Municipalities sit under an agency; businesses and individuals stand alone (as the API enforces). */
export const parentForKindValidator: Validator = (value, allValues: { kind?: string } = {}) => {
  if (allValues.kind === 'MUNICIPALITY' && isEmpty(value)) return 'nprod.validation.parent_required';
  if ((allValues.kind === 'BUSINESS' || allValues.kind === 'INDIVIDUAL') && !isEmpty(value)) return 'nprod.validation.parent_not_allowed';
  return undefined;
};
/** Depends on the tenant kind in the same form (IIN for individuals, BIN otherwise); says which part is wrong. */
export const registryNumberValidator: Validator = (value, allValues: { kind?: string } = {}) =>
  isEmpty(value) ? undefined : (registryNumberProblem(allValues.kind, String(value)) ?? undefined);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const emailValidator: Validator = (value) => (isEmpty(value) || EMAIL.test(String(value).trim()) ? undefined : 'nprod.validation.email');

export const PASSWORD_MIN_LENGTH = 12;
export const passwordValidator: Validator = (value) =>
  isEmpty(value) || String(value).length >= PASSWORD_MIN_LENGTH ? undefined : { message: 'nprod.validation.password_length', args: { min: PASSWORD_MIN_LENGTH } };
export const samePasswordValidator: Validator = (value, allValues: { password?: string } = {}) =>
  isEmpty(value) || value === allValues.password ? undefined : 'nprod.validation.password_mismatch';

/** Text with a length window, in the console's words (react-admin's minLength counts untrimmed text). */
export const trimmedLength =
  (min: number, max: number): Validator =>
  (value) => {
    if (isEmpty(value)) return undefined;
    const length = String(value).trim().length;
    return length < min || length > max ? { message: 'nprod.validation.length_between', args: { min, max } } : undefined;
  };

/** At least one of the named amounts above zero (a quota request must ask for something). */
export const atLeastOneAmount =
  (fields: readonly string[]): Validator =>
  (_value, allValues: Record<string, unknown> = {}) =>
    fields.some((field) => Number(allValues[field] ?? 0) > 0) ? undefined : 'nprod.validation.at_least_one';
