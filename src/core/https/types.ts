import type { EnvironmentId } from '../api/environments';
import type { HttpMethod } from '../api/endpoints';

/**
 * Options of a call, from the host's settings. None of them can weaken validation: the CA list
 * only grows, pins only add a check, a proxy only changes the route.
 */
export interface HttpsCallOptions {
  /** Whole call, from the first DNS lookup to the last body byte. Default 15 000. */
  readonly timeoutMs?: number;
  /** Response body cap; the call fails beyond it. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Extra trusted CA certificates (PEM), e.g. from `readCaFile`: added to Node's roots. */
  readonly extraCaPem?: readonly string[];
  /** Host name (lower case, no port) → base64 SHA-256 digests of an SPKI in the chain. */
  readonly pins?: Readonly<Record<string, readonly string[]>>;
  /** A forward proxy (`http://[user:pass@]host:port`), e.g. VS Code's `http.proxy`. */
  readonly proxy?: ProxyOptions;
  /** VS Code's `http.proxyStrictSSL` is false: it changes nothing here but a warning in the result. */
  readonly strictSSLDisabledByUser?: boolean;
  readonly userAgent?: string;
}

export interface ProxyOptions {
  readonly url: string;
  /** Hosts reached directly (`example.com`, `.example.com`, `*`). */
  readonly noProxy?: readonly string[];
}

/** The key and where it may go: it is attached only to URLs under `baseUrl`. */
export interface Credential {
  readonly key: string;
  readonly environment: EnvironmentId;
  readonly baseUrl: string;
}

export interface HttpsRequest {
  readonly method: HttpMethod;
  readonly url: string;
  /** Extra headers; `Authorization`, `Proxy-Authorization` and `Host` are refused (use `credential`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON text, sent as `application/json`. */
  readonly body?: string;
  readonly credential?: Credential;
}

export interface Timings {
  /** Host name lookup; absent for an IP address. With a proxy: the proxy's name. */
  readonly dnsMs?: number;
  /** TCP connect (to the proxy, with one). */
  readonly connectMs: number;
  /** CONNECT round trip, with a proxy. */
  readonly proxyMs?: number;
  readonly tlsMs: number;
  /** From the request sent to the first response byte (absent for a TLS inspection). */
  readonly firstByteMs?: number;
  readonly totalMs: number;
}

export interface CertificateInfo {
  readonly subject: string;
  readonly subjectCN?: string;
  readonly issuer: string;
  readonly issuerCN?: string;
  /** ISO 8601. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltNames: readonly string[];
  /** Base64 SHA-256 of the DER SubjectPublicKeyInfo: the value a pin compares with. */
  readonly spkiSha256: string;
  /** SHA-256 of the certificate, colon-separated hex. */
  readonly fingerprintSha256: string;
  readonly serialNumber: string;
  readonly isCA: boolean;
  readonly selfSigned: boolean;
}

export type PinResult =
  | { readonly status: 'notConfigured' }
  | { readonly status: 'matched'; readonly pin: string; readonly certificate: string }
  | { readonly status: 'mismatch'; readonly expected: readonly string[]; readonly presented: readonly string[] };

export interface HstsInfo {
  readonly header: string;
  readonly maxAgeSeconds?: number;
  readonly includeSubDomains: boolean;
  readonly preload: boolean;
}

export interface TlsReport {
  readonly host: string;
  readonly port: number;
  /** E.g. `TLSv1.3`. */
  readonly protocol: string;
  /** OpenSSL / IANA names, e.g. `TLS_AES_256_GCM_SHA384`. */
  readonly cipher: string;
  /** Leaf first, up to the root the chain was validated against. */
  readonly chain: readonly CertificateInfo[];
  /** Of the leaf; negative once expired. */
  readonly daysToExpiry: number;
  /** Set when the leaf expires in under 30 days. */
  readonly expiryWarning?: string;
  readonly pin: PinResult;
  /** From the response's Strict-Transport-Security header (absent for a TLS inspection). */
  readonly hsts?: HstsInfo;
  readonly viaProxy: boolean;
}

export interface RequestSummary {
  readonly method: HttpMethod;
  /** Redacted. */
  readonly url: string;
  /** Redacted: `authorization: Bearer [REDACTED]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Redacted. */
  readonly body?: string;
}

export type AuthorizationOutcome = 'sent' | 'notRequested' | 'withheld';

export interface HttpsResult {
  readonly request: RequestSummary;
  readonly status: number;
  readonly statusText: string;
  /** Redacted, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Redacted text (UTF-8). */
  readonly body: string;
  /** The redacted body parsed, when it is JSON. */
  readonly json?: unknown;
  readonly bodyBytes: number;
  readonly timings: Timings;
  readonly tls: TlsReport;
  /** `withheld`: a credential was given but the URL is not under its base URL, so no key was sent. */
  readonly authorization: AuthorizationOutcome;
  readonly idempotencyKey?: string;
  /** For the user: certificate expiring soon, key withheld, proxyStrictSSL ignored. */
  readonly warnings: readonly string[];
}

export interface TlsInspection {
  /** Redacted. */
  readonly url: string;
  readonly tls: TlsReport;
  readonly timings: Timings;
  readonly warnings: readonly string[];
}
