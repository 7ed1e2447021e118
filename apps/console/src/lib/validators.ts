/**
 * Client-side mirrors of the API's input rules, so most mistakes are caught before a round trip.
 * Slug and registry-number rules come from `@nprod/domain`, the same code the API runs; only the
 * (translated) wording is the console's own.
 */
import { TenantKind, validateRegistryNumber, validateSlug } from '@nprod/domain';

export const isValidSlug = (value: string): boolean => validateSlug(value).ok;

const TENANT_KIND_VALUES: readonly string[] = Object.values(TenantKind);

/** BIN for organisations, IIN (with its date and century checks) for individuals; any kind accepts neither malformed. */
export const isValidRegistryNumber = (value: string, kind: string = TenantKind.Business): boolean =>
  validateRegistryNumber((TENANT_KIND_VALUES.includes(kind) ? kind : TenantKind.Business) as TenantKind, value).ok;

export const isPositiveNumber = (value: unknown): boolean => {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) && number > 0;
};

export const isPositiveInteger = (value: unknown): boolean => isPositiveNumber(value) && Number.isInteger(Number(value));
