import { ClusterHealthReasonCode } from '@nprod/domain';

export interface ProbeFailure {
  readonly code: ClusterHealthReasonCode;
  /** One English sentence, for operators and logs; the console shows a translation of `code` instead. */
  readonly reason: string;
}

/** Node's error codes (on the error or any `cause`) by what they mean to an operator. */
const BY_ERROR_CODE: ReadonlyArray<[ClusterHealthReasonCode, readonly string[], string]> = [
  [ClusterHealthReasonCode.ConnectionRefused, ['ECONNREFUSED'], 'the API server refused the connection'],
  [ClusterHealthReasonCode.HostNotFound, ['ENOTFOUND', 'EAI_AGAIN'], 'the API server host name does not resolve'],
  [ClusterHealthReasonCode.ConnectionFailed, ['ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE'], 'the connection to the API server failed'],
  [ClusterHealthReasonCode.TlsCertificateNameMismatch, ['ERR_TLS_CERT_ALTNAME_INVALID'], 'TLS: the certificate does not name the API server address'],
  [ClusterHealthReasonCode.TlsCertificateExpired, ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'], 'TLS: the certificate has expired or is not valid yet'],
  [
    ClusterHealthReasonCode.TlsCertificateNotTrusted,
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED'],
    'TLS: the certificate is not trusted by the cluster credentials',
  ],
];

const MAX_DETAIL = 200;

/** Errors and their causes, outermost first (fetch wraps the socket's error). */
function chain(error: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (let current = error; typeof current === 'object' && current !== null && found.length < 5; current = (current as { cause?: unknown }).cause) {
    found.push(current as Record<string, unknown>);
  }
  return found;
}

/**
 * The first sentence or line of a message, at most MAX_DETAIL characters cut at a word, with
 * no closing punctuation for the caller to add its own, and no trailing ":" (Node ends some
 * messages with an empty list, e.g. "... is not in the cert's list: ").
 */
export function summariseMessage(message: string): string {
  const firstLine = message.trim().split(/\r?\n/, 1)[0];
  const sentence = /^(.*?)[.!?](\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  const wordEnd = sentence.lastIndexOf(' ', MAX_DETAIL);
  const short = sentence.length > MAX_DETAIL ? sentence.slice(0, wordEnd > 0 ? wordEnd : MAX_DETAIL) : sentence;
  return short.replace(/[\s.:;,]+$/, '');
}

/** Why the probe of an API server failed: a code for the console and an English sentence. */
export function describeProbeFailure(error: unknown): ProbeFailure {
  const errors = chain(error);
  const codes = new Set(errors.map((candidate) => candidate.code).filter((code) => code !== undefined).map(String));
  for (const [code, nodeCodes, reason] of BY_ERROR_CODE) {
    const matched = nodeCodes.find((nodeCode) => codes.has(nodeCode));
    if (matched) return { code, reason: `The API server did not answer: ${reason} (${matched}).` };
  }
  // @kubernetes/client-node's ApiException carries the HTTP status as `code`.
  const status = errors.map((candidate) => candidate.code).find((code) => code === 401 || code === 403);
  if (status) return { code: ClusterHealthReasonCode.CredentialsRejected, reason: `The API server rejected the cluster credentials (HTTP ${status}).` };
  const message = error instanceof Error ? error.message : String(error);
  return { code: ClusterHealthReasonCode.Other, reason: `The API server did not answer: ${summariseMessage(message) || 'unknown error'}.` };
}
