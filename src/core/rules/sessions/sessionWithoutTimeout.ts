import {
  appendToObject,
  callArguments,
  entryValue,
  hasSpread,
  objectEntries,
  objectLiteral,
  fileQuote,
  prependToObject,
  stringValue,
  changesPath,
  unchangedValueOfName,
  unwrap,
} from '../js/express';
import type { EditSpec, Rule, SyntaxContext, SyntaxNode } from '../rule';
import { sessionCalls } from './sessionMiddleware';

const fifteenMinutes = '15 * 60 * 1000';
const day = 24 * 60 * 60 * 1000;

/** The value of `15 * 60 * 1000`-style constant arithmetic, in the units written; undefined otherwise. */
export function constantNumber(node: SyntaxNode | null | undefined, depth = 0): number | undefined {
  const value = unwrap(node);
  if (!value || depth > 20) {
    return undefined;
  }
  if (value.type === 'number') {
    const parsed = Number(value.text.replace(/_/g, ''));
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  if (value.type === 'binary_expression') {
    const left = constantNumber(value.childForFieldName('left'), depth + 1);
    const right = constantNumber(value.childForFieldName('right'), depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (value.childForFieldName('operator')?.text) {
      case '*':
        return left * right;
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '/':
        return right === 0 ? undefined : left / right;
      default:
        return undefined;
    }
  }
  return undefined;
}

function duration(ms: number): string {
  const days = ms / day;
  if (days >= 2) return `${Math.round(days)} days`;
  return `${Math.round(ms / (60 * 60 * 1000))} hours`;
}

/** `null`/`undefined` mean "no expiry" to express-session. */
function isSet(entry: SyntaxNode | undefined): boolean {
  const value = entry ? unwrap(entryValue(entry)) : undefined;
  return !!value && value.type !== 'null' && value.text !== 'undefined';
}

/** A `store: new RedisStore({ client, ttl: 900 })` expires sessions on the server side. */
function storeHasTtl(entries: ReadonlyMap<string, SyntaxNode>): boolean {
  const store = entries.get('store');
  const value = store ? unwrap(entryValue(store)) : undefined;
  if (value?.type !== 'new_expression') {
    return false;
  }
  const storeOptions = objectLiteral(callArguments(value)[0]);
  return !!storeOptions && isSet(objectEntries(storeOptions).get('ttl'));
}

const guidance = 'PCI DSS 8.2.8 asks for re-authentication after 15 minutes of inactivity';

export const sessionWithoutTimeout: Rule = {
  id: 'session-without-timeout',
  title: 'Session without a timeout',
  section: 'Session Management',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['session'],
  mappings: {
    cwe: ['CWE-613'],
    owasp: ['A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.2.8'],
  },
  description: [
    'A session that never expires stays usable on a shared computer after the user walks away, and a stolen session',
    'cookie stays valuable forever. The guide asks for sessions that log users out after a period of inactivity;',
    'PCI DSS 8.2.8 sets it at 15 minutes.',
    '',
    'The rule reports:',
    '',
    '- `session({...})` (express-session) without `cookie.maxAge` or `cookie.expires` — the cookie then lives until',
    '  the browser closes, and the default store keeps the session with no idle limit — unless the `store` is',
    '  created with a `ttl`;',
    '- `cookieSession({...})` without `maxAge` or `expires`;',
    "- koa-session with `maxAge: 'session'`;",
    '- as **info**, a constant `maxAge` longer than a day (`30 * 24 * 60 * 60 * 1000`).',
    '',
    'It stays quiet when the options are a variable it cannot see (a same-file object is read, unless the file',
    'sets its timeout later: `sess.cookie.maxAge = …`, `Object.assign(sess, …)`) or spread from one (`{ ...sessionDefaults }`).',
    '',
    '**Fix:** set a short `maxAge` and, with express-session, `rolling: true` so that it is an idle timeout (each',
    'response pushes the expiry back). The quick fix adds `cookie: { maxAge: 15 * 60 * 1000, … }` and',
    '`rolling: true`; when it has to add the whole `cookie` object it adds the secure flags too.',
    '',
    '```js',
    '// Flagged',
    'app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));',
    '// Secure',
    'app.use(session({',
    '  secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, rolling: true,',
    "  cookie: { maxAge: 15 * 60 * 1000, httpOnly: true, secure: true, sameSite: 'lax' },",
    '}));',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    let quoteChar: string | undefined;
    const quote = (): string => (quoteChar ??= fileQuote(context));
    for (const session of sessionCalls(context)) {
      // A timeout the file sets later (`sess.cookie.maxAge = …`) is a timeout.
      const name = session.optionsName;
      const timeoutPaths = session.library === 'express-session' ? ['cookie.maxAge', 'cookie.expires', 'rolling', 'store'] : ['maxAge', 'expires'];
      if (name !== undefined && timeoutPaths.some((path) => changesPath(context, name, path))) {
        continue;
      }
      let options = session.options;
      let entries = session.entries;
      let partial = session.partial;
      const arg = unwrap(session.optionsArg);
      if (!options && arg?.type === 'identifier') {
        options = objectLiteral(unchangedValueOfName(context, arg));
        entries = options ? objectEntries(options) : undefined;
        partial = options ? hasSpread(options) : false;
      }
      if (!options || !entries || partial) {
        continue;
      }
      if (session.library === 'express-session') {
        checkExpressSession(context, session.callee, options, entries, quote);
      } else if (session.library === 'cookie-session') {
        if (isSet(entries.get('maxAge')) || isSet(entries.get('expires'))) {
          reportLong(context, entries.get('maxAge'));
          continue;
        }
        context.report({
          start: session.callee.startIndex,
          end: session.callee.endIndex,
          message: `cookie-session is configured without maxAge: the session never expires while the browser stays open (${guidance}). Set maxAge.`,
          fixes: [{ title: 'Add a 15-minute maxAge', preferred: true, edits: [appendToObject(options, `maxAge: ${fifteenMinutes}`)] }],
        });
      } else {
        const maxAge = entries.get('maxAge');
        const value = maxAge ? entryValue(maxAge) : undefined;
        if (value && stringValue(value) === 'session') {
          context.report({
            start: maxAge!.startIndex,
            end: maxAge!.endIndex,
            message: `koa-session with maxAge: 'session' keeps the session until the browser closes (${guidance}). Set a maxAge in milliseconds.`,
            fixes: [{ title: 'Use a 15-minute maxAge', preferred: true, edits: [{ start: value.startIndex, end: value.endIndex, newText: fifteenMinutes }] }],
          });
        } else {
          reportLong(context, maxAge);
        }
      }
    }
  },
};

function checkExpressSession(
  context: SyntaxContext,
  callee: SyntaxNode,
  options: SyntaxNode,
  entries: ReadonlyMap<string, SyntaxNode>,
  quote: () => string,
): void {
  if (storeHasTtl(entries)) {
    return;
  }
  const rolling = entries.get('rolling');
  // An explicit `rolling: false` is a choice (an absolute timeout); only a missing one is added.
  const rollingEdit: EditSpec[] = rolling ? [] : [appendToObject(options, 'rolling: true')];
  const cookie = entries.get('cookie');
  if (!cookie) {
    const q = quote();
    const members = `${rolling ? '' : 'rolling: true, '}cookie: { maxAge: ${fifteenMinutes}, httpOnly: true, secure: true, sameSite: ${q}lax${q} }`;
    context.report({
      start: callee.startIndex,
      end: callee.endIndex,
      message: `express-session is configured without cookie.maxAge: the session never times out while the browser stays open (${guidance}). Set cookie.maxAge with rolling: true.`,
      fixes: [{ title: 'Add a 15-minute idle timeout (and a secure session cookie)', preferred: true, edits: [appendToObject(options, members)] }],
    });
    return;
  }
  const cookieValue = unwrap(entryValue(cookie));
  const cookieObject = cookieValue?.type === 'object' ? cookieValue : undefined;
  if (!cookieObject || hasSpread(cookieObject)) {
    return;
  }
  const cookieEntries = objectEntries(cookieObject);
  if (isSet(cookieEntries.get('maxAge')) || isSet(cookieEntries.get('expires'))) {
    reportLong(context, cookieEntries.get('maxAge'));
    return;
  }
  const key = cookie.type === 'pair' ? (cookie.childForFieldName('key') ?? cookie) : cookie;
  const existing = cookieEntries.get('maxAge');
  const maxAgeEdit: EditSpec =
    existing && existing.type === 'pair' && entryValue(existing)
      ? { start: entryValue(existing)!.startIndex, end: entryValue(existing)!.endIndex, newText: fifteenMinutes }
      : prependToObject(cookieObject, `maxAge: ${fifteenMinutes}`);
  context.report({
    start: key.startIndex,
    end: key.endIndex,
    message: `The session cookie has no maxAge: the session never times out while the browser stays open (${guidance}). Set cookie.maxAge with rolling: true.`,
    fixes: [{ title: 'Add a 15-minute idle timeout', preferred: true, edits: [maxAgeEdit, ...rollingEdit] }],
  });
}

function reportLong(context: SyntaxContext, maxAge: SyntaxNode | undefined): void {
  const value = maxAge ? entryValue(maxAge) : undefined;
  const ms = constantNumber(value);
  if (!value || ms === undefined || ms <= day) {
    return;
  }
  context.report({
    start: maxAge!.startIndex,
    end: maxAge!.endIndex,
    severity: 'info',
    message: `The session lasts ${duration(ms)} (${guidance}). Use a short maxAge with rolling: true, and a separate "remember me" flow if you need one.`,
    fixes: [{ title: 'Use a 15-minute maxAge', preferred: false, edits: [{ start: value.startIndex, end: value.endIndex, newText: fifteenMinutes }] }],
  });
}
