import { callSites, inDocumentOrder } from '../js/callSites';
import { pairSites } from '../js/pairSites';
import {
  callArguments,
  calleeOf,
  callsOfAliases,
  assignedPropertyName,
  entryValue,
  isTestPath,
  moduleBindings,
  objectEntries,
  objectLiteral,
  optionObjects,
  stringValue,
  unwrap,
} from '../js/express';
import { sharedScopes, type Scopes } from '../js/declarations';
import { namedSecretSites } from '../js/namedSecretSites';
import { lastSegment } from '../js/syntax';
import { propertyValue, resolvedObject } from '../crypto/cryptoApi';
import { namedSecretLiterals, notASecretValue } from '../keys/secrets';
import type { FixSpec, ReportSpec, Rule, SyntaxContext, SyntaxNode } from '../rule';
import { sessionCalls } from './sessionMiddleware';

type SecretKind = 'session' | 'jwt';

interface Literal {
  /** The whole value to replace (a string, or an array of strings). */
  readonly node: SyntaxNode;
  /** `process.env.SESSION_SECRET || 'dev-secret'`: the literal is only a fallback. */
  readonly fallback: SyntaxNode | undefined;
  /** One literal in a list of keys that also holds variables: no mechanical fix. */
  readonly partOfList?: boolean;
}

/**
 * A hard-coded secret: a non-empty string literal, an array of them, a `Buffer.from('…')` /
 * `new TextEncoder().encode('…')` of one, or one as the fallback of `a || '…'` / `a ?? '…'`.
 */
const publicPem = /-----BEGIN (?:RSA |EC )?(?:PUBLIC KEY|CERTIFICATE)-----/;

function hardCoded(node: SyntaxNode | null | undefined, depth = 0): Literal | undefined {
  const value = unwrap(node);
  if (!value || depth > 4) {
    return undefined;
  }
  const text = stringValue(value);
  if (text !== undefined) {
    // A public key or certificate verifies RS256/ES256 tokens: it is meant to be published.
    return text.length > 0 && !publicPem.test(text) ? { node: value, fallback: undefined } : undefined;
  }
  if (value.type === 'array') {
    const elements = value.namedChildren.filter((child) => child && child.type !== 'comment') as SyntaxNode[];
    const literals = elements.filter((element) => (stringValue(element) ?? '').length > 0);
    if (literals.length === 0) {
      return undefined;
    }
    // `['a', 'b']` is replaced whole; in `[process.env.KEY, 'old']` the literal itself is the finding.
    return literals.length === elements.length ? { node: value, fallback: undefined } : { node: literals[0], fallback: undefined, partOfList: true };
  }
  if (value.type === 'binary_expression') {
    const operator = value.childForFieldName('operator')?.text;
    const right = value.childForFieldName('right');
    if ((operator === '||' || operator === '??') && right) {
      const literal = hardCoded(right, depth + 1);
      return literal ? { node: literal.node, fallback: literal.node } : undefined;
    }
    return undefined;
  }
  if (value.type === 'call_expression') {
    const name = lastSegment(unwrap(value.childForFieldName('function')));
    if (name === 'from' || name === 'encode' || name === 'createSecretKey') {
      const inner = hardCoded(callArguments(value)[0], depth + 1);
      return inner ? { node: value, fallback: inner.fallback } : undefined;
    }
  }
  return undefined;
}

/**
 * What a name or `obj.prop` given as the secret stands for, when a same-file `const` says:
 * `SECRET`, `{ secret }`, `config.jwtSecret` with `const config = { jwtSecret: '…' }`.
 */
function resolvedValue(scopes: Scopes, node: SyntaxNode | null | undefined, depth = 0): SyntaxNode | undefined {
  const value = unwrap(node);
  if (!value || depth > 3) {
    return undefined;
  }
  if (value.type === 'identifier' || value.type === 'shorthand_property_identifier') {
    const resolved = scopes.constValue(value);
    return resolved && resolved !== value ? resolvedValue(scopes, resolved, depth + 1) : undefined;
  }
  if (value.type === 'member_expression') {
    const property = value.childForFieldName('property');
    const object = resolvedObject(scopes, value.childForFieldName('object'));
    const entry = object && property?.type === 'property_identifier' ? propertyValue(object, property.text) : undefined;
    return entry ? resolvedValue(scopes, entry, depth + 1) : undefined;
  }
  return value;
}

/** The value of an options entry: `secret: v` gives v, the shorthand `{ secret }` the name itself. */
function optionValue(entry: SyntaxNode | undefined): SyntaxNode | null | undefined {
  return entry?.type === 'pair' ? entryValue(entry) : entry?.type === 'shorthand_property_identifier' ? entry : undefined;
}

const variables: Record<SecretKind, string> = { session: 'SESSION_SECRET', jwt: 'JWT_SECRET' };

function replacement(context: SyntaxContext, kind: SecretKind, literal: Literal, variableName?: string): FixSpec | undefined {
  const variable = `process.env.${variableName ?? variables[kind]}`;
  const typed = context.language === 'javascript' ? variable : `${variable} as string`;
  if (literal.fallback) {
    // Removing the fallback: the app must then fail when the variable is missing, which is the point.
    const binary = literal.fallback.parent;
    const left = binary?.type === 'binary_expression' ? binary.childForFieldName('left') : undefined;
    if (!binary || !left) return undefined;
    const leftText = context.text.slice(left.startIndex, left.endIndex);
    return {
      title: 'Remove the hard-coded fallback',
      preferred: true,
      edits: [{ start: binary.startIndex, end: binary.endIndex, newText: context.language === 'javascript' || /\bas\s+string$/.test(leftText) ? leftText : `${leftText} as string` }],
    };
  }
  if (literal.partOfList) {
    return undefined;
  }
  const node = literal.node;
  const newText = node.type === 'array' ? `[${typed}]` : node.type === 'call_expression' ? rewrapCall(context, node, typed) : typed;
  return { title: `Read the secret from ${variable}`, preferred: true, edits: [{ start: node.startIndex, end: node.endIndex, newText }] };
}

/** `new TextEncoder().encode('s')` → `new TextEncoder().encode(process.env.JWT_SECRET)`. */
function rewrapCall(context: SyntaxContext, call: SyntaxNode, variable: string): string {
  const arg = callArguments(call)[0];
  if (!arg) return variable;
  return `${context.text.slice(call.startIndex, arg.startIndex)}${variable}${context.text.slice(arg.endIndex, call.endIndex)}`;
}

const messages: Record<SecretKind, string> = {
  session:
    'The session secret is hard-coded: anyone with the source can forge session cookies, and rotating it needs a release. Read it from the environment (process.env.SESSION_SECRET).',
  jwt: 'The JWT secret is hard-coded: anyone with the source can mint valid tokens for any user. Read it from the environment (process.env.JWT_SECRET) or a secrets manager.',
};

// Plain functions that take a secret, and the one pass that finds every place a secret is given.
const plainCallees = ['cookieParser', 'sign', 'verify', 'jwtVerify', 'expressjwt', 'expressJwt', 'jwt', 'NextAuth'];
const plainCalleeSet = new Set(plainCallees);
const secretMethods = new Set(['sign', 'verify', 'register']);

/** `{ …, name: … }` with `name` a plain property name among the object's own pairs. */
function hasPairNamed(object: SyntaxNode | null | undefined, name: string): boolean {
  return (
    object?.type === 'object' &&
    object.namedChildren.some((pair) => pair?.type === 'pair' && pair.childForFieldName('key')?.type === 'property_identifier' && pair.childForFieldName('key')?.text === name)
  );
}

/** Every place a secret is given, in document order. */
function secretSites(context: SyntaxContext): SyntaxNode[] {
  const calls = callSites(context)
    .filter((site) => (site.plain !== undefined ? plainCalleeSet.has(site.plain) : site.method !== undefined && secretMethods.has(site.method)))
    .map((site) => site.node);
  const passport = context.text.includes('secretOrKey');
  // Passport: `new JwtStrategy({ secretOrKey: … })`; Koa: `app.keys = [...]`.
  const others = context.nodes('new_expression', 'assignment_expression').filter((node) =>
    node.type === 'new_expression'
      ? passport && hasPairNamed(node.childForFieldName('arguments')?.namedChildren[0], 'secretOrKey')
      : assignedPropertyName(node) === 'keys' && node.childForFieldName('right')?.type === 'array',
  );
  // iron-session: `{ password: '…', cookieName: '…' }`.
  const ironOptions = new Map<number, SyntaxNode>();
  for (const pair of pairSites(context)) {
    const object = pair.keyType === 'property_identifier' && pair.key === 'cookieName' ? pair.object : null;
    if (object?.type === 'object') ironOptions.set(object.id, object);
  }
  return inDocumentOrder(inDocumentOrder(calls, others), [...ironOptions.values()]);
}

// Calls whose options carry a JWT secret: express-jwt, NestJS JwtModule, next-auth, @fastify/jwt.
const jwtOptionCallees = new Set(['expressjwt', 'expressJwt', 'jwt', 'register', 'NextAuth']);

export const hardCodedSessionSecret: Rule = {
  id: 'hard-coded-session-secret',
  title: 'Hard-coded session or JWT secret',
  section: 'Session Management',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['jsonwebtoken', 'cookieparser', 'cookie-parser', 'cookie-session', 'cookiesession', 'keys = [', 'keys=[', 'cookiename', ...namedSecretLiterals],
  mappings: {
    cwe: ['CWE-798', 'CWE-321'],
    owasp: ['A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.6.2', '6.2.4'],
  },
  description: [
    'The secret that signs session cookies or JWTs is what stops anyone from making their own. Written into the',
    'code, it is in every clone, every CI log and every leaked repository, and the same in every environment;',
    'whoever has it can sign a session for any user, including an administrator.',
    '',
    'The rule reports a string literal (or an array of them) given as:',
    '',
    "- `session({ secret: '…' })` (express-session), `cookieSession({ keys: ['…'] })`, `cookieSession({ secret: '…' })`,",
    "  `cookieParser('…')`, Koa's `app.keys = ['…']`, iron-session's `password: '…'`;",
    "- `jwt.sign(payload, '…')`, `jwt.verify(token, '…')` (jsonwebtoken), jose's",
    "  `.sign(new TextEncoder().encode('…'))` / `jwtVerify(token, …)`, passport-jwt's `secretOrKey` wherever the options",
    "  are built (`new JwtStrategy({ secretOrKey: '…' })`, `opts.secretOrKey = '…'`, NestJS's `super({ secretOrKey: '…' })`),",
    "  `expressjwt({ secret: '…' })`, `JwtModule.register({ secret: '…' })`, `NextAuth({ secret: '…' })`;",
    "- the fallback in `process.env.SESSION_SECRET || 'dev-secret'`, which production silently uses when the",
    '  variable is missing;',
    "- any of these through a same-file `const` or object: `secret: SECRET`, `{ secret }`, `jwt.sign(p, config.jwtSecret)`,",
    "  and options merged from literals (`expressjwt(Object.assign({ algorithms }, { secret }))`);",
    "- a literal under a name that says it is a session or JWT secret, wherever it is used: `cookieSecret: '…'` in a",
    "  config module another file reads, `const JWT_SECRET = '…'`, a `sessionKey` class field.",
    '',
    'It stays quiet for values read from the environment or configuration, for PEM public keys and certificates (which',
    'verify RS256/ES256 tokens and are meant to be published), and in test files (`*.test.ts`,',
    "`__tests__/`, `test/`); under a secret's name, also for labels (`'Session secret'`), variable names",
    "(`'SESSION_SECRET'`) and placeholders (`'changeme'`).",
    '',
    '**Fix:** generate a long random secret per environment, keep it in the environment or a secrets manager, and',
    'rotate it. The quick fix replaces the literal with `process.env.SESSION_SECRET` (`process.env.JWT_SECRET` for',
    'JWTs), or removes the fallback.',
    '',
    '```js',
    '// Flagged',
    "app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));",
    '// Secure',
    'app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    for (const finding of sessionSecretFindings(context)) {
      context.report(finding);
    }
  },
};

/**
 * The hard-coded session and JWT secrets of a file, found once per parse: `secret-in-code` asks
 * for them too, so that a secret this rule reports is not reported a second time as a generic one.
 */
export function sessionSecretFindings(context: SyntaxContext): readonly ReportSpec[] {
  return context.shared(sessionSecretFindings, () => findSessionSecrets(context));
}

function findSessionSecrets(context: SyntaxContext): ReportSpec[] {
  const findings: ReportSpec[] = [];
  if (isTestPath(context.path)) {
    return findings;
  }
  const reported = new Set<number>();
  const scopes = sharedScopes(context);
  const report = (kind: SecretKind, value: SyntaxNode | null | undefined, variableName?: string): void => {
    const literal = hardCoded(resolvedValue(scopes, value));
    if (!literal || reported.has(literal.node.id)) {
      return;
    }
    reported.add(literal.node.id);
    const fix = replacement(context, kind, literal, variableName);
    findings.push({
      start: literal.node.startIndex,
      end: literal.node.endIndex,
      severity: literal.fallback ? 'warning' : undefined,
      message: literal.fallback
        ? `A hard-coded secret is the fallback when ${kind === 'jwt' ? 'the JWT secret' : 'the session secret'} is not set: a deployment that forgets the variable runs with a secret everyone knows. Remove the fallback and fail at startup instead.`
        : messages[kind],
      fixes: fix ? [fix] : [],
    });
  };

  for (const session of sessionCalls(context)) {
    const entries = session.entries;
    if (!entries) continue;
    for (const key of ['secret', 'keys']) {
      report('session', optionValue(entries.get(key)));
    }
  }

  const jsonwebtoken = moduleBindings(context, 'jsonwebtoken');
  const cookieParser = moduleBindings(context, 'cookie-parser').whole;
  const jose = moduleBindings(context, 'jose').named;
  const candidates = [
    ...secretSites(context),
    ...callsOfAliases(context, plainCallees, [...cookieParser, ...jsonwebtoken.named.keys(), ...jose.keys()]),
  ];
  for (const node of candidates) {
    if (node.type === 'assignment_expression') {
      // Koa: `app.keys = ['…']`.
      const left = node.childForFieldName('left');
      if (/(?:app|koa|server)$/i.test(lastSegment(left?.childForFieldName('object')))) {
        report('session', node.childForFieldName('right'));
      }
      continue;
    }
    if (node.type === 'object') {
      // iron-session: `{ password: '…', cookieName: '…' }`.
      report('session', optionValue(objectEntries(node).get('password')));
      continue;
    }
    const callee = unwrap(calleeOf(node));
    if (!callee) continue;
    const name = lastSegment(callee);
    const args = callArguments(node);
    if (node.type === 'new_expression') {
      // passport-jwt: `new JwtStrategy({ secretOrKey: '…' }, verify)`.
      const options = objectLiteral(args[0]);
      report('jwt', optionValue(options ? objectEntries(options).get('secretOrKey') : undefined));
      continue;
    }
    if (callee.type === 'identifier' && (cookieParser.has(callee.text) || callee.text === 'cookieParser')) {
      report('session', args[0]);
      continue;
    }
    // jsonwebtoken: `jwt.sign(payload, secret)`, `jwt.verify(token, secret)`, named `sign`/`verify`.
    const object = callee.type === 'member_expression' ? unwrap(callee.childForFieldName('object')) : undefined;
    const viaModule =
      (object && (jsonwebtoken.whole.has(object.text) || /^(?:jwt|jsonwebtoken|JWT)$/.test(object.text))) ||
      (callee.type === 'identifier' && jsonwebtoken.named.has(callee.text));
    const method = callee.type === 'identifier' ? (jsonwebtoken.named.get(callee.text) ?? '') : name;
    if (viaModule && (method === 'sign' || method === 'verify')) {
      report('jwt', args[1]);
      continue;
    }
    // jose: `new SignJWT(p)….sign(secret)`, `jwtVerify(token, secret)`.
    if (name === 'sign' && object && /\bSignJWT\b/.test(object.text) && object.type === 'call_expression') {
      report('jwt', args[0]);
      continue;
    }
    if (callee.type === 'identifier' && (jose.get(callee.text) === 'jwtVerify' || callee.text === 'jwtVerify')) {
      report('jwt', args[1]);
      continue;
    }
    if (jwtOptionCallees.has(name)) {
      // The options as written, a same-file name for them, or `Object.assign` of those.
      const options = optionObjects(context, args[args.length - 1]) ?? optionObjects(context, args[0]);
      const entry = options?.entries.get('secret');
      if (entry && (name !== 'register' || /jwt|session|cookie|auth/i.test(callee.text + (args[0]?.text ?? '')))) {
        report(/session|cookie/i.test(callee.text + (args[0]?.text ?? '')) ? 'session' : 'jwt', optionValue(entry), name === 'NextAuth' ? 'NEXTAUTH_SECRET' : undefined);
      }
    }
  }

  // passport-jwt's own option name, wherever the options are built: `opts.secretOrKey = '…'` (its
  // README), an object kept in a variable or a field, NestJS's `super({ secretOrKey: '…' })`.
  if (context.text.includes('secretOrKey')) {
    for (const pair of pairSites(context)) {
      if (pair.key === 'secretOrKey') report('jwt', pair.value);
    }
    for (const assignment of context.nodes('assignment_expression')) {
      if (assignedPropertyName(assignment) === 'secretOrKey') report('jwt', assignment.childForFieldName('right'));
    }
  }

  // A literal under a name that says which secret it is (`cookieSecret: '…'` in a config module).
  for (const site of namedSecretSites(context)) {
    if (site.kind !== 'session' && site.kind !== 'jwt') continue;
    const literal = hardCoded(site.value);
    const text = literal ? (stringValue(literal.node) ?? stringValue(literal.fallback)) : undefined;
    if (!literal || (text !== undefined && notASecretValue(text, site.name))) continue;
    report(site.kind, site.value, /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(site.name) ? site.name : undefined);
  }
  return findings;
}
