import { sharedScopes } from '../js/declarations';
import { expressionUse } from '../js/syntax';
import { callSites, inDocumentOrder } from '../js/callSites';
import { pairSites } from '../js/pairSites';
import {
  appendToObject,
  booleanValue,
  callArguments,
  calleeOf,
  callsOfAliases,
  plainCalleeName,
  chainRoot,
  entryValue,
  hasSpread,
  moduleBindings,
  objectEntries,
  objectLiteral,
  pairKey,
  fileQuote,
  propertyName,
  responseNames,
  stringValue,
  changesPath,
  valueOfName,
  unwrap,
} from '../js/express';
import type { EditSpec, FixSpec, Rule, SyntaxContext, SyntaxNode } from '../rule';
import { sessionCalls, type SessionCall } from './sessionMiddleware';

type Flag = 'httpOnly' | 'secure' | 'sameSite';
const allFlags: readonly Flag[] = ['httpOnly', 'secure', 'sameSite'];

/** How a library treats flags the options leave out. */
interface Defaults {
  /** Flags the library sets on its own. */
  readonly set: ReadonlySet<Flag>;
  /** We do not know the library's defaults: report only flags explicitly turned off. */
  readonly explicitOnly?: boolean;
}

const noDefaults: Defaults = { set: new Set() };
// The `cookies` package (Koa's ctx.cookies, cookie-session, koa-session): HttpOnly by default,
// Secure when the request came over HTTPS.
const cookiesPackage: Defaults = { set: new Set<Flag>(['httpOnly', 'secure']) };
const expressSession: Defaults = { set: new Set<Flag>(['httpOnly']) };
const unknownDefaults: Defaults = { set: new Set(), explicitOnly: true };

// Cookies meant for client-side script: preferences, consent. They need no HttpOnly.
const clientCookieName = /^(?:theme|lang|language|locale|next_locale|currency|timezone|tz|consent|cookie_?consent|cookies?_?accepted|gdpr\w*|ui[_-]\w+|sidebar\w*|color[_-]?scheme|dark[_-]?mode|prefers?[_-]\w+)$/i;

const consequences: Record<Flag, string> = {
  httpOnly: 'scripts on the page can read it',
  secure: 'it is also sent over plain HTTP',
  sameSite: 'browsers attach it to cross-site requests',
};
const optionText: Record<Flag, (quote: string) => string> = {
  httpOnly: () => 'httpOnly: true',
  secure: () => 'secure: true',
  sameSite: (quote) => `sameSite: ${quote}lax${quote}`,
};
const attributeText: Record<Flag, string> = { httpOnly: 'HttpOnly', secure: 'Secure', sameSite: 'SameSite=Lax' };

interface CookieSite {
  /** Where a finding about missing flags is reported. */
  readonly anchor: SyntaxNode;
  readonly name: string | undefined;
  /** The options as written: an object literal, something else, or nothing. */
  readonly options: SyntaxNode | undefined;
  /** For calls without options: where `, { … }` is appended. */
  readonly lastArgument: SyntaxNode | undefined;
  readonly defaults: Defaults;
  readonly value?: SyntaxNode;
  /** How the message names the cookie, when not by its name ("The session cookie"). */
  readonly subject?: string;
  /** A session middleware's `cookie` object is missing altogether (no fix here: see session-without-timeout). */
  readonly sessionWithoutCookie?: boolean;
  /** Flags the file sets after writing the options (`sess.cookie.secure = true`): neither missing nor off. */
  readonly flagsSetLater?: ReadonlySet<Flag>;
}

interface Evaluation {
  readonly missing: Flag[];
  /** Pairs that turn a flag off (`secure: false`). */
  readonly off: Array<{ readonly flag: Flag; readonly pair: SyntaxNode; readonly value: SyntaxNode }>;
  readonly object: SyntaxNode | undefined;
}

function flagOf(key: string | undefined): Flag | undefined {
  switch (key?.toLowerCase()) {
    case 'httponly':
      return 'httpOnly';
    case 'secure':
      return 'secure';
    case 'samesite':
      return 'sameSite';
    default:
      return undefined;
  }
}

/** A cookie being deleted (`maxAge: 0`, `expires: new Date(0)`, empty value) needs no flags. */
function isDeletion(object: SyntaxNode | undefined, value: SyntaxNode | undefined): boolean {
  if (value && stringValue(value) === '') {
    return true;
  }
  if (!object) {
    return false;
  }
  const entries = objectEntries(object);
  const maxAge = entries.get('maxAge') ?? entries.get('max-age');
  const expires = entries.get('expires');
  const maxAgeValue = maxAge ? unwrap(entryValue(maxAge)) : undefined;
  const expiresValue = expires ? unwrap(entryValue(expires)) : undefined;
  return (
    (maxAgeValue?.type === 'number' && Number(maxAgeValue.text) <= 0) ||
    (maxAgeValue?.type === 'unary_expression' && maxAgeValue.text.startsWith('-')) ||
    (!!expiresValue && /^newDate\([01]?\)$/.test(expiresValue.text.replace(/\s+/g, '')))
  );
}

function evaluate(object: SyntaxNode | undefined, site: CookieSite): Evaluation | undefined {
  const off: Evaluation['off'] = [];
  const present = new Set<Flag>();
  if (object) {
    for (const child of object.namedChildren) {
      if (!child) continue;
      const flag = flagOf(pairKey(child));
      if (!flag) continue;
      const value = unwrap(entryValue(child));
      if (!value) continue;
      if (booleanValue(value) === false || value.type === 'null' || value.text === 'undefined') {
        if (child.type === 'pair' && booleanValue(value) === false) {
          off.push({ flag, pair: child, value });
        }
        continue;
      }
      present.add(flag);
    }
  }
  const later = site.flagsSetLater;
  const stillOff = later?.size ? off.filter((o) => !later.has(o.flag)) : off;
  if (site.defaults.explicitOnly || (object && hasSpread(object))) {
    // Flags may come from somewhere we cannot see: only what is explicitly off counts.
    return stillOff.length ? { missing: [], off: stillOff, object } : undefined;
  }
  const required = allFlags.filter((flag) => !(flag === 'httpOnly' && site.name !== undefined && clientCookieName.test(site.name)) && !later?.has(flag));
  const missing = required.filter((flag) => !present.has(flag) && !site.defaults.set.has(flag) && !off.some((o) => o.flag === flag));
  return missing.length || stillOff.length ? { missing, off: stillOff, object } : undefined;
}

const flagNames: Record<Flag, string> = { httpOnly: 'HttpOnly', secure: 'Secure', sameSite: 'SameSite' };

/** `a`, `a and b`, `a, b and c`. */
function listing(items: readonly string[], conjunction = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function describe(site: CookieSite, evaluation: Evaluation): string {
  const subject = site.subject ?? (site.name !== undefined ? `Cookie '${site.name.length > 40 ? `${site.name.slice(0, 40)}…` : site.name}'` : 'This cookie');
  const problems: string[] = [];
  if (evaluation.off.length) {
    problems.push(`sets ${listing(evaluation.off.map(({ flag }) => `${flag}: false`))}`);
  }
  if (evaluation.missing.length) {
    problems.push(`has no ${listing(evaluation.missing.map((flag) => flagNames[flag]), 'or')} flag`);
  }
  const wanted = [...evaluation.off.map((o) => o.flag), ...evaluation.missing];
  const effects = wanted.map((flag) => consequences[flag]);
  return `${subject} ${problems.join(' and ')}: ${listing(effects)}. Set ${wanted.map((flag) => optionText[flag]("'")).join(', ')}.`;
}

function fixFor(site: CookieSite, evaluation: Evaluation, quote: string): FixSpec | undefined {
  if (site.sessionWithoutCookie) {
    return undefined;
  }
  const edits: EditSpec[] = evaluation.off.map(({ flag, value }) => ({
    start: value.startIndex,
    end: value.endIndex,
    newText: flag === 'sameSite' ? `${quote}lax${quote}` : 'true',
  }));
  if (evaluation.missing.length) {
    const members = evaluation.missing.map((flag) => optionText[flag](quote)).join(', ');
    if (evaluation.object) {
      edits.push(appendToObject(evaluation.object, members));
    } else if (!site.options && site.lastArgument) {
      edits.push({ start: site.lastArgument.endIndex, end: site.lastArgument.endIndex, newText: `, { ${members} }` });
    } else {
      return undefined;
    }
  }
  const flags = [...evaluation.off.map((o) => o.flag), ...evaluation.missing];
  return { title: `Set ${flags.join(', ')} on the cookie`, preferred: true, edits };
}

// `Set-Cookie` header strings.
function checkHeaderValue(context: SyntaxContext, value: SyntaxNode | undefined): void {
  const node = unwrap(value);
  if (!node) {
    return;
  }
  if (node.type === 'array') {
    for (const element of node.namedChildren) checkHeaderValue(context, element ?? undefined);
    return;
  }
  if (node.type !== 'string' && node.type !== 'template_string') {
    return;
  }
  const text = node.text.slice(1, -1);
  const semicolon = text.indexOf(';');
  const attributes = semicolon >= 0 ? text.slice(semicolon) : '';
  const name = /^\s*([^=;\s]+)=/.exec(text)?.[1];
  if (!name || (node.type === 'template_string' && attributes.includes('${'))) {
    return;
  }
  if (/;\s*max-age\s*=\s*(?:0|-\d+)\b|;\s*expires\s*=\s*thu,\s*0?1 jan 1970/i.test(attributes) || /^[^=;]+=\s*(?:;|$)/.test(text)) {
    return;
  }
  const present = new Set<Flag>();
  if (/;\s*httponly\s*(?:;|$)/i.test(attributes)) present.add('httpOnly');
  if (/;\s*secure\s*(?:;|$)/i.test(attributes)) present.add('secure');
  if (/;\s*samesite\s*=/i.test(attributes)) present.add('sameSite');
  const required = allFlags.filter((flag) => !(flag === 'httpOnly' && clientCookieName.test(name)));
  const missing = required.filter((flag) => !present.has(flag));
  if (!missing.length) {
    return;
  }
  const end = node.endIndex - 1;
  const trimmed = text.trimEnd();
  const addition = `${trimmed.endsWith(';') ? ' ' : '; '}${missing.map((flag) => attributeText[flag]).join('; ')}`;
  const editStart = node.startIndex + 1 + trimmed.length;
  context.report({
    start: node.startIndex,
    end: node.endIndex,
    severity: 'warning',
    message: `Set-Cookie '${name.length > 40 ? `${name.slice(0, 40)}…` : name}' has no ${listing(missing.map((flag) => flagNames[flag]), 'or')} attribute: ${listing(missing.map((flag) => consequences[flag]))}. Add ${missing.map((flag) => attributeText[flag]).join('; ')}.`,
    fixes: [{ title: `Add ${missing.map((flag) => attributeText[flag]).join('; ')}`, preferred: true, edits: [{ start: editStart, end: Math.max(editStart, end), newText: addition }] }],
  });
}

// Methods that set a cookie or a header, and object keys that configure cookies.
const cookieMethods = new Set(['cookie', 'setCookie', 'serialize', 'set', 'setHeader', 'header', 'append', 'setHeaders']);
const cookieFunctions = new Set(['serialize', 'setCookie']);
const cookieKey = /^['"]?(?:[Ss]et-[Cc]ookie|SET-COOKIE|cookies?(?:Options|Opts|Config|Settings)?)['"]?$/;

/** Calls that set a cookie or a header, and object keys that configure cookies, in document order. */
function cookieSites(context: SyntaxContext): SyntaxNode[] {
  const calls = callSites(context)
    .filter((site) => (site.method !== undefined ? cookieMethods.has(site.method) : site.plain !== undefined && cookieFunctions.has(site.plain)))
    .map((site) => site.node);
  const pairs = pairSites(context)
    .filter((site) => (site.keyType === 'property_identifier' || site.keyType === 'string') && cookieKey.test(site.key ?? ''))
    .map((site) => site.node);
  return inDocumentOrder(calls, pairs);
}

export const insecureCookie: Rule = {
  id: 'insecure-cookie',
  title: 'Cookie without HttpOnly, Secure or SameSite',
  section: 'Session Management',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['cookie', 'session'],
  mappings: {
    cwe: ['CWE-614', 'CWE-1004', 'CWE-1275'],
    owasp: ['A05:2021 Security Misconfiguration', 'A07:2021 Identification and Authentication Failures'],
    pciDss: ['4.2.1', '6.2.4'],
  },
  description: [
    'A session or authentication cookie is as good as the password. Three flags protect it:',
    '',
    '- `HttpOnly`: scripts cannot read it, so a cross-site scripting bug cannot steal the session;',
    '- `Secure`: it is only sent over HTTPS, never in clear text;',
    '- `SameSite` (`Lax` or `Strict`): browsers do not attach it to requests from other sites (CSRF).',
    '',
    "The rule reports cookies set without one of them — `res.cookie(name, value, options)` (Express), Fastify's",
    "`reply.setCookie`, Koa's `ctx.cookies.set`, `cookie.serialize`, Hono's `setCookie`, Next.js `cookies().set(…)` and",
    "`response.cookies.set(…)`, `Set-Cookie` header strings — naming the missing flags in one finding. It knows each",
    "library's defaults (Koa and cookie-session are HttpOnly by default; express-session too). It also reports",
    'express-session and cookie-session options that leave the session cookie without `secure`/`sameSite`, and',
    '`cookie: { secure: false }` or `httpOnly: false` in any session configuration.',
    '',
    'A flag turned off explicitly (`secure: false`, `httpOnly: false`) is an **error**; a missing flag is a **warning**.',
    'Preference cookies (`theme`, `locale`, `consent`) need no HttpOnly. The rule stays quiet when the options come',
    'from a variable it cannot see (a same-file object is read; a flag the file sets on it later, as express-session\'s',
    'README does with `sess.cookie.secure = true` in production, counts as set), for `res.clearCookie` and for',
    'cookies being deleted (`maxAge: 0`).',
    '',
    "**Fix:** set `httpOnly: true, secure: true, sameSite: 'lax'`. The quick fix adds the missing flags to the options",
    'object (or adds an options object), turns `false` into `true`, and appends `; HttpOnly; Secure; SameSite=Lax` to',
    'header strings.',
    '',
    '```js',
    '// Flagged',
    "res.cookie('sid', token);",
    '// Secure',
    "res.cookie('sid', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 15 * 60 * 1000 });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    let quoteChar: string | undefined;
    const quote = (): string => (quoteChar ??= fileQuote(context));
    const resolve = (node: SyntaxNode | undefined): SyntaxNode | undefined => {
      const value = unwrap(node);
      if (value?.type === 'object') return value;
      if (value?.type !== 'identifier') return undefined;
      return objectLiteral(valueOfName(context, value));
    };
    /** `site` with the flags the file sets later on its named options (`opts.secure = true`, `Object.assign(opts, …)`). */
    const withLaterFlags = (site: CookieSite): CookieSite => {
      const named = unwrap(site.options);
      const later = named?.type === 'identifier' ? allFlags.filter((flag) => changesPath(context, named, flag)) : [];
      return later.length ? { ...site, flagsSetLater: new Set([...(site.flagsSetLater ?? []), ...later]) } : site;
    };
    const reported = new Set<number>();

    const report = (written: CookieSite): void => {
      const site = withLaterFlags(written);
      const object = resolve(site.options);
      if (site.options && !object && !site.sessionWithoutCookie) {
        return;
      }
      if (isDeletion(object, site.value)) {
        return;
      }
      const evaluation = evaluate(object, site);
      if (!evaluation) {
        return;
      }
      const key = (object ?? site.anchor).id;
      if (reported.has(key)) return;
      reported.add(key);
      if (object) {
        for (const { pair } of evaluation.off) reported.add(pair.id);
      }
      const explicitOff = evaluation.off.some((o) => o.flag === 'secure' || o.flag === 'httpOnly');
      const fix = fixFor(site, evaluation, quote());
      const anchor = evaluation.off.length === 1 && !evaluation.missing.length ? evaluation.off[0].pair : site.anchor;
      context.report({
        start: anchor.startIndex,
        end: anchor.endIndex,
        severity: explicitOff ? 'error' : 'warning',
        message: describe(site, evaluation),
        fixes: fix ? [fix] : [],
      });
    };

    // Session middlewares first: their `cookie` objects are not reported again below.
    for (const session of sessionCalls(context)) {
      const name = session.optionsName;
      // Flags the file sets later (`sess.cookie.secure = true` in production) are set.
      const setLater = (path: string): boolean => name !== undefined && changesPath(context, name, path);
      checkSession(session, resolve, setLater, report);
    }

    const checkPair = (node: SyntaxNode): void => {
      const key = pairKey(node) ?? '';
      if (/^set-cookie$/i.test(key)) {
        checkHeaderValue(context, node.childForFieldName('value') ?? undefined);
        return;
      }
      // `cookie: { secure: false }` in any other session or cookie configuration.
      const object = objectLiteral(node.childForFieldName('value'));
      if (!object || reported.has(object.id)) return;
      report({ anchor: node.childForFieldName('key') ?? object, name: undefined, options: object, lastArgument: undefined, defaults: unknownDefaults });
    };
    const cookieModule = moduleBindings(context, 'cookie');
    const honoCookie = moduleBindings(context, 'hono/cookie');
    const nookies = moduleBindings(context, 'nookies');
    let nextCookieStores: Set<string> | undefined;
    const candidates = [
      ...cookieSites(context),
      ...callsOfAliases(context, ['serialize', 'setCookie'], [...cookieModule.named.keys(), ...honoCookie.named.keys(), ...nookies.named.keys()]),
    ];
    for (const node of candidates) {
      if (node.type === 'pair') {
        checkPair(node);
        continue;
      }
      const callee = unwrap(calleeOf(node));
      if (!callee) continue;
      const args = callArguments(node);
      if (callee.type === 'identifier') {
        const imported = cookieModule.named.get(callee.text) ?? honoCookie.named.get(callee.text) ?? nookies.named.get(callee.text);
        if (imported === 'serialize' && args.length >= 2 && !isRequestCookieHeader(context, node)) {
          report({ anchor: callee, name: stringValue(args[0]), value: args[1], options: args[2], lastArgument: args[args.length - 1], defaults: noDefaults });
        } else if (imported === 'setCookie' && (honoCookie.named.has(callee.text) || nookies.named.has(callee.text)) && args.length >= 3) {
          report({ anchor: callee, name: stringValue(args[1]), value: args[2], options: args[3], lastArgument: args[args.length - 1], defaults: noDefaults });
        }
        continue;
      }
      if (callee.type !== 'member_expression') continue;
      const method = propertyName(callee) ?? '';
      const object = unwrap(callee.childForFieldName('object'));
      if (!object) continue;
      const root = chainRoot(object);
      const rootName = root?.type === 'identifier' ? root.text : '';

      if ((method === 'setHeader' || method === 'header' || method === 'set' || method === 'append' || method === 'setHeaders') && /^set-cookie$/i.test(stringValue(args[0]) ?? '')) {
        checkHeaderValue(context, args[1]);
        continue;
      }
      if ((method === 'cookie' && (responseNames.has(rootName) || rootName === 'ctx')) || method === 'setCookie') {
        if (args.length >= 2 && !(callee.type === 'member_expression' && object.text === 'document')) {
          report({ anchor: callee, name: stringValue(args[0]), value: args[1], options: args[2], lastArgument: args[args.length - 1], defaults: noDefaults });
        }
        continue;
      }
      if (method === 'serialize' && (cookieModule.whole.has(object.text) || object.text === 'cookie')) {
        if (args.length >= 2 && !isRequestCookieHeader(context, node)) {
          report({ anchor: callee, name: stringValue(args[0]), value: args[1], options: args[2], lastArgument: args[args.length - 1], defaults: noDefaults });
        }
        continue;
      }
      if (method !== 'set') continue;
      let defaults: Defaults | undefined;
      if (object.type === 'member_expression' && propertyName(object) === 'cookies') {
        defaults = ['ctx', 'context', 'this'].includes(rootName) ? cookiesPackage : rootName === 'event' ? { set: new Set(allFlags) } : noDefaults;
      } else if (object.type === 'call_expression' && unwrap(object.childForFieldName('function'))?.text === 'cookies') {
        defaults = noDefaults;
      } else if (object.type === 'identifier') {
        if (object.text === 'cookies') {
          defaults = unknownDefaults;
        } else {
          nextCookieStores ??= cookieStoreNames(context);
          if (nextCookieStores.has(object.text)) defaults = noDefaults;
        }
      }
      if (!defaults) continue;
      const single = objectLiteral(args[0]);
      if (single && args.length === 1) {
        const entries = objectEntries(single);
        const nameEntry = entries.get('name');
        const valueEntry = entries.get('value');
        report({ anchor: callee, name: nameEntry ? stringValue(entryValue(nameEntry)) : undefined, value: valueEntry ? entryValue(valueEntry) : undefined, options: single, lastArgument: undefined, defaults });
      } else if (args.length >= 2) {
        report({ anchor: callee, name: stringValue(args[0]), value: args[1], options: args[2], lastArgument: args[args.length - 1], defaults });
      }
    }
  },
};

function checkSession(
  session: SessionCall,
  resolve: (node: SyntaxNode | undefined) => SyntaxNode | undefined,
  setLater: (path: string) => boolean,
  report: (site: CookieSite) => void,
): void {
  const { library, callee } = session;
  const options = session.options ?? resolve(session.optionsArg);
  if (!options) {
    return;
  }
  const entries = session.entries ?? objectEntries(options);
  const partial = session.entries ? session.partial : hasSpread(options);
  // express-session keeps the flags under `cookie`; cookie-session and koa-session at the top.
  const prefix = library === 'express-session' ? 'cookie.' : '';
  const flagsSetLater = new Set(allFlags.filter((flag) => setLater(`${prefix}${flag}`)));
  if (library === 'express-session') {
    const cookie = entries.get('cookie');
    if (!cookie) {
      if (!partial) {
        report({ anchor: callee, subject: 'The session cookie', name: undefined, options: undefined, lastArgument: undefined, defaults: expressSession, sessionWithoutCookie: true, flagsSetLater });
      }
      return;
    }
    const value = entryValue(cookie);
    const key = cookie.type === 'pair' ? cookie.childForFieldName('key') : undefined;
    report({ anchor: key ?? callee, subject: 'The session cookie', name: undefined, options: value, lastArgument: undefined, defaults: expressSession, flagsSetLater });
    return;
  }
  if (session.parts.length > 1) {
    // cookie-session's flags spread over `Object.assign`'s literals: not judged piecewise.
    return;
  }
  report({ anchor: callee, subject: 'The session cookie', name: undefined, options, lastArgument: undefined, defaults: cookiesPackage, flagsSetLater });
}

/**
 * `{ cookie: serialize('a', 'b') }`, `headers.Cookie = serialize(…)`: a `Cookie` request header,
 * where a client sends name=value pairs and Set-Cookie attributes do not apply.
 */
function isRequestCookieHeader(context: SyntaxContext, call: SyntaxNode): boolean {
  const use = expressionUse(call, sharedScopes(context).ancestors(call));
  return use?.kind === 'binding' && /^cookie$/i.test(use.name);
}

/** Names bound to Next.js `cookies()` / `await cookies()` in this file (`const cookieStore = await cookies()`). */
function cookieStoreNames(context: SyntaxContext): Set<string> {
  const names = new Set<string>();
  for (const declarator of context.nodes('variable_declarator')) {
    const name = declarator.childForFieldName('name');
    let value = declarator.childForFieldName('value');
    if (value?.type === 'await_expression') value = value.namedChildren[0];
    if (name?.type === 'identifier' && value?.type === 'call_expression' && plainCalleeName(context, value) === 'cookies') {
      names.add(name.text);
    }
  }
  return names;
}
