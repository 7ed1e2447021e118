/** API tokens expire on a date people pick: sent as midnight UTC, which must be in the future and at most a year away. */

const DAY_MS = 86_400_000;

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export const expiryBounds = (now: Date) => {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  // The last midnight that is within a year however the API counts it (a calendar year or 365 days).
  const latest = Math.min(yearAhead.getTime(), now.getTime() + 365 * DAY_MS);
  return { min: isoDate(new Date(today + DAY_MS)), max: isoDate(new Date(latest)) };
};

export const defaultExpiry = (now: Date, days = 90) => isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS));

/** `2026-12-31` → `2026-12-31T00:00:00.000Z`. */
export const expiryInstant = (date: string) => new Date(`${date}T00:00:00.000Z`).toISOString();

export const expiryProblem = (date: string | undefined, now: Date): string | undefined => {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'nprod.validation.date';
  const { min, max } = expiryBounds(now);
  if (date < min) return 'resources.api-tokens.validation.future';
  if (date > max) return 'resources.api-tokens.validation.within_year';
  return undefined;
};
