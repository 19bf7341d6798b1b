import { randomBytes } from 'crypto';
import { isPlaceholderKeyBody } from '../../../src/core/rules/keys/ucanpayKeys';
import { isPlaceholderValue } from '../../../src/core/rules/keys/secrets';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters of [A-Za-z0-9]; generated at run time so that no key-shaped literal is committed. */
export function randomAlnum(length: number): string {
  let out = '';
  for (const byte of randomBytes(length * 2)) {
    if (byte < 248) {
      out += alphabet[byte % 62];
    }
    if (out.length === length) {
      break;
    }
  }
  return out.length === length ? out : randomAlnum(length);
}

/** A random, real-looking UCanPay key of the given kind (never a placeholder). */
export function fakeKey(kind: 'live' | 'test' | 'whsec'): string {
  for (;;) {
    const body = randomAlnum(32);
    if (!isPlaceholderKeyBody(body) && /\d/.test(body) && /[A-Za-z]/.test(body)) {
      return `ucp_${kind}_${body}`;
    }
  }
}

/** A random generated-looking secret (letters and digits, high entropy). */
export function fakeSecret(length = 28): string {
  for (;;) {
    const value = randomAlnum(length);
    if (!isPlaceholderValue(value) && /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) {
      return value;
    }
  }
}
