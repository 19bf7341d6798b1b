import { randomUUID, type X509Certificate } from 'crypto';
import type { EventEmitter } from 'events';
import * as http from 'http';
import * as net from 'net';
import * as tls from 'tls';
import { environments, isUnderBaseUrl, normalizeBaseUrl } from '../api/environments';
import { checkKey } from '../keys/keyFormat';
import { CancelledError, onCancelled, throwIfCancelled, type CancellationToken, type Disposable } from '../cancellation';
import { certificateInfo, checkPins, daysToExpiry, expiryWarning, normalizePins, parseHsts, peerChain } from './certificates';
import {
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
  type NetworkErrorKind,
  type RedirectReason,
  type TlsErrorKind,
} from './errors';
import { redactHeaders, redactText, redactUrl } from './redact';
import { secureContextFor, trustedCas } from './trust';
import type {
  AuthorizationOutcome,
  CertificateInfo,
  HttpsCallOptions,
  HttpsRequest,
  HttpsResult,
  PinResult,
  RequestSummary,
  Timings,
  TlsInspection,
  TlsReport,
} from './types';

export const defaultTimeoutMs = 15_000;
export const defaultMaxBodyBytes = 1024 * 1024;
export const strictSslWarning = "VS Code's http.proxyStrictSSL is false; UCanPay Secure still validates certificates.";

/**
 * One HTTPS request with validation that cannot be turned off: TLS 1.2+, chain and host name
 * checked against Node's roots plus the extra CAs, pins checked after that, redirects reported
 * and never followed, body capped, whole call under one timeout, cancellable. The key is
 * attached only under its environment's base URL. Everything returned is redacted.
 *
 * Throws HttpsCallError subclasses (see errors.ts) or CancelledError.
 */
export async function httpsRequest(request: HttpsRequest, options: HttpsCallOptions, token: CancellationToken): Promise<HttpsResult> {
  throwIfCancelled(token);
  const target = prepareTarget(request.url, options);
  const prepared = prepareRequest(request, target.url, options);
  const call = new Call(target, options, token);
  try {
    const connection = await call.connect();
    return await call.exchange(connection, prepared);
  } finally {
    call.dispose();
  }
}

/** Connects and validates exactly as a request would, reports the TLS facts, sends nothing. */
export async function inspectTls(url: string, options: HttpsCallOptions, token: CancellationToken): Promise<TlsInspection> {
  throwIfCancelled(token);
  const target = prepareTarget(url, options);
  const call = new Call(target, options, token);
  try {
    const connection = await call.connect();
    const timings: Timings = { ...connection.timings, totalMs: call.elapsed() };
    const warnings = [...baseWarnings(options), ...(connection.tls.expiryWarning ? [connection.tls.expiryWarning] : [])];
    return { url: redactUrl(target.url.href), tls: connection.tls, timings, warnings };
  } finally {
    call.dispose();
  }
}

interface Target {
  readonly url: URL;
  /** Without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  readonly pins?: readonly string[];
  readonly ca: readonly string[];
  readonly proxy?: { readonly host: string; readonly port: number; readonly authorization?: string; readonly display: string };
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

function prepareTarget(urlText: string, options: HttpsCallOptions): Target {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new InvalidRequestError('The request URL is not valid. Check the base URL.', `invalid URL ${redactUrl(urlText)}`);
  }
  // Checked before anything touches the network: only https, and no credentials in the URL.
  if (url.protocol !== 'https:') {
    throw new InvalidRequestError(`Only HTTPS URLs can be called; ${url.protocol.replace(':', '')} was refused and nothing was sent.`, `refused scheme ${url.protocol} in ${redactUrl(urlText)}`);
  }
  if (url.username || url.password) {
    throw new InvalidRequestError('The URL must not contain a user name or password; nothing was sent.', `credentials in URL ${redactUrl(urlText)}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const configuredPins = options.pins?.[host];
  let pins: string[] | undefined;
  if (configuredPins && configuredPins.length) {
    const normalized = normalizePins(host, configuredPins);
    if (typeof normalized === 'string') {
      throw new InvalidRequestError(normalized);
    }
    pins = normalized;
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!(timeoutMs > 0) || !(maxBodyBytes > 0)) {
    throw new InvalidRequestError('The timeout and the response size limit must be positive.');
  }
  return {
    url,
    host,
    port: url.port ? Number(url.port) : 443,
    pins,
    ca: trustedCas(options.extraCaPem),
    proxy: prepareProxy(host, options),
    timeoutMs,
    maxBodyBytes,
  };
}

function prepareProxy(host: string, options: HttpsCallOptions): Target['proxy'] {
  const proxy = options.proxy;
  if (!proxy?.url.trim()) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(proxy.url.trim());
  } catch {
    throw new InvalidRequestError('The proxy URL is not valid. Check the proxy settings.', `invalid proxy URL ${redactUrl(proxy.url)}`);
  }
  if (url.protocol !== 'http:') {
    throw new InvalidRequestError(
      `Only http:// proxies are supported (the connection through them is still TLS to the server); ${url.protocol.replace(':', '')} was refused.`,
      `unsupported proxy scheme in ${redactUrl(proxy.url)}`,
    );
  }
  const bypass = (proxy.noProxy ?? []).some((entry) => {
    const e = entry.trim().toLowerCase().replace(/:\d+$/, '');
    if (e === '*') return true;
    const bare = e.replace(/^\*?\./, '');
    return bare !== '' && (host === bare || host.endsWith(`.${bare}`));
  });
  if (bypass) {
    return undefined;
  }
  const authorization = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 80, authorization, display: redactUrl(url.href) };
}

interface PreparedRequest {
  readonly method: HttpsRequest['method'];
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  readonly summary: RequestSummary;
  readonly authorization: AuthorizationOutcome;
  readonly idempotencyKey?: string;
  readonly warnings: string[];
}

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const reservedHeaders = new Set(['authorization', 'proxy-authorization', 'host', 'content-length', 'connection', 'transfer-encoding', 'te', 'upgrade']);

function prepareRequest(request: HttpsRequest, url: URL, options: HttpsCallOptions): PreparedRequest {
  const headers: Record<string, string> = {
    host: url.host,
    'user-agent': options.userAgent ?? 'UCanPay-Secure',
    accept: 'application/json',
    connection: 'close',
  };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!headerName.test(name) || /[\r\n\0]/.test(value)) {
      throw new InvalidRequestError(`The header ${JSON.stringify(name)} is not valid; nothing was sent.`);
    }
    if (reservedHeaders.has(lower)) {
      throw new InvalidRequestError(`The header ${name} is set by UCanPay Secure itself; nothing was sent.`);
    }
    headers[lower] = value;
  }
  let body: Buffer | undefined;
  if (request.body !== undefined) {
    if (request.method === 'GET') {
      throw new InvalidRequestError('A GET request cannot have a body; nothing was sent.');
    }
    try {
      JSON.parse(request.body);
    } catch (error) {
      throw new InvalidRequestError('The request body is not valid JSON; nothing was sent. Fix the body and try again.', `body is not JSON: ${(error as Error).message}`);
    }
    body = Buffer.from(request.body, 'utf8');
    headers['content-type'] ??= 'application/json';
  }
  if (request.method !== 'GET') {
    headers['content-length'] = String(body?.length ?? 0);
  }
  let idempotencyKey: string | undefined;
  if (request.method === 'POST') {
    headers['idempotency-key'] ??= randomUUID();
    idempotencyKey = headers['idempotency-key'];
  }
  const warnings: string[] = [];
  let authorization: AuthorizationOutcome = 'notRequested';
  const credential = request.credential;
  if (credential) {
    const format = checkKey(credential.environment, credential.key);
    if (!format.ok) {
      throw new InvalidRequestError(`The ${environments[credential.environment].label.toLowerCase()} key is not usable: ${format.message} Set the key again; nothing was sent.`);
    }
    const base = normalizeBaseUrl(credential.baseUrl);
    if (typeof base !== 'string' && isUnderBaseUrl(url, base.href)) {
      headers.authorization = `Bearer ${credential.key}`;
      authorization = 'sent';
    } else {
      authorization = 'withheld';
      warnings.push(
        `The API key was not sent: ${redactUrl(url.href)} is not under the ${environments[credential.environment].label.toLowerCase()} base URL ${typeof base === 'string' ? '(invalid)' : redactUrl(base.href)}.`,
      );
    }
  }
  const summary: RequestSummary = {
    method: request.method,
    url: redactUrl(url.href),
    headers: redactHeaders(headers),
    body: request.body === undefined ? undefined : redactText(request.body),
  };
  return { method: request.method, path: `${url.pathname}${url.search}`, headers, body, summary, authorization, idempotencyKey, warnings };
}

function baseWarnings(options: HttpsCallOptions): string[] {
  return options.strictSSLDisabledByUser ? [strictSslWarning] : [];
}

interface Connection {
  readonly socket: tls.TLSSocket;
  readonly tls: TlsReport;
  readonly timings: Omit<Timings, 'totalMs' | 'firstByteMs'>;
}

interface Destroyable {
  destroy(): void;
}

const pinMismatchCode = 'UCANPAY_PIN_MISMATCH';

/** One call's lifetime: its sockets, its deadline, its cancellation. Whatever fails first wins. */
class Call {
  private readonly start = performance.now();
  private phase: CallPhase = 'dns';
  private readonly sockets: Destroyable[] = [];
  private failure: Error | undefined;
  private rejectAborted: (error: Error) => void = () => undefined;
  private readonly aborted: Promise<never>;
  private readonly timer: NodeJS.Timeout;
  private readonly cancellation: Disposable;

  constructor(
    private readonly target: Target,
    private readonly options: HttpsCallOptions,
    token: CancellationToken,
  ) {
    this.aborted = new Promise<never>((_, reject) => {
      this.rejectAborted = reject;
    });
    this.aborted.catch(() => undefined);
    this.timer = setTimeout(() => this.abort(new TimeoutError(target.timeoutMs, this.phase, target.url.href)), target.timeoutMs);
    this.cancellation = onCancelled(token, () => this.abort(new CancelledError()));
  }

  elapsed(since = this.start): number {
    return round(performance.now() - since);
  }

  private abort(error: Error): void {
    if (this.failure) {
      return;
    }
    this.failure = error;
    for (const socket of [...this.sockets].reverse()) {
      socket.destroy();
    }
    this.rejectAborted(error);
  }

  private track<T extends Destroyable & EventEmitter>(socket: T): T {
    // Failures are observed by the step that is waiting; a late second 'error' must not crash
    // the host (an EventEmitter without an 'error' listener throws).
    socket.on('error', () => undefined);
    this.sockets.push(socket);
    if (this.failure) {
      socket.destroy();
    }
    return socket;
  }

  private untrack(socket: Destroyable): void {
    const index = this.sockets.indexOf(socket);
    if (index >= 0) {
      this.sockets.splice(index, 1);
    }
  }

  /** Waits for `executor`'s outcome unless the call is aborted first; a rejection aborts the call. */
  private async step<T>(executor: (resolve: (value: T) => void, reject: (error: Error) => void) => void): Promise<T> {
    if (this.failure) {
      throw this.failure;
    }
    try {
      return await Promise.race([new Promise<T>(executor), this.aborted]);
    } catch (error) {
      this.abort(error as Error);
      throw this.failure ?? error;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.cancellation.dispose();
    for (const socket of [...this.sockets].reverse()) {
      socket.destroy();
    }
    this.failure ??= new Error('call finished');
  }

  async connect(): Promise<Connection> {
    const { target } = this;
    const tcpHost = target.proxy?.host ?? target.host;
    const tcpPort = target.proxy?.port ?? target.port;
    const hostLabel = target.proxy ? `proxy ${target.proxy.display}` : `${target.host}:${target.port}`;
    let dnsDone: number | undefined;
    this.phase = net.isIP(tcpHost) ? 'connect' : 'dns';
    const tcp = this.track(net.connect({ host: tcpHost, port: tcpPort }));
    tcp.once('lookup', () => {
      dnsDone = performance.now();
      this.phase = 'connect';
    });
    await this.step<void>((resolve, reject) => {
      tcp.once('connect', () => resolve());
      tcp.once('error', (error) => reject(networkError(error, target.proxy ? `the proxy ${target.proxy.host}` : target.host, `connecting to ${hostLabel}`)));
    });
    const connected = performance.now();
    const dnsMs = dnsDone === undefined ? undefined : round(dnsDone - this.start);
    const connectMs = round(connected - (dnsDone ?? this.start));

    let proxyMs: number | undefined;
    if (target.proxy) {
      this.phase = 'proxy';
      await this.openTunnel(tcp);
      proxyMs = this.elapsed(connected);
    }

    this.phase = 'tls';
    const tlsStart = performance.now();
    let pin: PinResult = { status: 'notConfigured' };
    let presented: readonly CertificateInfo[] | undefined;
    // From here the TLS socket owns the TCP one: destroying that one underneath a live TLS socket
    // crashes Node (a use-after-free), so only the TLS socket is destroyed from now on.
    this.untrack(tcp);
    const socket = this.track(
      tls.connect({
        socket: tcp,
        host: target.host,
        servername: net.isIP(target.host) ? undefined : target.host,
        // The trusted CAs and the TLS 1.2 floor live in the (memoised) context.
        secureContext: secureContextFor(target.ca),
        minVersion: 'TLSv1.2',
        // Explicit, so that an environment variable that turns validation off process-wide changes nothing.
        rejectUnauthorized: true,
        ALPNProtocols: ['http/1.1'],
        checkServerIdentity: (host, certificate) => {
          // Node's host name check first; pins only add a check on top of it.
          const identityError = tls.checkServerIdentity(host, certificate);
          if (identityError) {
            return identityError;
          }
          const chain = peerChain(certificate);
          pin = checkPins(chain, target.pins);
          if (pin.status === 'mismatch') {
            presented = chain.map(certificateInfo);
            return Object.assign(new Error(`SPKI pin mismatch for ${host}: expected one of ${pin.expected.join(', ')}; chain has ${pin.presented.join(', ')}`), {
              code: pinMismatchCode,
            });
          }
          return undefined;
        },
      }),
    );
    // Best effort, for the error report only: the chain the server presented, read before Node
    // rejects it ('secure' is emitted just before the verification that may destroy the socket).
    socket.prependListener('secure', () => {
      try {
        presented ??= peerChain(socket.getPeerCertificate(true)).map(certificateInfo);
      } catch {
        // The facts are a nicety; the refusal does not depend on them.
      }
    });
    await this.step<void>((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', (error) => reject(tlsError(error, target.host, target.port, presented)));
      socket.once('close', () => reject(new TlsError('handshakeFailed', target.host, `connection to ${target.host}:${target.port} closed during the TLS handshake`, presented)));
    });
    const tlsMs = this.elapsed(tlsStart);

    const chain: X509Certificate[] = peerChain(socket.getPeerCertificate(true));
    const infos = chain.map(certificateInfo);
    const leaf = infos[0];
    const days = leaf ? daysToExpiry(leaf.validTo) : 0;
    const cipher = socket.getCipher();
    const report: TlsReport = {
      host: target.host,
      port: target.port,
      protocol: socket.getProtocol() ?? 'unknown',
      cipher: cipher.standardName ?? cipher.name,
      chain: infos,
      daysToExpiry: days,
      expiryWarning: leaf ? expiryWarning(days, leaf.validTo) : undefined,
      pin,
      viaProxy: Boolean(target.proxy),
    };
    return { socket, tls: report, timings: { dnsMs, connectMs, proxyMs, tlsMs } };
  }

  private async openTunnel(tcp: net.Socket): Promise<void> {
    const { target } = this;
    const proxy = target.proxy!;
    const authority = net.isIPv6(target.host) ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
    const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
    if (proxy.authorization) {
      lines.push(`Proxy-Authorization: ${proxy.authorization}`);
    }
    tcp.write(`${lines.join('\r\n')}\r\n\r\n`);
    await this.step<void>((resolve, reject) => {
      let buffered = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffered.length > 16 * 1024) {
            cleanup();
            reject(new ProxyError(undefined, `proxy ${proxy.display} sent over 16 KiB of headers for CONNECT ${authority}`));
          }
          return;
        }
        cleanup();
        const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
        if (status !== 200) {
          reject(new ProxyError(Number.isNaN(status) ? undefined : status, `proxy ${proxy.display} answered CONNECT ${authority} with ${JSON.stringify(statusLine.slice(0, 200))}`));
          return;
        }
        tcp.pause();
        const rest = buffered.subarray(end + 4);
        if (rest.length) {
          tcp.unshift(rest);
        }
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(new ProxyError(undefined, `proxy ${proxy.display}: ${(error as NodeJS.ErrnoException).code ?? error.message} during CONNECT ${authority}`));
      };
      const onClose = () => {
        cleanup();
        reject(new ProxyError(undefined, `proxy ${proxy.display} closed the connection during CONNECT ${authority}`));
      };
      const cleanup = () => {
        tcp.off('data', onData);
        tcp.off('error', onError);
        tcp.off('close', onClose);
      };
      tcp.on('data', onData);
      tcp.once('error', onError);
      tcp.once('close', onClose);
    });
  }

  async exchange(connection: Connection, prepared: PreparedRequest): Promise<HttpsResult> {
    const { target } = this;
    this.phase = 'response';
    // `new http.ClientRequest`, not `http.request`: VS Code's extension host patches the module's
    // request functions to route through its own proxy agent, which would drop our validated
    // socket and connect again, unvalidated and to the wrong port. The class is not patched.
    const request = this.track(
      new http.ClientRequest({
        createConnection: () => connection.socket,
        method: prepared.method,
        path: prepared.path,
        headers: prepared.headers,
        setHost: false,
      }),
    );
    const sent = performance.now();
    const response = await this.step<http.IncomingMessage>((resolve, reject) => {
      request.once('response', resolve);
      request.once('error', (error) => reject(networkError(error, target.host, 'waiting for the response')));
      request.end(prepared.body);
    });
    const firstByteMs = this.elapsed(sent);
    const status = response.statusCode ?? 0;
    const headers = redactHeaders(response.headers);
    const warnings = [...baseWarnings(this.options), ...(connection.tls.expiryWarning ? [connection.tls.expiryWarning] : []), ...prepared.warnings];
    const tlsReport: TlsReport = { ...connection.tls, hsts: parseHsts(response.headers['strict-transport-security']) };
    const result = (body: Buffer): HttpsResult => {
      const text = redactText(body.toString('utf8'));
      let json: unknown;
      if (/json/i.test(response.headers['content-type'] ?? '') || /^\s*[{[]/.test(text)) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return {
        request: prepared.summary,
        status,
        statusText: response.statusMessage ?? '',
        headers,
        body: text,
        json,
        bodyBytes: body.length,
        timings: { ...connection.timings, firstByteMs, totalMs: this.elapsed() },
        tls: tlsReport,
        authorization: prepared.authorization,
        idempotencyKey: prepared.idempotencyKey,
        warnings,
      };
    };

    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      // Not followed, whatever the target: the key must not travel, and the user should fix the URL.
      let absolute: URL | undefined;
      try {
        absolute = new URL(location, target.url);
      } catch {
        absolute = undefined;
      }
      const reason: RedirectReason = !absolute || absolute.protocol !== 'https:' ? 'plainHttp' : absolute.host !== target.url.host ? 'otherHost' : 'sameHost';
      response.destroy();
      throw new RedirectRefused(status, redactUrl(absolute?.href ?? location), reason, result(Buffer.alloc(0)));
    }

    this.phase = 'body';
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > target.maxBodyBytes) {
      response.destroy();
      throw this.fail(new ResponseTooLarge(target.maxBodyBytes, declared, true, target.url.href));
    }
    const body = await this.step<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > target.maxBodyBytes) {
          reject(new ResponseTooLarge(target.maxBodyBytes, received, false, target.url.href));
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.once('end', () => resolve(Buffer.concat(chunks)));
      response.once('aborted', () => reject(new NetworkError('reset', target.host, `connection closed while reading the body from ${redactUrl(target.url.href)}`)));
      response.once('error', (error) => reject(networkError(error, target.host, 'reading the response body')));
    });
    const final = result(body);
    if (status >= 400) {
      throw new HttpStatusError(status, apiError(final.json), retryAfter(response.headers['retry-after']), final);
    }
    return final;
  }

  private fail(error: Error): Error {
    this.abort(error);
    return error;
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function errorCode(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException & { errors?: Array<NodeJS.ErrnoException> };
  return e.code ?? e.errors?.find((inner) => inner.code)?.code;
}

function networkError(error: Error, host: string, doing: string): NetworkError {
  const code = errorCode(error);
  const kind: NetworkErrorKind =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME'
      ? 'dns'
      : code === 'ECONNREFUSED'
        ? 'refused'
        : code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED'
          ? 'reset'
          : code === 'ENETUNREACH' || code === 'EHOSTUNREACH'
            ? 'unreachable'
            : 'other';
  return new NetworkError(kind, host, `${code ?? error.name} while ${doing}: ${error.message}`);
}

const tlsKinds: Readonly<Record<string, TlsErrorKind>> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostnameMismatch',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'unknownCa',
  UNABLE_TO_GET_ISSUER_CERT: 'unknownCa',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownCa',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownCa',
  CERT_UNTRUSTED: 'unknownCa',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'protocolTooOld',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'protocolTooOld',
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: 'protocolTooOld',
  ERR_SSL_VERSION_TOO_LOW: 'protocolTooOld',
  [pinMismatchCode]: 'pinMismatch',
  CERT_REVOKED: 'invalidCertificate',
  CERT_SIGNATURE_FAILURE: 'invalidCertificate',
  CERT_CHAIN_TOO_LONG: 'invalidCertificate',
  INVALID_CA: 'invalidCertificate',
  INVALID_PURPOSE: 'invalidCertificate',
  CERT_REJECTED: 'invalidCertificate',
};

function tlsError(error: Error, host: string, port: number, chain: readonly CertificateInfo[] | undefined): TlsError | NetworkError {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return networkError(error, host, 'in the TLS handshake');
  }
  const kind: TlsErrorKind = (code ? tlsKinds[code] : undefined) ?? 'handshakeFailed';
  const leaf = chain?.[0];
  const facts = leaf ? `; leaf ${leaf.subject} issued by ${leaf.issuer}, valid ${leaf.validFrom} to ${leaf.validTo}` : '';
  return new TlsError(kind, host, `TLS ${code ?? 'error'} from ${host}:${port}: ${error.message}${facts}`, chain);
}

function apiError(json: unknown): ApiErrorBody | undefined {
  const error = (json as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const e = error as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 500) : undefined);
  return { type: text(e.type), code: text(e.code), message: text(e.message) };
}

function retryAfter(header: string | undefined): number | undefined {
  if (!header) {
    return undefined;
  }
  if (/^\s*\d{1,9}\s*$/.test(header)) {
    return Number(header);
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
