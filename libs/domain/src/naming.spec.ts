import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spaceNamespaceName } from './naming';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const validSlug = fc.stringMatching(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/).filter((slug) => !slug.includes('--'));

describe('spaceNamespaceName', () => {
  it('joins tenant and space with a separator slugs cannot contain', () => {
    expect(spaceNamespaceName('akimat-almaty', 'web')).toBe('t-akimat-almaty--web');
    expect(spaceNamespaceName('city-x', 'web')).not.toBe(spaceNamespaceName('city', 'x-web'));
  });

  it('keeps the longest names that fit as they are', () => {
    const name = spaceNamespaceName('a'.repeat(30), 'b'.repeat(29));
    expect(name).toBe(`t-${'a'.repeat(30)}--${'b'.repeat(29)}`);
    expect(name).toHaveLength(63);
  });

  it('cuts longer names and ends them in a stable hash of the full name', () => {
    const name = spaceNamespaceName('a'.repeat(30), 'b'.repeat(30));
    // bbf2d0be is the reference FNV-1a 32-bit hash of the full 64-character name.
    expect(name).toBe(`t-${'a'.repeat(30)}--${'b'.repeat(20)}-bbf2d0be`);
    expect(spaceNamespaceName('a'.repeat(30), `${'b'.repeat(29)}c`)).not.toBe(name);
  });

  it('refuses invalid slugs instead of building an invalid name', () => {
    expect(() => spaceNamespaceName('Akimat', 'web')).toThrow(/uppercase/);
    expect(() => spaceNamespaceName('akimat', 'w')).toThrow(/characters long/);
  });

  it('always yields a valid namespace name, the same for the same slugs, different for different ones', () => {
    fc.assert(
      fc.property(validSlug, validSlug, validSlug, validSlug, (tenant, space, otherTenant, otherSpace) => {
        const name = spaceNamespaceName(tenant, space);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(name).toMatch(DNS_1123_LABEL);
        expect(spaceNamespaceName(tenant, space)).toBe(name);
        fc.pre(tenant !== otherTenant || space !== otherSpace);
        expect(spaceNamespaceName(otherTenant, otherSpace)).not.toBe(name);
      }),
    );
  });
});
