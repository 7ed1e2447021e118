import { describe, expect, it } from 'vitest';
import { defaultExpiry, expiryBounds, expiryInstant, expiryProblem } from './tokenExpiry';

const now = new Date('2026-03-10T15:30:00Z');

describe('API token expiry', () => {
  it('allows tomorrow up to a year ahead', () => {
    expect(expiryBounds(now)).toEqual({ min: '2026-03-11', max: '2027-03-10' });
    expect(expiryProblem('2026-03-11', now)).toBeUndefined();
    expect(expiryProblem('2027-03-10', now)).toBeUndefined();
    expect(expiryProblem('2026-03-10', now)).toBe('resources.api-tokens.validation.future');
    expect(expiryProblem('2027-03-11', now)).toBe('resources.api-tokens.validation.within_year');
    expect(expiryProblem('', now)).toBe('nprod.validation.date');
  });

  it('defaults to 90 days and sends midnight UTC', () => {
    expect(defaultExpiry(now)).toBe('2026-06-08');
    expect(expiryInstant('2026-06-08')).toBe('2026-06-08T00:00:00.000Z');
  });
});
