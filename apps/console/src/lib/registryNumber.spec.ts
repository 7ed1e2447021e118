import { registryNumberWithCheckDigit } from '@nprod/domain';
import { describe, expect, it } from 'vitest';
import { nprodEn } from '../i18n/en';
import { nprodRu } from '../i18n/ru';
import { registryNumberProblem } from './registryNumber';

const bin = registryNumberWithCheckDigit('12345678901'); // digit 5 is 5: a non-resident legal entity
const iin = registryNumberWithCheckDigit('90010130000'); // born 1990-01-01, digit 7 = 3
const withWrongCheckDigit = (value: string) => `${value.slice(0, 11)}${(Number(value[11]) + 1) % 10}`;

describe('registryNumberProblem', () => {
  it('accepts valid numbers', () => {
    expect(registryNumberProblem('BUSINESS', bin)).toBeNull();
    expect(registryNumberProblem('INDIVIDUAL', iin)).toBeNull();
    expect(registryNumberProblem('BUSINESS', ` ${bin} `)).toBeNull();
  });

  it('names the wrong part, with what was expected', () => {
    expect(registryNumberProblem('BUSINESS', '1234-5678')).toEqual({ message: 'nprod.validation.registry.bin.digits_only', args: {} });
    expect(registryNumberProblem('INDIVIDUAL', '123')).toEqual({ message: 'nprod.validation.registry.iin.length', args: { length: 3 } });
    expect(registryNumberProblem('BUSINESS', withWrongCheckDigit(bin))).toEqual({
      message: 'nprod.validation.registry.bin.check_digit',
      args: { expected: bin[11], got: withWrongCheckDigit(bin)[11] },
    });
  });

  it('explains IIN birth dates and centuries and BIN entity types', () => {
    expect(registryNumberProblem('INDIVIDUAL', registryNumberWithCheckDigit('90133130000'))?.message).toBe('nprod.validation.registry.iin_date');
    expect(registryNumberProblem('INDIVIDUAL', registryNumberWithCheckDigit('90010190000'))).toEqual({ message: 'nprod.validation.registry.iin_century', args: { digit: '9' } });
    expect(registryNumberProblem('BUSINESS', iin)).toEqual({ message: 'nprod.validation.registry.bin_entity_type', args: { digit: iin[4] } });
  });
});

describe('registry number messages', () => {
  const lookup = (messages: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

  it('exist in English and Russian for every problem', () => {
    const samples: Array<[string, string]> = [
      ['BUSINESS', 'x'],
      ['BUSINESS', '1'],
      ['BUSINESS', withWrongCheckDigit(bin)],
      ['BUSINESS', iin],
      ['INDIVIDUAL', 'x'],
      ['INDIVIDUAL', '1'],
      ['INDIVIDUAL', withWrongCheckDigit(iin)],
      ['INDIVIDUAL', registryNumberWithCheckDigit('90133130000')],
      ['INDIVIDUAL', registryNumberWithCheckDigit('90010190000')],
    ];
    for (const [kind, value] of samples) {
      const key = registryNumberProblem(kind, value)!.message;
      expect(typeof lookup(nprodEn, key), key).toBe('string');
      expect(typeof lookup(nprodRu, key), key).toBe('string');
    }
  });
});
