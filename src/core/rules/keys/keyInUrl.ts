import { callSites } from '../js/callSites';
import { pairSites } from '../js/pairSites';
import { stringSites } from '../js/stringSites';
import { lastSegment, stringContent } from '../js/syntax';
import type { Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { envRead, inRanges, isUcanpaySecretName } from './clientSide';
import { analysedFences } from './fileRoles';
import { isCredentialName, isPlaceholderValue, looksLikeSecret } from './secrets';
import { findUcanpayKeys, maskKey, ucanpayKeyLiterals } from './ucanpayKeys';

/**
 * What a query parameter's value is: a UCanPay key (literal or read from a UCanPay variable), some
 * other credential, or nothing to report.
 */
type Verdict = 'ucanpay' | 'credential' | undefined;
/** What an expression or variable in a URL reads. */
type Source = 'ucanpay' | 'credential' | 'other';

// Parameter names that say "this is a credential": any non-constant value under them is one.
const credentialParams = new Set([
  'api_key', 'apikey', 'api-key', 'x-api-key', 'api_token', 'apitoken', 'access_token', 'auth_token',
  'secret', 'client_secret', 'secret_key', 'private_key',
]);
// `key=` is a credential only when the value looks like one (a cache key, a sort key are not).
const weakParams = new Set(['key']);

const queryParam = /[?&;]([A-Za-z0-9_.[\]-]{1,64})=/g;
const literalValue = /^[^&#\s'"`;]*/;
// Web URLs only: `otpauth://…?secret=` carries its secret by design (it becomes a QR code, not a request).
const absoluteUrl = /\b(?:https?|wss?|ftps?):\/\/[^\s"'<>`]+/gi;

function literalVerdict(param: string, value: string): Verdict {
  if (findUcanpayKeys(value).length) {
    return 'ucanpay';
  }
  if (/ucp_(?:live|test|whsec)_/.test(value) || isPlaceholderValue(value)) {
    return undefined;
  }
  if (credentialParams.has(param)) {
    return looksLikeSecret(value, { minLength: 16 }) ? 'credential' : undefined;
  }
  // Google's browser keys (AIza…) are made to be sent in URLs and are restricted by referrer.
  return weakParams.has(param) && !value.startsWith('AIza') && looksLikeSecret(value, { minLength: 20 }) ? 'credential' : undefined;
}

function sourceVerdict(param: string, source: Source): Verdict {
  if (source === 'ucanpay') {
    return 'ucanpay';
  }
  if (credentialParams.has(param)) {
    return 'credential';
  }
  return weakParams.has(param) && source === 'credential' ? 'credential' : undefined;
}

function nameSource(name: string): Source {
  if (isUcanpaySecretName(name)) {
    return 'ucanpay';
  }
  return isCredentialName(name) ? 'credential' : 'other';
}

const encoders = new Set(['encodeURIComponent', 'encodeURI', 'escape', 'String']);

/** What a JS/TS expression put into a URL reads. */
function expressionSource(node: SyntaxNode | null | undefined, text: string, depth = 0): Source {
  if (!node || depth > 8) {
    return 'other';
  }
  switch (node.type) {
    case 'string':
    case 'template_string': {
      const content = stringContent(node, text);
      return content && findUcanpayKeys(content.value).length ? 'ucanpay' : 'other';
    }
    case 'parenthesized_expression':
    case 'await_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
      return expressionSource(node.namedChildren[0], text, depth + 1);
    case 'binary_expression':
    case 'ternary_expression': {
      const sources = node.namedChildren.map((child) => expressionSource(child, text, depth + 1));
      return sources.includes('ucanpay') ? 'ucanpay' : sources.includes('credential') ? 'credential' : 'other';
    }
    case 'call_expression': {
      const callee = lastSegment(node.childForFieldName('function'));
      if (encoders.has(callee)) {
        return expressionSource(node.childForFieldName('arguments')?.namedChildren[0], text, depth + 1);
      }
      return nameSource(callee);
    }
    case 'identifier':
    case 'member_expression':
    case 'subscript_expression': {
      const env = node.type === 'identifier' ? undefined : envRead(node);
      return nameSource(env?.name ?? lastSegment(node));
    }
    default:
      return 'other';
  }
}

// Option keys HTTP clients turn into the query string: axios `params`, got/ky `searchParams`, request `qs`.
const queryOptionKeys = new Set(['params', 'searchParams', 'qs']);
const searchParamSetters = new Set(['set', 'append']);

/** A query parameter written as data, not in a URL string: `params: { api_key: key }`, `url.searchParams.set('api_key', key)`. */
interface QueryEntry {
  readonly param: string;
  /** Where the finding goes: the entry, or the setter call. */
  readonly node: SyntaxNode;
  readonly value: SyntaxNode | null;
}

function queryEntries(context: SyntaxContext): QueryEntry[] {
  const entries: QueryEntry[] = [];
  for (const pair of pairSites(context)) {
    const inner = pair.key !== undefined && queryOptionKeys.has(pair.key) ? pair.value : null;
    // The options of a call: the object holding `params` is an argument (`axios.get(url, { params })`).
    if (inner?.type !== 'object' || pair.object?.parent?.type !== 'arguments') {
      continue;
    }
    for (const entry of inner.namedChildren) {
      if (entry?.type === 'pair') {
        const keyNode = entry.childForFieldName('key');
        const key = keyNode ? (stringContent(keyNode, context.text)?.value ?? keyNode.text) : undefined;
        if (key) entries.push({ param: key, node: entry, value: entry.childForFieldName('value') });
      } else if (entry?.type === 'shorthand_property_identifier') {
        entries.push({ param: entry.text, node: entry, value: entry });
      }
    }
  }
  if (context.text.includes('searchParams')) {
    for (const site of callSites(context)) {
      if (site.method === undefined || !searchParamSetters.has(site.method) || site.callee?.receiver === null || lastSegment(site.callee?.receiver) !== 'searchParams') {
        continue;
      }
      const name = site.args[0] ? stringContent(site.args[0], context.text)?.value : undefined;
      if (name && site.args[1]) entries.push({ param: name, node: site.node, value: site.args[1] });
    }
  }
  return entries;
}

/** The verdict on a query parameter written as data: its literal value, or what the expression reads. */
function entryVerdict(entry: QueryEntry, text: string): { verdict: Verdict; key?: string } {
  const param = entry.param.toLowerCase();
  const value = entry.value;
  if (value?.type === 'string' || (value?.type === 'template_string' && !value.namedChildren.some((child) => child?.type === 'template_substitution'))) {
    const literal = stringContent(value, text)?.value ?? '';
    return { verdict: literalVerdict(param, literal), key: findUcanpayKeys(literal)[0]?.value };
  }
  return { verdict: sourceVerdict(param, expressionSource(value, text)) };
}

/** The operand that follows a string in a `+` concatenation: `'…?api_key=' + key` → `key`. */
function nextOperand(node: SyntaxNode): SyntaxNode | undefined {
  let current = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === 'parenthesized_expression') {
      continue;
    }
    if (parent.type !== 'binary_expression' || parent.childForFieldName('operator')?.text !== '+') {
      return undefined;
    }
    const left = parent.childForFieldName('left');
    if (left?.id === current.id) {
      let right = parent.childForFieldName('right');
      // `'…=' + key + '&x=1'` parses as ((s + key) + …): the operand is the left of the right side's chain.
      while (right?.type === 'binary_expression' && right.childForFieldName('operator')?.text === '+') {
        right = right.childForFieldName('left');
      }
      return right ?? undefined;
    }
  }
  return undefined;
}

function variableSource(value: string): Source | undefined {
  const name =
    /^\$\{?([A-Za-z_]\w{0,127})/.exec(value)?.[1] ??
    /^\{\{\s{0,8}([\w.$-]{1,128})/.exec(value)?.[1] ??
    /^%([A-Za-z_]\w{0,127})%/.exec(value)?.[1];
  if (name) {
    return nameSource(name.slice(name.lastIndexOf('.') + 1));
  }
  return value.startsWith('${') || value.startsWith('{{') || value.startsWith('$(') ? 'other' : undefined;
}

function message(verdict: 'ucanpay' | 'credential', param: string, key?: string): string {
  if (param === 'user-info' && key) {
    return `A UCanPay key (${maskKey(key)}) is written into a URL: URLs end up in server, proxy and browser logs. Send it in the Authorization: Bearer header instead, and rotate it.`;
  }
  if (verdict === 'ucanpay') {
    const what = key ? `A UCanPay key (${maskKey(key)})` : 'A UCanPay key';
    return `${what} is sent in the URL (${param}=): URLs end up in server, proxy and browser logs. Send it in the Authorization: Bearer header instead${key ? ', and rotate it' : ''}.`;
  }
  return `A secret is sent in the URL's query string (${param}=): URLs end up in server, proxy and browser logs. Send it in a header (Authorization) or the request body instead.`;
}

interface Finding {
  readonly start: number;
  readonly end: number;
  readonly verdict: 'ucanpay' | 'credential';
  readonly param: string;
  readonly key?: string;
}

/**
 * Query parameters and user-info keys of the URLs in `value` (a string's content or a line of
 * text). `resolve` judges what follows `param=` when it is not a plain literal (JS/TS only).
 */
function scanUrlText(
  value: string,
  base: number,
  resolve: (index: number) => { source: Source; end: number } | undefined,
  skip: (index: number) => boolean,
): Finding[] {
  const found: Finding[] = [];
  queryParam.lastIndex = 0;
  for (let match = queryParam.exec(value); match; match = queryParam.exec(value)) {
    if (skip(match.index)) {
      continue;
    }
    // A query string: a `?` earlier in the same whitespace-free token (not a form body `a=1&b=2`).
    const tokenStart = Math.max(value.lastIndexOf(' ', match.index), value.lastIndexOf('\n', match.index)) + 1;
    if (value.lastIndexOf('?', match.index) < tokenStart || value.startsWith('otpauth:', tokenStart)) {
      continue;
    }
    const param = match[1].toLowerCase();
    const valueStart = match.index + match[0].length;
    const resolved = resolve(valueStart);
    let verdict: Verdict;
    let end: number;
    let key: string | undefined;
    if (resolved) {
      verdict = sourceVerdict(param, resolved.source);
      end = resolved.end;
    } else {
      const literal = literalValue.exec(value.slice(valueStart))?.[0] ?? '';
      end = base + valueStart + literal.length;
      const variable = variableSource(literal);
      verdict = variable ? sourceVerdict(param, variable) : literalVerdict(param, literal);
      key = findUcanpayKeys(literal)[0]?.value;
    }
    if (verdict) {
      found.push({ start: base + match.index + 1, end, verdict, param: match[1], ...(key ? { key } : {}) });
    }
  }
  // `https://ucp_live_…@api.ucanpay.com`, `https://user:ucp_live_…@…`
  for (const key of findUcanpayKeys(value)) {
    const before = value.slice(Math.max(0, key.start - 300), key.start);
    const scheme = before.lastIndexOf('://');
    if (scheme < 0 || /[/?#@\s]/.test(before.slice(scheme + 3))) {
      continue;
    }
    if (/^(?::[^/?#@\s]{0,300})?@/.test(value.slice(key.end, key.end + 302))) {
      found.push({ start: base + key.start, end: base + key.end, verdict: 'ucanpay', param: 'user-info', key: key.value });
    }
  }
  return found;
}

export const keyInUrl: Rule = {
  id: 'key-in-url',
  title: 'API key or secret sent in a URL',
  section: 'Authentication and Authorization',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'json', 'yaml', 'properties', 'dockerfile', 'shell', 'markdown', 'html'],
  literals: ['key=', 'secret=', 'token=', 'ucanpay_', 'params', 'qs', ...ucanpayKeyLiterals],
  mappings: {
    cwe: ['CWE-598', 'CWE-532'],
    owasp: ['A04:2021 Insecure Design', 'A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.3.2'],
  },
  description: [
    'A URL is not a private place: web servers, load balancers, proxies and CDNs log it, browsers keep it in history and',
    'send it in `Referer` headers, and error trackers record it. A key in a query string ends up in all of those.',
    'UCanPay authenticates with the `Authorization: Bearer <key>` header, never with a URL.',
    '',
    'The rule reads URLs in JavaScript/TypeScript strings and template strings (and the operand concatenated after',
    "`'…?api_key=' + key`), query strings built from data (the `params` option of axios, `searchParams` of got and ky,",
    '`qs` of request, `url.searchParams.set/append(…)`), and absolute URLs in configuration files, scripts, Markdown and',
    'HTML. It reports:',
    '',
    '- as an **error**, a UCanPay key in a URL: a `ucp_…` key literal in any query parameter or in the user-info part',
    "  (`https://ucp_live_…@api.ucanpay.com`), or a UCanPay key variable (`${process.env.UCANPAY_API_KEY}`, `$UCANPAY_API_KEY`);",
    '- as a **warning**, a credential parameter — `api_key`, `apikey`, `api-key`, `api_token`, `access_token`, `auth_token`,',
    '  `secret`, `client_secret`, `secret_key`, `private_key` — whose value is an expression or variable, or a literal that',
    '  looks generated (16+ characters, mixed classes, high entropy); and `key=` when its value reads a credential',
    '  (`${apiKey}`) or is a generated-looking literal of 20+ characters.',
    '',
    'It stays quiet for `?key=${encodeURIComponent(id)}` and other `key=` values that are not credentials (cache keys, sort',
    'keys), for placeholders (`?api_key=YOUR_API_KEY`, `<key>`, `xxx`), for form bodies (`grant_type=…&client_secret=…`',
    "without a `?`: they travel in the request body), for Google's browser keys (`key=AIza…`, made to be used in URLs and",
    'restricted by referrer), and for signed-URL parameters such as `signature=`, `X-Amz-Signature=` or `sig=`: a signature',
    'is scoped to one request and expires, and signed URLs exist to be shared. `otpauth://…?secret=` URIs carry their secret by',
    'design (they become QR codes, not requests); in configuration and docs only `http(s)`, `ws(s)` and `ftp(s)` URLs are read.',
    '',
    '**Fix:** send the key in the `Authorization` header (UCanPay: `Authorization: Bearer <key>`); rotate a key that has',
    'already been sent in URLs, since it is in the logs.',
    '',
    '```js',
    '// Flagged',
    'await fetch(`https://api.ucanpay.com/v1/account?api_key=${process.env.UCANPAY_API_KEY}`);',
    '// Secure',
    "await fetch('https://api.ucanpay.com/v1/account', { headers: { Authorization: `Bearer ${process.env.UCANPAY_API_KEY}` } });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const { text } = context;
    for (const content of stringSites(context)) {
      const node = content.node;
      if (!/[?&;@]/.test(content.value)) {
        continue;
      }
      const substitutions =
        node.type === 'template_string' ? node.namedChildren.filter((child): child is SyntaxNode => child?.type === 'template_substitution') : [];
      const resolve = (index: number) => {
        const at = content.offset + index;
        const substitution = substitutions.find((child) => child.startIndex === at);
        if (substitution) {
          return { source: expressionSource(substitution.namedChildren[0], text), end: substitution.endIndex };
        }
        // `'…?api_key=' + key`: the value is the next operand.
        if (index === content.value.length) {
          const operand = nextOperand(node);
          return operand ? { source: expressionSource(operand, text), end: operand.endIndex } : undefined;
        }
        return undefined;
      };
      const skip = (index: number) => substitutions.some((child) => content.offset + index > child.startIndex && content.offset + index < child.endIndex);
      for (const finding of scanUrlText(content.value, content.offset, resolve, skip)) {
        context.report({
          start: finding.start,
          end: finding.end,
          message: message(finding.verdict, finding.param, finding.key),
          ...(finding.verdict === 'credential' ? { severity: 'warning' as const } : {}),
        });
      }
    }
    for (const entry of queryEntries(context)) {
      const { verdict, key } = entryVerdict(entry, text);
      if (verdict) {
        context.report({
          start: entry.node.startIndex,
          end: entry.node.endIndex,
          message: message(verdict, entry.param, key),
          ...(verdict === 'credential' ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },

  checkText(context: TextContext): void {
    let fences: Array<{ start: number; end: number }> | undefined;
    absoluteUrl.lastIndex = 0;
    for (let match = absoluteUrl.exec(context.text); match; match = absoluteUrl.exec(context.text)) {
      const findings = scanUrlText(match[0], match.index, () => undefined, () => false);
      // Fences are computed only when there is something to place (a pass over the file each).
      if (findings.length && inRanges(match.index, (fences ??= analysedFences(context)))) {
        continue;
      }
      for (const finding of findings) {
        context.report({
          start: finding.start,
          end: finding.end,
          message: message(finding.verdict, finding.param, finding.key),
          ...(finding.verdict === 'credential' ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },
};
