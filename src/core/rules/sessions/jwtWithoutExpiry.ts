import {
  appendToObject,
  callArguments,
  calleeOf,
  callsOfAliases,
  methodCalls,
  callsOf,
  functionTypes,
  hasSpread,
  moduleBindings,
  objectEntries,
  fileQuote,
  propertyName,
  unchangedValueOfName,
  unwrap,
} from '../js/express';
import type { FixSpec, Rule, SyntaxContext, SyntaxNode } from '../rule';

const defaultLifetime = '15m';
// `jwt.sign(…)`, `new SignJWT(…)….sign(…)`, and a `sign` imported from jsonwebtoken.

type Shape = { readonly kind: 'object'; readonly node: SyntaxNode } | { readonly kind: 'none' } | { readonly kind: 'unknown' };

/** An argument as an object literal we can read (directly or through a same-file const), absent, or unknown. */
function shapeOf(node: SyntaxNode | undefined, valueOf: (name: SyntaxNode) => SyntaxNode | undefined): Shape {
  let value = unwrap(node);
  if (!value) {
    return { kind: 'none' };
  }
  if (value.type === 'identifier') {
    if (value.text === 'undefined') return { kind: 'none' };
    value = unwrap(valueOf(value));
  }
  return value?.type === 'object' && !hasSpread(value) ? { kind: 'object', node: value } : { kind: 'unknown' };
}

export const jwtWithoutExpiry: Rule = {
  id: 'jwt-without-expiry',
  title: 'JWT signed without an expiry',
  section: 'Session Management',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['jsonwebtoken', 'jwt'],
  mappings: {
    cwe: ['CWE-613'],
    owasp: ['A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.2.8'],
  },
  description: [
    'A JWT is checked by its signature alone: the server keeps no session it could end. Without an `exp` claim the',
    'token is valid forever — after logout, after a password change, after it leaks into a log or a browser',
    'history. Only rotating the signing secret (logging everyone out) revokes it.',
    '',
    'The rule reports:',
    '',
    "- `jwt.sign(payload, secret)` (jsonwebtoken) with no options, or options without `expiresIn`, when the payload",
    '  is an object literal (or a same-file `const`) without `exp`;',
    "- jose's `new SignJWT(payload)….sign(key)` chains without `.setExpirationTime(…)`.",
    '',
    'It stays quiet when the options or the payload come from a variable it cannot see or that the file changes after',
    "writing it (`options.expiresIn = '1h'`), when they spread another object, and for string payloads (which cannot",
    'carry an expiry).',
    '',
    "**Fix:** give every token a short lifetime (`expiresIn: '15m'`) and refresh it with a refresh token kept in an",
    "HttpOnly cookie. The quick fix adds `{ expiresIn: '15m' }` or `.setExpirationTime('15m')`.",
    '',
    '```js',
    '// Flagged',
    'const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);',
    '// Secure',
    "const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    // An object the file completes later (`options.expiresIn = '1h'`) is not judged by what it lacks.
    const constants = (name: SyntaxNode): SyntaxNode | undefined => unchangedValueOfName(context, name);
    let quoteChar: string | undefined;
    const quote = (): string => (quoteChar ??= fileQuote(context));
    const jsonwebtoken = moduleBindings(context, 'jsonwebtoken');

    const candidates = [...methodCalls(context, ['sign']), ...callsOf(context, ['sign']), ...callsOfAliases(context, ['sign'], jsonwebtoken.named.keys())];
    for (const node of candidates) {
      const callee = unwrap(calleeOf(node));
      if (!callee) continue;
      const args = callArguments(node);
      if (callee.type === 'member_expression' && propertyName(callee) === 'sign') {
        const object = unwrap(callee.childForFieldName('object'));
        if (!object) continue;
        if (jsonwebtoken.whole.has(object.text) || /^(?:jwt|jsonwebtoken|JWT)$/.test(object.text)) {
          checkJsonwebtoken(context, callee, args, constants, quote);
        } else if (object.type === 'call_expression' || object.type === 'new_expression') {
          checkJose(context, callee, object, constants, quote);
        }
      } else if (callee.type === 'identifier' && jsonwebtoken.named.get(callee.text) === 'sign') {
        checkJsonwebtoken(context, callee, args, constants, quote);
      }
    }
  },
};

function checkJsonwebtoken(
  context: SyntaxContext,
  callee: SyntaxNode,
  args: SyntaxNode[],
  constants: (name: SyntaxNode) => SyntaxNode | undefined,
  quote: () => string,
): void {
  if (args.length < 2) {
    return;
  }
  const payload = shapeOf(args[0], constants);
  if (payload.kind !== 'object' || objectEntries(payload.node).has('exp')) {
    return;
  }
  const third = unwrap(args[2]);
  const callback = third && functionTypes.has(third.type) ? third : undefined;
  const options = callback ? ({ kind: 'none' } as Shape) : shapeOf(args[2], constants);
  if (options.kind === 'unknown' || (options.kind === 'object' && objectEntries(options.node).has('expiresIn'))) {
    return;
  }
  const q = quote();
  const fix: FixSpec =
    options.kind === 'object'
      ? { title: `Expire the token after ${defaultLifetime}`, preferred: true, edits: [appendToObject(options.node, `expiresIn: ${q}${defaultLifetime}${q}`)] }
      : {
          title: `Expire the token after ${defaultLifetime}`,
          preferred: true,
          edits: [{ start: args[1].endIndex, end: args[1].endIndex, newText: `, { expiresIn: ${q}${defaultLifetime}${q} }` }],
        };
  context.report({
    start: callee.startIndex,
    end: callee.endIndex,
    message: `This JWT never expires: it stays valid after logout and after it leaks. Pass { expiresIn: '${defaultLifetime}' } (or set exp) and refresh it when needed.`,
    fixes: [fix],
  });
}

function checkJose(
  context: SyntaxContext,
  callee: SyntaxNode,
  object: SyntaxNode,
  constants: (name: SyntaxNode) => SyntaxNode | undefined,
  quote: () => string,
): void {
  // Walk `new SignJWT(p).setProtectedHeader(…).setIssuedAt()` down to the constructor.
  const methods = new Set<string>();
  let current: SyntaxNode | undefined = object;
  for (let depth = 0; current && current.type === 'call_expression' && depth < 30; depth++) {
    const fn = unwrap(current.childForFieldName('function'));
    if (fn?.type !== 'member_expression') return;
    methods.add(propertyName(fn) ?? '');
    current = unwrap(fn.childForFieldName('object'));
  }
  if (current?.type !== 'new_expression' || unwrap(current.childForFieldName('constructor'))?.text !== 'SignJWT') {
    return;
  }
  if (methods.has('setExpirationTime')) {
    return;
  }
  const payload = shapeOf(callArguments(current)[0], constants);
  if (payload.kind === 'unknown' || (payload.kind === 'object' && objectEntries(payload.node).has('exp'))) {
    return;
  }
  const property = callee.childForFieldName('property') ?? callee;
  const q = quote();
  context.report({
    start: property.startIndex,
    end: property.endIndex,
    message: `This JWT never expires: it stays valid after logout and after it leaks. Add .setExpirationTime('${defaultLifetime}') before .sign().`,
    fixes: [
      {
        title: `Expire the token after ${defaultLifetime}`,
        preferred: true,
        edits: [{ start: object.endIndex, end: object.endIndex, newText: `.setExpirationTime(${q}${defaultLifetime}${q})` }],
      },
    ],
  });
}
