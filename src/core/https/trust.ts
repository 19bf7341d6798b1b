import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as tls from 'tls';
import { InvalidRequestError } from './errors';

const pemBlock = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]{1,65536}?-----END CERTIFICATE-----/g;

/** The certificates in PEM text, each checked to parse. Throws InvalidRequestError. */
export function parseCaPem(text: string, source = 'the extra CA'): string[] {
  const blocks = text.match(pemBlock) ?? [];
  if (blocks.length === 0) {
    throw new InvalidRequestError(`${source} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Export the CA certificate in PEM format.`);
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new InvalidRequestError(`${source} holds a certificate that cannot be read. Export the CA certificate in PEM format.`, `${source}: ${(error as Error).message}`);
    }
  }
  return blocks;
}

/** Reads an extra CA file (for a corporate proxy that re-signs HTTPS). Throws InvalidRequestError. */
export function readCaFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidRequestError(`The extra CA file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`);
  }
  return parseCaPem(text, `The extra CA file ${file}`);
}

/**
 * The trusted CAs of a call: Node's bundled roots plus the extra ones. Node's `ca` option
 * REPLACES the default roots, so they are passed explicitly; an extra CA only ever adds trust.
 */
export function trustedCas(extraCaPem: readonly string[] = []): string[] {
  return [...tls.rootCertificates, ...extraCaPem];
}

// Building a context from ~150 root certificates costs ~20 ms; the roots and a user's extra CA
// rarely change, so the last few contexts are memoised by their exact certificate list
// (immutable data: the cache can only ever return what the same input would build).
const contexts = new Map<string, tls.SecureContext>();

/** The TLS context of a call: TLS 1.2 or newer, trusting exactly `trustedCas(extraCaPem)`. */
export function secureContextFor(cas: readonly string[]): tls.SecureContext {
  const key = cas.join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca: [...cas], minVersion: 'TLSv1.2' });
    if (contexts.size >= 4) {
      contexts.delete(contexts.keys().next().value as string);
    }
    contexts.set(key, context);
  }
  return context;
}
