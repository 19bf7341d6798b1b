import { hardCodedSessionSecret } from './hardCodedSessionSecret';
import { insecureCookie } from './insecureCookie';
import { jwtWithoutExpiry } from './jwtWithoutExpiry';
import { sessionWithoutTimeout } from './sessionWithoutTimeout';
import { tokenInClientStorage } from './tokenInClientStorage';
import type { Rule } from '../rule';

/** Session Management: cookie flags, session timeouts and secrets, tokens in the browser, JWT expiry. */
export const sessionRules: readonly Rule[] = [insecureCookie, sessionWithoutTimeout, hardCodedSessionSecret, tokenInClientStorage, jwtWithoutExpiry];
