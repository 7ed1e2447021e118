/**
 * Why a cluster's health probe failed, as a code the console translates; the English
 * `healthReason` beside it is the fallback (and what logs and placement messages say).
 */
export enum ClusterHealthReasonCode {
  /** The API server did not answer within the probe's time limit. */
  Timeout = 'TIMEOUT',
  ConnectionRefused = 'CONNECTION_REFUSED',
  /** The API server's host name does not resolve. */
  HostNotFound = 'HOST_NOT_FOUND',
  /** Reset, unreachable network or host, or a TCP timeout. */
  ConnectionFailed = 'CONNECTION_FAILED',
  /** The certificate is not signed by an authority the credentials trust (or is self-signed). */
  TlsCertificateNotTrusted = 'TLS_CERTIFICATE_NOT_TRUSTED',
  /** The certificate does not name the host or IP address the credentials connect to. */
  TlsCertificateNameMismatch = 'TLS_CERTIFICATE_NAME_MISMATCH',
  /** Expired or not valid yet. */
  TlsCertificateExpired = 'TLS_CERTIFICATE_EXPIRED',
  /** The API server refused the credentials (HTTP 401 or 403). */
  CredentialsRejected = 'CREDENTIALS_REJECTED',
  /** The worker cannot open the stored credentials (wrong key, unreadable kubeconfig). */
  CredentialsUnusable = 'CREDENTIALS_UNUSABLE',
  /** Anything else; only the English reason says what. */
  Other = 'OTHER',
}
