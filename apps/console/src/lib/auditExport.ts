/**
 * Downloads a range of the audit trail as JSON Lines. The export is a plain HTTP route that
 * needs the bearer token, so a link cannot carry it: fetch it and save the answer as a file.
 */
import { getAccessToken, readSession, refreshSession } from './session';

export const AUDIT_EXPORT_PATH = '/audit/export';

export interface ExportRange {
  /** ISO 8601 instants; either may be absent (the whole trail up to now). */
  from?: string;
  to?: string;
}

export const auditExportUrl = ({ from, to }: ExportRange): string => {
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const search = query.toString();
  return search ? `${AUDIT_EXPORT_PATH}?${search}` : AUDIT_EXPORT_PATH;
};

/** The file name the API suggests, or one made from the range. */
export const exportFileName = (contentDisposition: string | null, range: ExportRange): string => {
  const suggested = /filename="([^"]+)"/.exec(contentDisposition ?? '')?.[1];
  if (suggested) return suggested;
  const part = (instant: string | undefined, fallback: string) => (instant ? instant.replace(/[:]/g, '-') : fallback);
  return `audit-${part(range.from, 'start')}-${part(range.to, 'now')}.jsonl`;
};

export class AuditExportError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'AuditExportError';
  }
}

const request = async (url: string, token: string | undefined) =>
  fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: 'no-store' });

/** Fetches the export with the session's token (refreshing it once if it expired) and saves it. */
export const downloadAuditExport = async (range: ExportRange): Promise<{ fileName: string; bytes: number }> => {
  const url = auditExportUrl(range);
  let response = await request(url, await getAccessToken());
  if (response.status === 401 && (await refreshSession())) response = await request(url, readSession()?.accessToken);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string; code?: string };
    throw new AuditExportError(body.message ?? `HTTP ${response.status}`, response.status, body.code);
  }
  const blob = await response.blob();
  const fileName = exportFileName(response.headers.get('content-disposition'), range);
  const href = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = href;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
  return { fileName, bytes: blob.size };
};
