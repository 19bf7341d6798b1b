import { CancelledError } from '../cancellation';
import { redactText, redactUrl } from './redact';
import type { CertificateInfo, HttpsResult } from './types';

/**
 * Every failure of a call is one of these. `message` (= `userMessage`) is generic and says what
 * to do; `detail` is for the log: technical, and redacted. Neither ever holds a key.
 */
export abstract class HttpsCallError extends Error {
  abstract readonly kind: string;
  readonly userMessage: string;
  readonly detail: string;

  protected constructor(userMessage: string, detail: string) {
    super(userMessage);
    this.userMessage = userMessage;
    this.detail = redactText(detail);
  }
}

/** The request could not be made as asked (a non-https URL, a bad option, an unreadable CA file). */
export class InvalidRequestError extends HttpsCallError {
  readonly kind = 'invalidRequest';
  constructor(userMessage: string, detail = userMessage) {
    super(userMessage, detail);
    this.name = 'InvalidRequestError';
  }
}

export type TlsErrorKind =
  | 'expired'
  | 'notYetValid'
  | 'hostnameMismatch'
  | 'selfSigned'
  | 'unknownCa'
  | 'protocolTooOld'
  | 'pinMismatch'
  | 'invalidCertificate'
  | 'handshakeFailed';

const extraCaHint = 'If a corporate proxy re-signs HTTPS traffic, add its CA certificate as the extra CA file.';

const tlsMessages: Record<TlsErrorKind, (host: string) => string> = {
  expired: () => "The server's certificate has expired — the connection was refused.",
  notYetValid: () => "The server's certificate is not valid yet — the connection was refused. Check this computer's date and time.",
  hostnameMismatch: (host) => `The server's certificate is not valid for ${host} — the connection was refused. Check the base URL.`,
  selfSigned: () => `The server's certificate is self-signed and not trusted — the connection was refused. ${extraCaHint}`,
  unknownCa: () => `The server's certificate was issued by an unknown certificate authority — the connection was refused. ${extraCaHint}`,
  protocolTooOld: () => 'The server offers only TLS versions older than 1.2 — the connection was refused.',
  pinMismatch: (host) => `The server's public key does not match the pins configured for ${host} — the connection was refused. If UCanPay rotated its certificate, update the pins.`,
  invalidCertificate: () => "The server's certificate could not be validated — the connection was refused. See the log for details.",
  handshakeFailed: () => 'The secure connection (TLS handshake) to the server failed — nothing was sent. See the log for details.',
};

/** Validation or handshake failed: nothing was sent over the connection. */
export class TlsError extends HttpsCallError {
  readonly kind = 'tls';
  constructor(
    readonly tlsKind: TlsErrorKind,
    readonly host: string,
    detail: string,
    /** What the server presented, leaf first, when it could be read (for the certificate view). */
    readonly chain?: readonly CertificateInfo[],
  ) {
    super(tlsMessages[tlsKind](host), detail);
    this.name = 'TlsError';
  }
}

export type RedirectReason = 'plainHttp' | 'otherHost' | 'sameHost';

/** Redirects are never followed (not even on the same host); this says where the server pointed. */
export class RedirectRefused extends HttpsCallError {
  readonly kind = 'redirect';
  constructor(
    readonly status: number,
    /** Redacted, absolute. */
    readonly location: string,
    readonly reason: RedirectReason,
    readonly response: HttpsResult,
  ) {
    const where =
      reason === 'plainHttp'
        ? `to plain HTTP (${location})`
        : reason === 'otherHost'
          ? `to another host (${location})`
          : `to ${location}`;
    super(
      `The server redirected the request ${where}. UCanPay Secure does not follow redirects, so nothing was sent there — check the base URL.`,
      `${response.request.method} ${response.request.url} → ${status} Location: ${location} (${reason}); not followed`,
    );
    this.name = 'RedirectRefused';
  }
}

export type CallPhase = 'dns' | 'connect' | 'proxy' | 'tls' | 'response' | 'body';

export class TimeoutError extends HttpsCallError {
  readonly kind = 'timeout';
  constructor(
    readonly timeoutMs: number,
    readonly phase: CallPhase,
    url: string,
  ) {
    super(
      `The server did not answer within ${formatSeconds(timeoutMs)} — the call was stopped. Check your network or proxy, and try again.`,
      `timeout after ${timeoutMs} ms while ${phaseText[phase]} (${redactUrl(url)})`,
    );
    this.name = 'TimeoutError';
  }
}

export class ResponseTooLarge extends HttpsCallError {
  readonly kind = 'tooLarge';
  constructor(
    readonly limitBytes: number,
    /** Announced by Content-Length, or received before the call was stopped. */
    readonly receivedBytes: number,
    readonly announced: boolean,
    url: string,
  ) {
    super(
      `The response is larger than ${formatBytes(limitBytes)}, the limit for a response — the call was stopped.`,
      `response body over the ${limitBytes}-byte cap: ${receivedBytes} bytes ${announced ? 'announced by Content-Length' : 'received before stopping'} from ${redactUrl(url)}`,
    );
    this.name = 'ResponseTooLarge';
  }
}

export interface ApiErrorBody {
  readonly type?: string;
  readonly code?: string;
  readonly message?: string;
}

export type HttpStatusKind = 'unauthorized' | 'forbidden' | 'notFound' | 'rateLimited' | 'server' | 'client';

/** The server answered with 4xx or 5xx. `response` has everything (redacted) for the result view. */
export class HttpStatusError extends HttpsCallError {
  readonly kind = 'status';
  readonly statusKind: HttpStatusKind;
  constructor(
    readonly status: number,
    readonly apiError: ApiErrorBody | undefined,
    /** From Retry-After, in seconds (429 and 503). */
    readonly retryAfterSeconds: number | undefined,
    readonly response: HttpsResult,
  ) {
    const statusKind: HttpStatusKind =
      status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'notFound' : status === 429 ? 'rateLimited' : status >= 500 ? 'server' : 'client';
    // Only an identifier-like code reaches the user message; the server's prose goes to the log.
    const ref = [apiError?.code, apiError?.type].find((value) => value !== undefined && /^[A-Za-z0-9_.-]{1,64}$/.test(value));
    const user: Record<HttpStatusKind, string> = {
      unauthorized: 'UCanPay did not accept the API key (401). Check that the key for this environment is current, or set it again.',
      forbidden: 'The API key is not allowed to make this call (403). Check the key’s permissions in the UCanPay dashboard.',
      notFound: 'UCanPay has no such resource (404). Check the id, and the base URL.',
      rateLimited: `UCanPay is limiting the rate of calls (429). Try again ${retryAfterSeconds !== undefined ? `in ${formatSeconds(retryAfterSeconds * 1000)}` : 'in a little while'}.`,
      server: `UCanPay had a server error (${status}). Try again later; if it persists, check UCanPay's status page.`,
      client: `UCanPay refused the request (${status}${ref ? `, ${ref}` : ''}). Check the request body; details are in the log.`,
    };
    super(
      user[statusKind],
      `${response.request.method} ${response.request.url} → ${status} ${response.statusText}` +
        (apiError ? ` error type=${apiError.type ?? '-'} code=${apiError.code ?? '-'} message=${JSON.stringify(apiError.message ?? '')}` : '') +
        (retryAfterSeconds !== undefined ? ` retry-after=${retryAfterSeconds}s` : ''),
    );
    this.statusKind = statusKind;
    this.name = 'HttpStatusError';
  }
}

export type NetworkErrorKind = 'dns' | 'refused' | 'reset' | 'unreachable' | 'other';

export class NetworkError extends HttpsCallError {
  readonly kind = 'network';
  constructor(
    readonly networkKind: NetworkErrorKind,
    host: string,
    detail: string,
  ) {
    const user: Record<NetworkErrorKind, string> = {
      dns: `The host name ${host} could not be found. Check the base URL and your network.`,
      refused: `The connection to ${host} was refused. Check the base URL, and that the server is running.`,
      reset: `The connection to ${host} was closed unexpectedly. Try again; if it persists, check your network or proxy.`,
      unreachable: `${host} cannot be reached from this computer. Check your network or proxy.`,
      other: `The connection to ${host} failed. See the log for details.`,
    };
    super(user[networkKind], detail);
    this.name = 'NetworkError';
  }
}

export class ProxyError extends HttpsCallError {
  readonly kind = 'proxy';
  constructor(
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      status === 407
        ? 'The proxy asked for credentials (407). Check the proxy settings.'
        : `The proxy did not open a tunnel to the server${status ? ` (${status})` : ''}. Check the proxy settings.`,
      detail,
    );
    this.name = 'ProxyError';
  }
}

/** `{ userMessage, detail }` for anything a call can throw, including cancellation and bugs. */
export function describeError(error: unknown): { userMessage: string; detail: string } {
  if (error instanceof HttpsCallError) {
    return { userMessage: error.userMessage, detail: error.detail };
  }
  if (error instanceof CancelledError) {
    return { userMessage: 'The call was cancelled.', detail: 'cancelled by the user' };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { userMessage: 'The call failed unexpectedly. See the log for details.', detail: redactText(detail) };
}

const phaseText: Record<CallPhase, string> = {
  dns: 'resolving the host name',
  connect: 'connecting',
  proxy: 'opening the proxy tunnel',
  tls: 'in the TLS handshake',
  response: 'waiting for the response',
  body: 'reading the response body',
};

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} second${s === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
