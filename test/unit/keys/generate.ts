import { randomBytes } from 'crypto';
import type { Environment } from '../../../src/core/keys/keyFormat';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh, random, well-formed key: test keys are generated, never committed. */
export function generateKey(environment: Environment): string {
  const body = [...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${environment === 'live' ? 'ucp_live_' : 'ucp_test_'}${body}`;
}
