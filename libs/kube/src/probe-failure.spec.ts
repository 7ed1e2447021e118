import { ClusterHealthReasonCode } from '@nprod/domain';
import { describe, expect, it } from 'vitest';
import { describeProbeFailure, summariseMessage } from './probe-failure';

const withCode = (message: string, code: string | number, cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

describe('describeProbeFailure', () => {
  it('names a certificate without the API server address, not Node\'s message ending in an empty list', () => {
    const failure = describeProbeFailure(
      withCode("request to https://10.0.0.5:6443/version failed, reason: Hostname/IP does not match certificate's altnames: IP: 10.0.0.5 is not in the cert's list: ", 'ERR_TLS_CERT_ALTNAME_INVALID'),
    );
    expect(failure).toEqual({
      code: ClusterHealthReasonCode.TlsCertificateNameMismatch,
      reason: 'The API server did not answer: TLS: the certificate does not name the API server address (ERR_TLS_CERT_ALTNAME_INVALID).',
    });
  });

  it('finds the socket error inside the fetch error that wraps it', () => {
    expect(describeProbeFailure(new Error('request failed', { cause: withCode('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN') })).code).toBe(
      ClusterHealthReasonCode.TlsCertificateNotTrusted,
    );
    expect(describeProbeFailure(withCode('connect ECONNREFUSED 10.0.0.5:6443', 'ECONNREFUSED')).code).toBe(ClusterHealthReasonCode.ConnectionRefused);
    expect(describeProbeFailure(withCode('getaddrinfo ENOTFOUND api.kz-1.example', 'ENOTFOUND')).code).toBe(ClusterHealthReasonCode.HostNotFound);
    expect(describeProbeFailure(withCode('certificate has expired', 'CERT_HAS_EXPIRED')).code).toBe(ClusterHealthReasonCode.TlsCertificateExpired);
  });

  it('reports refused credentials by the HTTP status client-node gives', () => {
    expect(describeProbeFailure(withCode('HTTP-Code: 401 Message: Unauthorized', 401))).toEqual({
      code: ClusterHealthReasonCode.CredentialsRejected,
      reason: 'The API server rejected the cluster credentials (HTTP 401).',
    });
  });

  it('keeps only the first sentence of anything else, ending it properly', () => {
    expect(describeProbeFailure(new Error('Something odd happened. Details follow:\n  stack'))).toEqual({
      code: ClusterHealthReasonCode.Other,
      reason: 'The API server did not answer: Something odd happened.',
    });
  });
});

describe('summariseMessage', () => {
  it('cuts at a line, a sentence or a word, and drops a dangling colon', () => {
    expect(summariseMessage("IP: 10.0.0.5 is not in the cert's list: ")).toBe("IP: 10.0.0.5 is not in the cert's list");
    expect(summariseMessage('first line\nsecond line')).toBe('first line');
    const long = summariseMessage(`${'word '.repeat(60)}end`);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('word')).toBe(true);
  });
});
