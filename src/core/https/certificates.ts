import { createHash, X509Certificate } from 'crypto';
import type { PeerCertificate } from 'tls';
import type { CertificateInfo, HstsInfo, PinResult } from './types';

const dayMs = 24 * 60 * 60 * 1000;

/** Days before expiry under which a result carries a warning. */
export const expiryWarningDays = 30;

export function spkiSha256(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

function commonName(distinguishedName: string): string | undefined {
  return distinguishedName
    .split('\n')
    .find((part) => part.startsWith('CN='))
    ?.slice(3);
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export function certificateInfo(certificate: X509Certificate): CertificateInfo {
  return {
    subject: certificate.subject.split('\n').join(', '),
    subjectCN: commonName(certificate.subject),
    issuer: certificate.issuer.split('\n').join(', '),
    issuerCN: commonName(certificate.issuer),
    validFrom: isoDate(certificate.validFrom),
    validTo: isoDate(certificate.validTo),
    subjectAltNames: certificate.subjectAltName ? certificate.subjectAltName.split(', ') : [],
    spkiSha256: spkiSha256(certificate),
    fingerprintSha256: certificate.fingerprint256,
    serialNumber: certificate.serialNumber,
    isCA: certificate.ca,
    selfSigned: certificate.checkIssued(certificate),
  };
}

/**
 * The chain as Node reports it (leaf first; Node completes it with the trusted issuer from the
 * CA list), as X509Certificates. Stops at a self-issued certificate or a repeat.
 */
export function peerChain(peer: PeerCertificate | undefined): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = peer;
  while (current?.raw && chain.length < 10 && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

/** Normalises configured pins (`sha256/…` or bare base64 of 32 bytes); a string is the problem. */
export function normalizePins(host: string, pins: readonly string[]): string[] | string {
  const out: string[] = [];
  for (const pin of pins) {
    const value = pin.trim().replace(/^sha256\//i, '');
    if (!/^[A-Za-z0-9+/]{43}=$/.test(value) || Buffer.from(value, 'base64').length !== 32) {
      return `The pin ${JSON.stringify(pin)} for ${host} is not a base64 SHA-256 digest (44 characters ending in "=").`;
    }
    out.push(value);
  }
  return out;
}

/** A pin matches when any certificate of the validated chain has that SPKI digest. */
export function checkPins(chain: readonly X509Certificate[], pins: readonly string[] | undefined): PinResult {
  if (!pins || pins.length === 0) {
    return { status: 'notConfigured' };
  }
  const presented = chain.map(spkiSha256);
  for (let i = 0; i < chain.length; i++) {
    if (pins.includes(presented[i])) {
      return { status: 'matched', pin: presented[i], certificate: chain[i].subject.split('\n').join(', ') };
    }
  }
  return { status: 'mismatch', expected: [...pins], presented };
}

export function daysToExpiry(validTo: string, now = Date.now()): number {
  return Math.floor((new Date(validTo).getTime() - now) / dayMs);
}

export function expiryWarning(days: number, validTo: string): string | undefined {
  if (days >= expiryWarningDays) {
    return undefined;
  }
  return days < 0
    ? `The server's certificate expired on ${validTo.slice(0, 10)}.`
    : `The server's certificate expires in ${days} day${days === 1 ? '' : 's'} (${validTo.slice(0, 10)}).`;
}

export function parseHsts(header: string | undefined): HstsInfo | undefined {
  if (!header) {
    return undefined;
  }
  const directives = header.split(';').map((d) => d.trim().toLowerCase());
  const maxAge = directives.find((d) => d.startsWith('max-age='))?.slice(8).replace(/"/g, '');
  return {
    header,
    maxAgeSeconds: maxAge && /^\d{1,12}$/.test(maxAge) ? Number(maxAge) : undefined,
    includeSubDomains: directives.includes('includesubdomains'),
    preload: directives.includes('preload'),
  };
}
