import { describe, expect, it } from 'vitest';
import { auditExportUrl, exportFileName } from './auditExport';

describe('audit export', () => {
  it('puts the range in the query, leaving out open ends', () => {
    expect(auditExportUrl({})).toBe('/audit/export');
    expect(auditExportUrl({ from: '2026-01-01T00:00:00.000Z' })).toBe('/audit/export?from=2026-01-01T00%3A00%3A00.000Z');
    expect(auditExportUrl({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).toBe('/audit/export?from=2026-01-01T00%3A00%3A00Z&to=2026-02-01T00%3A00%3A00Z');
  });

  it("uses the API's file name, or makes one from the range", () => {
    expect(exportFileName('attachment; filename="audit-a-b.jsonl"', {})).toBe('audit-a-b.jsonl');
    expect(exportFileName(null, { from: '2026-01-01T00:00:00Z' })).toBe('audit-2026-01-01T00-00-00Z-now.jsonl');
  });
});
