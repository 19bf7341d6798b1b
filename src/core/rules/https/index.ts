import { plainHttpUrl } from './plainHttpUrl';
import type { Rule } from '../rule';

/** HTTPS Usage: plain HTTP endpoints. */
export const httpsRules: readonly Rule[] = [plainHttpUrl];
