import { createHash, createPublicKey } from 'crypto';

/** Base64 SHA-256 of a public key's DER SubjectPublicKeyInfo: the form pins take. */
export function spkiSha256Of(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('base64');
}
