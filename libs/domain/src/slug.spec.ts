import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify, validateSlug } from './slug';

const validSlug = fc.stringMatching(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/).filter((slug) => !slug.includes('--'));

describe('validateSlug', () => {
  it.each(['abc', 'akimat-almaty', 'a1b', 'x2-y3', 'a'.repeat(30)])('accepts %s', (slug) => {
    expect(validateSlug(slug)).toEqual({ ok: true });
  });

  it.each([
    ['ab', 'is 2 characters long; use 3 to 30 characters'],
    ['a'.repeat(31), 'is 31 characters long; use 3 to 30 characters'],
    ['', 'is 0 characters long'],
    ['Akimat', 'contains uppercase letters; use lowercase only, e.g. "akimat"'],
    ['akimat_almaty', `contains "_"; use only lowercase latin letters a-z, digits 0-9 and '-'`],
    ['акимат', 'contains "а", "к", "и", "м", "т"'],
    ['my space', 'contains " "'],
    ['1abc', 'starts with "1"; start it with a letter a-z'],
    ['-abc', 'starts with "-"'],
    ['abc-', "ends with '-'; end it with a letter or digit"],
    ['ab--c', "contains '--'; use a single '-' between words"],
  ])('rejects %j: %s', (slug, message) => {
    const result = validateSlug(slug);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('accepts everything built from the slug grammar', () => {
    fc.assert(
      fc.property(validSlug, (slug) => {
        expect(validateSlug(slug)).toEqual({ ok: true });
      }),
    );
  });
});

describe('slugify', () => {
  it.each([
    ['Akimat of Almaty', 'akimat-of-almaty'],
    ['  ТОО «Қазақ Телеком»  ', 'too-qazaq-telekom'],
    ['Акимат города Шымкент', 'akimat-goroda-shymkent'],
    ['Café Déjà Vu', 'cafe-deja-vu'],
    ['2024 Budget -- Test', 'budget-test'],
    ['A very long organisation name that keeps going', 'a-very-long-organisation-name'],
    ['AB', ''],
    ['!!!', ''],
  ])('%j -> %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('returns either a valid slug or an empty string for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (name) => {
        const slug = slugify(name);
        expect(slug === '' || validateSlug(slug).ok).toBe(true);
      }),
    );
  });

  it('leaves a valid slug unchanged', () => {
    fc.assert(
      fc.property(validSlug, (slug) => {
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});
