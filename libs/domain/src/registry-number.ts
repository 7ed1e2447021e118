import { type DomainResult, invalid, valid } from './domain-result';
import { TenantKind } from './enums';

const FIRST_PASS_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** Which national register number a tenant kind carries. */
export type RegistryNumberType = 'BIN' | 'IIN';

export function registryNumberType(kind: TenantKind): RegistryNumberType {
  return kind === TenantKind.Individual ? 'IIN' : 'BIN';
}

// Shared by BIN and IIN: weighted sum mod 11, a second weighting when the first gives 10;
// a prefix for which both give 10 is never issued, hence null.
function checkDigitFor(first11: string): number | null {
  const digits = [...first11].map(Number);
  const weighted = (weights: number[]) => digits.reduce((sum, digit, index) => sum + digit * weights[index], 0) % 11;
  const firstPass = weighted(FIRST_PASS_WEIGHTS);
  if (firstPass !== 10) return firstPass;
  const secondPass = weighted(SECOND_PASS_WEIGHTS);
  return secondPass === 10 ? null : secondPass;
}

/**
 * Appends the check digit to the first 11 digits of a BIN or IIN. Throws a RangeError when
 * the input is not 11 digits or no check digit exists for it (such numbers are never
 * issued): pick another prefix.
 */
export function registryNumberWithCheckDigit(first11: string): string {
  if (!/^\d{11}$/.test(first11)) {
    throw new RangeError(`expected the first 11 digits of a BIN/IIN, got "${first11}"`);
  }
  const checkDigit = checkDigitFor(first11);
  if (checkDigit === null) {
    throw new RangeError(`no check digit exists for "${first11}"; such a number is never issued, pick another`);
  }
  return `${first11}${checkDigit}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// IIN digit 7 encodes century and sex: 1/2 born 1800s, 3/4 1900s, 5/6 2000s (odd male, even female).
const CENTURY_BY_IIN_DIGIT_7: Readonly<Record<string, number>> = { 1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000 };

function validateIinStructure(iin: string): DomainResult {
  const century = CENTURY_BY_IIN_DIGIT_7[iin[6]];
  if (century === undefined) {
    return invalid(`IIN digit 7 (century and sex) must be 1 to 6, got ${iin[6]}`);
  }
  const year = century + Number(iin.slice(0, 2));
  if (!isCalendarDate(year, Number(iin.slice(2, 4)), Number(iin.slice(4, 6)))) {
    return invalid(`IIN digits 1–6 must be the birth date as YYMMDD; ${iin.slice(0, 6)} is not a date in ${year}`);
  }
  return valid;
}

// BIN digit 5 marks the entity type: 4 resident legal entity, 5 non-resident legal entity,
// 6 joint individual entrepreneurship. Digits 1–4 (registration YYMM) and 6 (head office or
// branch) are not checked: entities registered before BINs existed carry older dates, and a
// false rejection blocks onboarding while the check digit already catches typos.
const BIN_TYPE_MARKERS = new Set(['4', '5', '6']);

function validateBinStructure(bin: string): DomainResult {
  if (!BIN_TYPE_MARKERS.has(bin[4])) {
    return invalid(
      `BIN digit 5 (entity type) must be 4, 5 or 6, got ${bin[4]}; if this is a person's number, register the tenant as an individual with an IIN`,
    );
  }
  return valid;
}

/**
 * Checks a tenant's registry number: a BIN for agencies, municipalities and businesses, an
 * IIN for individuals. Both are 12 digits whose 12th is a check digit; the message names
 * the wrong part (length, check digit, IIN birth date, BIN entity type).
 */
export function validateRegistryNumber(kind: TenantKind, value: string): DomainResult {
  const type = registryNumberType(kind);
  if (!/^\d*$/.test(value)) {
    return invalid(`${type} must contain digits only (no spaces or dashes), got "${value}"`);
  }
  if (value.length !== 12) {
    return invalid(`${type} must be exactly 12 digits, got ${value.length}`);
  }
  const checkDigit = checkDigitFor(value.slice(0, 11));
  if (checkDigit === null) {
    return invalid(`${type} ${value} is not a valid number: its first 11 digits admit no check digit; check for a typo`);
  }
  if (checkDigit !== Number(value[11])) {
    return invalid(`${type} check digit (digit 12) should be ${checkDigit}, got ${value[11]}; check the number for a typo`);
  }
  return type === 'IIN' ? validateIinStructure(value) : validateBinStructure(value);
}
