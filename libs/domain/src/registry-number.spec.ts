import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TenantKind } from './enums';
import { registryNumberWithCheckDigit, validateRegistryNumber } from './registry-number';

const ORGANISATION_KINDS = [TenantKind.Agency, TenantKind.Municipality, TenantKind.Business];

describe('validateRegistryNumber: BIN', () => {
  it.each([
    ['990740000683', 'resident legal entity'],
    ['151140001231', 'resident legal entity'],
    ['100550000022', 'non-resident legal entity'],
    ['100561000032', 'joint individual entrepreneurship, branch'],
    ['100540000904', 'check digit from the second weighting'],
  ])('accepts %s (%s) for every organisation kind', (bin) => {
    for (const kind of ORGANISATION_KINDS) expect(validateRegistryNumber(kind, bin)).toEqual({ ok: true });
  });

  it.each([
    ['990740000684', 'BIN check digit (digit 12) should be 3, got 4'],
    ['99074000068', 'BIN must be exactly 12 digits, got 11'],
    ['9907400006830', 'BIN must be exactly 12 digits, got 13'],
    ['', 'BIN must be exactly 12 digits, got 0'],
    ['9907 4000 0683', 'BIN must contain digits only (no spaces or dashes)'],
    ['100540000930', 'first 11 digits admit no check digit'],
    ['100510000044', 'BIN digit 5 (entity type) must be 4, 5 or 6, got 1'],
  ])('rejects %j: %s', (bin, message) => {
    const result = validateRegistryNumber(TenantKind.Business, bin);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});

describe('validateRegistryNumber: IIN', () => {
  it.each([
    ['870101300128', 'man born 1987-01-01'],
    ['050315500014', 'man born 2005-03-15'],
    ['960229400010', 'woman born on leap day 1996-02-29'],
    ['000229500018', 'man born on leap day 2000-02-29'],
    ['880101300111', 'check digit from the second weighting'],
  ])('accepts %s (%s)', (iin) => {
    expect(validateRegistryNumber(TenantKind.Individual, iin)).toEqual({ ok: true });
  });

  it.each([
    ['870101300127', 'IIN check digit (digit 12) should be 8, got 7'],
    ['8701013001', 'IIN must be exactly 12 digits, got 10'],
    ['880101300100', 'first 11 digits admit no check digit'],
    ['870101000129', 'IIN digit 7 (century and sex) must be 1 to 6, got 0'],
    ['990740000683', 'IIN digit 7 (century and sex) must be 1 to 6, got 0'],
    ['871301300128', '871301 is not a date in 1987'],
    ['970229400012', '970229 is not a date in 1997'],
    ['000229300015', '000229 is not a date in 1900'],
  ])('rejects %j: %s', (iin, message) => {
    const result = validateRegistryNumber(TenantKind.Individual, iin);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});

describe('registryNumberWithCheckDigit', () => {
  it('appends the check digit the validator expects', () => {
    expect(registryNumberWithCheckDigit('99074000068')).toBe('990740000683');
    expect(registryNumberWithCheckDigit('88010130011')).toBe('880101300111');
  });

  it('rejects input that is not 11 digits, and prefixes no check digit exists for', () => {
    expect(() => registryNumberWithCheckDigit('9907400006')).toThrow(RangeError);
    expect(() => registryNumberWithCheckDigit('9907400006a')).toThrow(RangeError);
    expect(() => registryNumberWithCheckDigit('10054000093')).toThrow(/never issued/);
  });

  it('yields valid BINs, and any other last digit is reported as a wrong check digit', () => {
    const binPrefix = fc
      .tuple(fc.stringMatching(/^\d{4}$/), fc.constantFrom('4', '5', '6'), fc.stringMatching(/^\d{6}$/))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(binPrefix, fc.integer({ min: 1, max: 9 }), (prefix, offset) => {
        let bin: string;
        try {
          bin = registryNumberWithCheckDigit(prefix);
        } catch {
          return; // about 1 prefix in 121 has no check digit
        }
        expect(validateRegistryNumber(TenantKind.Agency, bin)).toEqual({ ok: true });
        const wrongDigit = (Number(bin[11]) + offset) % 10;
        const result = validateRegistryNumber(TenantKind.Agency, `${prefix}${wrongDigit}`);
        expect(!result.ok && result.message).toContain(`should be ${bin[11]}`);
      }),
    );
  });
});
