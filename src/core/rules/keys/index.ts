import type { Rule } from '../rule';
import { keyInClientCode } from './keyInClientCode';
import { keyInTrackedFile } from './keyInTrackedFile';
import { keyInUrl } from './keyInUrl';
import { secretInCode } from './secretInCode';
import { ucanpayKeyInCode } from './ucanpayKeyInCode';

/** Authentication and Authorization ("Keep API Keys Secret"): keys and secrets where they leak. */
export const keysRules: readonly Rule[] = [ucanpayKeyInCode, keyInClientCode, keyInTrackedFile, keyInUrl, secretInCode];
