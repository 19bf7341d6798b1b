import { tlsVerificationDisabled } from './tlsVerificationDisabled';
import { tlsVersionTooOld } from './tlsVersionTooOld';
import type { Rule } from '../rule';

/** HTTPS Usage: certificate validation and protocol versions. */
export const tlsRules: readonly Rule[] = [tlsVerificationDisabled, tlsVersionTooOld];
