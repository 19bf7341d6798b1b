import { randomInt } from 'crypto';
import { environments, type EnvironmentId } from '../../../src/core/api/environments';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A key of the right shape, random per run (never a literal in the repository). */
export function generateKey(environment: EnvironmentId): string {
  let body = '';
  for (let i = 0; i < 32; i++) {
    body += alphabet[randomInt(alphabet.length)];
  }
  return `${environments[environment].keyPrefix}${body}`;
}
