import { describe, expect, it } from 'vitest';
import { registryNumberWithCheckDigit, slugify } from '@nprod/domain';
import { isPositiveInteger, isPositiveNumber, isValidRegistryNumber, isValidSlug } from './validators';

describe('isValidSlug', () => {
  it.each(['abc', 'web-portal', 'a1-b2', 'a'.repeat(30)])('accepts %s', (slug) => expect(isValidSlug(slug)).toBe(true));
  it.each(['ab', 'a'.repeat(31), '1abc', '-abc', 'abc-', 'a--b', 'Abc', 'ab_c', 'ab c', ''])('rejects %j', (slug) => expect(isValidSlug(slug)).toBe(false));
});

describe('slug suggestions (from @nprod/domain) pass the console validator', () => {
  it('suggests valid slugs from Latin, Russian and Kazakh names', () => {
    expect(slugify('Web Portal 2')).toBe('web-portal-2');
    expect(slugify('Акимат города Шымкент')).toBe('akimat-goroda-shymkent');
    for (const name of ['Web Portal 2', 'Акимат города Шымкент', 'Министерство цифрового развития, инноваций и аэрокосмической промышленности']) {
      expect(isValidSlug(slugify(name))).toBe(true);
    }
  });
});

describe('numbers', () => {
  it('accepts positive numbers and numeric strings', () => {
    expect(isPositiveNumber(2)).toBe(true);
    expect(isPositiveNumber('0.5')).toBe(true);
    expect(isPositiveNumber(0)).toBe(false);
    expect(isPositiveNumber(-1)).toBe(false);
    expect(isPositiveNumber('')).toBe(false);
    expect(isPositiveNumber(null)).toBe(false);
    expect(isPositiveNumber(Number.NaN)).toBe(false);
  });

  it('accepts only positive whole numbers as integers', () => {
    expect(isPositiveInteger(5)).toBe(true);
    expect(isPositiveInteger(1.5)).toBe(false);
    expect(isPositiveInteger(0)).toBe(false);
  });
});

describe('isValidRegistryNumber', () => {
  it('checks the BIN check digit', () => {
    const bin = registryNumberWithCheckDigit('12345678901');
    const wrong = `${bin.slice(0, 11)}${(Number(bin[11]) + 1) % 10}`;
    expect(isValidRegistryNumber(bin, 'BUSINESS')).toBe(true);
    expect(isValidRegistryNumber(wrong, 'BUSINESS')).toBe(false);
  });

  it('rejects anything but 12 digits', () => {
    expect(isValidRegistryNumber('12345678901')).toBe(false);
    expect(isValidRegistryNumber('1234567890123')).toBe(false);
    expect(isValidRegistryNumber('12345678901a')).toBe(false);
  });
});
