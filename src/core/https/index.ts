/**
 * The HTTPS client's public surface, for the extension's test-call commands and the CLI.
 * UCanPay-level calls (ping, account, endpoints, Test Connection) are in ../api/calls.
 */
export { defaultMaxBodyBytes, defaultTimeoutMs, httpsRequest, inspectTls, strictSslWarning } from './client';
export {
  describeError,
  HttpsCallError,
  HttpStatusError,
  InvalidRequestError,
  NetworkError,
  ProxyError,
  RedirectRefused,
  ResponseTooLarge,
  TimeoutError,
  TlsError,
  type ApiErrorBody,
  type CallPhase,
  type HttpStatusKind,
  type NetworkErrorKind,
  type RedirectReason,
  type TlsErrorKind,
} from './errors';
export { luhnValid, REDACTED, redactHeaders, redactText, redactUrl } from './redact';
export { parseCaPem, readCaFile, trustedCas } from './trust';
export { expiryWarningDays, normalizePins } from './certificates';
export type * from './types';
