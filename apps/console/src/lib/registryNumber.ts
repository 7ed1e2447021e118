/**
 * Why a BIN/IIN is wrong, as a translation key and its arguments. `@nprod/domain` decides
 * whether a number is valid (the same code the API runs) but words its answer in English; the
 * console names the same part (length, check digit, IIN birth date, BIN entity type) in the
 * person's language.
 */
import { registryNumberType, registryNumberWithCheckDigit, TenantKind, validateRegistryNumber } from '@nprod/domain';

export interface RegistryNumberProblem {
  message: string;
  args: Record<string, string | number>;
}

const KINDS: readonly string[] = Object.values(TenantKind);
const IIN_CENTURY_DIGITS = new Set(['1', '2', '3', '4', '5', '6']);

const problem = (key: string, args: Record<string, string | number>): RegistryNumberProblem => ({ message: `nprod.validation.registry.${key}`, args });

export const registryNumberProblem = (kindValue: string | undefined, rawValue: string): RegistryNumberProblem | null => {
  const kind = (kindValue && KINDS.includes(kindValue) ? kindValue : TenantKind.Business) as TenantKind;
  const value = rawValue.trim();
  if (validateRegistryNumber(kind, value).ok) return null;
  const type = registryNumberType(kind);
  // The number's name (BIN or IIN) is part of the key: arguments are not translated.
  const named = type === 'IIN' ? 'iin' : 'bin';
  if (!/^\d*$/.test(value)) return problem(`${named}.digits_only`, {});
  if (value.length !== 12) return problem(`${named}.length`, { length: value.length });
  let expected: string;
  try {
    expected = registryNumberWithCheckDigit(value.slice(0, 11)).slice(11);
  } catch {
    return problem(`${named}.no_check_digit`, {});
  }
  if (expected !== value[11]) return problem(`${named}.check_digit`, { expected, got: value[11] });
  if (type === 'IIN') return IIN_CENTURY_DIGITS.has(value[6]) ? problem('iin_date', { date: value.slice(0, 6) }) : problem('iin_century', { digit: value[6] });
  return problem('bin_entity_type', { digit: value[4] });
};
