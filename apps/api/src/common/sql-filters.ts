const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not UUIDs cannot match a row; dropping them keeps PostgreSQL from failing the cast. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Escapes LIKE wildcards so a search for "50%" matches the text, not everything. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
