import { debugModeEnabled } from './debugModeEnabled';
import { errorDetailsToClient } from './errorDetailsToClient';
import { sensitiveDataInLogs } from './sensitiveDataInLogs';
import type { Rule } from '../rule';

/** Error Handling: exception details to clients, debug modes, sensitive data in logs. */
export const errorRules: readonly Rule[] = [errorDetailsToClient, debugModeEnabled, sensitiveDataInLogs];
