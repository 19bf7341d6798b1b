import { callSites } from '../js/callSites';
import { sharedScopes } from '../js/declarations';
import { functionTypes, isTestPath, nameWords } from '../js/express';
import { lastSegment } from '../js/syntax';
import { isCredentialName } from '../keys/secrets';
import type { Rule, SyntaxContext, SyntaxNode } from '../rule';

// Words that name a value an attacker must not guess, beside the credential names of `isCredentialName`.
const unguessableWords = new Set(['nonce', 'salt', 'iv', 'otp', 'csrf', 'xsrf', 'sessionid', 'sid']);
// With `code` or `pin`, a one-time code: `verificationCode`, `otpCode`, `resetPin`, `twoFactorCode`.
const codeQualifiers = new Set(['verification', 'verify', 'confirmation', 'confirm', 'reset', 'invite', 'otp', 'auth', 'login', 'security', 'mfa', 'factor', 'sms', 'email']);

/** A name that says its value must be unguessable: `resetToken`, `sessionId`, `nonce`, `otpCode`, `generateApiKey`. */
export function isUnguessableName(name: string): boolean {
  if (isCredentialName(name)) {
    return true;
  }
  const words = nameWords(name);
  if (words.includes('session') && (words.includes('id') || words.includes('key'))) {
    return true;
  }
  if (words.includes('id')) {
    // `requestId`, `tempId`: identifiers need to be unique, not secret.
    return false;
  }
  return words.some(
    (word, i) => unguessableWords.has(word) || word === 'sessionid' || ((word === 'code' || word === 'pin') && i > 0 && codeQualifiers.has(words[i - 1])),
  );
}

// Expressions that pass Math.random()'s value on: arithmetic, `.toString(36)`, `.slice(2)`,
// `Math.floor(…)`, `String(…)`, templates, parentheses, conditionals.
const carriers = new Set(['binary_expression', 'parenthesized_expression', 'unary_expression', 'ternary_expression', 'template_substitution', 'template_string', 'member_expression']);
// `res.cookie(name, value)`, `ctx.cookies.set(name, value)`, `cookies().set(name, value)`.
const cookieSetter = /(?:^|\.)(?:cookie|cookies\.set|cookies\(\)\.set)$/;

/** Names of the variables given as a cookie's value anywhere in the file (`res.cookie('rememberKey', key)`). */
function cookieValueNames(context: SyntaxContext): ReadonlySet<string> {
  return context.shared(cookieValueNames, () => {
    const names = new Set<string>();
    if (!context.text.includes('cookie')) {
      return names;
    }
    for (const site of callSites(context)) {
      if (site.method !== 'cookie' && site.method !== 'set') continue;
      const callee = site.node.childForFieldName('function')?.text ?? '';
      const value = site.args[1];
      if (cookieSetter.test(callee) && value?.type === 'identifier') names.add(value.text);
    }
    return names;
  });
}

const comparisons = new Set(['<', '>', '<=', '>=', '==', '===', '!=', '!==', 'instanceof', 'in']);
const wrapperCalls = /^(?:Math\.(?:floor|round|ceil|trunc|abs|max|min)|String|Number|parseInt|parseFloat|BigInt)$/;

/**
 * The name the value of `Math.random()` ends up under: a variable, a property, an assignment
 * target, or the function that returns it (`function generateToken() { return Math.random()… }`).
 */
function destinationName(random: SyntaxNode, ancestors: readonly SyntaxNode[]): string | undefined {
  let current = random;
  for (let level = 0; level < ancestors.length; level++) {
    const parent = ancestors[level];
    const type = parent.type;
    if (type === 'binary_expression' && comparisons.has(parent.childForFieldName('operator')?.type ?? '')) {
      // `Math.random() < 0.5` is a coin flip: a boolean, whatever its name.
      return undefined;
    }
    if (carriers.has(type)) {
      current = parent;
      continue;
    }
    if (type === 'call_expression') {
      // `Math.random().toString(36)`: the call whose callee holds the value.
      const callee = parent.childForFieldName('function');
      if (callee?.id === current.id) {
        current = parent;
        continue;
      }
      return undefined;
    }
    if (type === 'arguments') {
      const call = ancestors[level + 1];
      const callee = call?.type === 'call_expression' ? call.childForFieldName('function')?.text : undefined;
      if (callee && cookieSetter.test(callee) && parent.namedChildren[1]?.id === current.id) {
        // `res.cookie('remember', Math.random()…)`: a cookie's value is a session or login token.
        return 'cookie value';
      }
      if (callee && wrapperCalls.test(callee)) {
        current = call;
        level++;
        continue;
      }
      return undefined;
    }
    switch (type) {
      case 'variable_declarator':
        return parent.childForFieldName('value')?.id === current.id ? lastSegment(parent.childForFieldName('name')) : undefined;
      case 'assignment_expression':
      case 'augmented_assignment_expression':
        return parent.childForFieldName('right')?.id === current.id ? lastSegment(parent.childForFieldName('left')) : undefined;
      case 'pair':
        return parent.childForFieldName('value')?.id === current.id ? lastSegment(parent.childForFieldName('key')) : undefined;
      case 'public_field_definition':
      case 'field_definition':
        return lastSegment(parent.childForFieldName('name') ?? parent.childForFieldName('property'));
      case 'return_statement':
      case 'arrow_function':
        return functionName(ancestors.slice(level + (type === 'arrow_function' ? 0 : 1)));
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The name of the nearest function in `ancestors` (declared, or assigned to a name). */
function functionName(ancestors: readonly SyntaxNode[]): string | undefined {
  const at = ancestors.findIndex((node) => functionTypes.has(node.type));
  const fn = ancestors[at];
  if (!fn) {
    return undefined;
  }
  const own = fn.childForFieldName('name');
  if (own) {
    return own.text;
  }
  const holder = ancestors[at + 1];
  if (holder?.type === 'variable_declarator') return lastSegment(holder.childForFieldName('name'));
  if (holder?.type === 'pair') return lastSegment(holder.childForFieldName('key'));
  if (holder?.type === 'assignment_expression') return lastSegment(holder.childForFieldName('left'));
  return undefined;
}

export const insecureRandomSecret: Rule = {
  id: 'insecure-random-secret',
  title: 'Math.random() used for a token, key or one-time code',
  section: 'Session Management',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['math.random'],
  mappings: {
    cwe: ['CWE-338'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['6.2.4', '8.3.1'],
  },
  description: [
    '`Math.random()` is built for simulations and animations, not secrets: V8 generates it with xorshift128+, whose',
    'state can be recovered from a handful of outputs, after which every later value is known. A session id,',
    'password-reset token, API key, nonce or one-time code made from it can be guessed.',
    '',
    'The rule reports `Math.random()` when its value — through arithmetic, `.toString(36)`, `.slice(…)`,',
    '`Math.floor(…)`, templates — ends up under a name that says it must be unguessable: a credential name',
    '(`token`, `secret`, `password`, `apiKey`, …), `sessionId`, `nonce`, `salt`, `iv`, `otp`, `csrf`, a',
    'verification, reset or login code, or a function that returns one (`function generateResetToken()`); also a',
    "cookie's value (`res.cookie('rememberKey', key)`), which is a session or login token.",
    '',
    'It stays quiet for other names (`requestId`, `key` of a React list, `delay`, `color`) and in test files.',
    '',
    "**Fix:** use the platform's cryptographic generator: `crypto.randomBytes(32).toString('hex')` or",
    "`crypto.randomUUID()` in Node, `crypto.getRandomValues(new Uint8Array(32))` or `crypto.randomUUID()` in browsers,",
    '`crypto.randomInt(0, 1_000_000)` for a numeric code.',
    '',
    '```js',
    '// Flagged',
    'const resetToken = Math.random().toString(36).slice(2);',
    '// Secure',
    "const resetToken = crypto.randomBytes(32).toString('hex');",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    if (isTestPath(context.path)) {
      return;
    }
    const scopes = sharedScopes(context);
    for (const site of callSites(context)) {
      if (site.method !== 'random' || site.callee?.receiver?.text !== 'Math') continue;
      const name = destinationName(site.node, scopes.ancestors(site.node));
      if (!name || !(name === 'cookie value' || isUnguessableName(name) || cookieValueNames(context).has(name))) continue;
      context.report({
        start: site.node.startIndex,
        end: site.node.endIndex,
        message: `${name === 'cookie value' ? 'This cookie value' : `\`${name}\``} is made with Math.random(), which is predictable: its next values can be worked out from a few earlier ones. Use crypto.randomBytes / crypto.randomUUID (or crypto.getRandomValues in a browser), crypto.randomInt for a numeric code.`,
      });
    }
  },
};
