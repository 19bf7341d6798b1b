import { hardCodedSessionSecret } from './hardCodedSessionSecret';
import { insecureCookie } from './insecureCookie';
import { insecureRandomSecret } from './insecureRandomSecret';
import { jwtNoneAlgorithm } from './jwtNoneAlgorithm';
import { jwtWithoutExpiry } from './jwtWithoutExpiry';
import { sessionWithoutTimeout } from './sessionWithoutTimeout';
import { tokenInClientStorage } from './tokenInClientStorage';
import type { Rule } from '../rule';

/** Session Management: cookie flags, session timeouts and secrets, tokens in the browser, JWT expiry and the 'none' algorithm, predictable tokens. */
export const sessionRules: readonly Rule[] = [insecureCookie, sessionWithoutTimeout, hardCodedSessionSecret, tokenInClientStorage, jwtWithoutExpiry, jwtNoneAlgorithm, insecureRandomSecret];
