import { assignedPropertyName, callArguments, calledMethodName, calleeOf, moduleBindings, nameWords, normalizeName, propertyName, stringValue, unwrap, valueOfName } from '../js/express';
import { lastSegment } from '../js/syntax';
import type { Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';

// Words that make a storage key or cookie name an authentication credential.
const authWords = new Set([
  'token', 'tokens', 'jwt', 'jwts', 'auth', 'authorization', 'session', 'sessionid', 'sid', 'bearer', 'credential',
  'credentials', 'password', 'secret', 'apikey', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken',
]);
const authNames = new Set(['connectsid', 'jsessionid', 'phpsessid', 'aspnetsessionid']);
// Tokens that are not credentials, or that script must be able to read (double-submit CSRF cookies).
const notAuth = /csrf|xsrf|push|fcm|device|captcha|notification|pagetoken|nexttoken|cursor/;

/** `accessToken`, `auth_token`, `jwt`, `session`, `ucanpay-api-key` → true; `theme`, `cart`, `author` → false. */
export function isAuthName(name: string): boolean {
  const normalized = normalizeName(name);
  if (!normalized || notAuth.test(normalized)) {
    return false;
  }
  if (authNames.has(normalized)) {
    return true;
  }
  const words = nameWords(name);
  return words.some((word, i) => authWords.has(word) || (word === 'api' && words[i + 1] === 'key'));
}

const storageObjects = new Set(['localStorage', 'sessionStorage']);
/** `document.cookie = …`, `localStorage.token = …`, `localStorage['token'] = …`, `window.sessionStorage.x = …`. */
function isStorageAssignment(assignment: SyntaxNode): boolean {
  if (assignedPropertyName(assignment) === 'cookie') {
    return true;
  }
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'member_expression' && left?.type !== 'subscript_expression') {
    return false;
  }
  const object = left.childForFieldName('object');
  const name =
    object?.type === 'identifier' ? object.text : object?.type === 'member_expression' ? object.childForFieldName('property')?.text : undefined;
  return name !== undefined && storageObjects.has(name);
}

function storageMessage(storage: string, key: string): string {
  return `The credential '${shorten(key)}' is stored in ${storage}: any script on the page (an XSS payload, a compromised dependency) can read it. Keep it in an HttpOnly, Secure cookie set by the server.`;
}

function cookieMessage(name: string): string {
  return `The '${shorten(name)}' cookie is written from client-side script, so it cannot be HttpOnly: any script on the page can read it. Let the server set it with HttpOnly, Secure and SameSite.`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The literal text a cookie assignment starts with: `'sid=' + v`, `` `token=${t}` ``. */
function leadingText(node: SyntaxNode | undefined, depth = 0): string | undefined {
  const value = unwrap(node);
  if (!value || depth > 10) {
    return undefined;
  }
  if (value.type === 'string') {
    return value.text.slice(1, -1);
  }
  if (value.type === 'template_string') {
    const first = value.namedChildren[0];
    return first?.type === 'string_fragment' ? first.text : undefined;
  }
  if (value.type === 'binary_expression' && value.childForFieldName('operator')?.text === '+') {
    return leadingText(value.childForFieldName('left') ?? undefined, depth + 1);
  }
  return undefined;
}

function cookieName(text: string | undefined): string | undefined {
  const match = text === undefined ? null : /^\s*([^=;\s]+)=/.exec(text);
  return match ? match[1] : undefined;
}

// Inline scripts of HTML pages and Vue/Svelte/Astro components.
const htmlStorageCall = /\b(localStorage|sessionStorage)\.setItem\(\s*(['"`])([^'"`\n]{1,100})\2/g;
const htmlStorageAssign = /\b(localStorage|sessionStorage)(?:\.([A-Za-z_$][\w$]{0,100})|\[\s*(['"])([^'"\n]{1,100})\3\s*\])\s*=(?!=)/g;
const htmlCookieAssign = /\bdocument\.cookie\s*=(?!=)\s*(['"`])\s*([^'"`=;\s]{1,100})=/g;
const htmlJsCookie = /\bCookies\.set\(\s*(['"`])([^'"`\n]{1,100})\1/g;

function checkHtml(context: TextContext): void {
  const text = context.text;
  const lower = text.toLowerCase();
  for (let open = lower.indexOf('<script'); open >= 0; open = lower.indexOf('<script', open + 1)) {
    const after = lower[open + '<script'.length];
    if (after !== '>' && after !== ' ' && after !== '\t' && after !== '\n' && after !== '\r') {
      continue;
    }
    const tagEnd = text.indexOf('>', open);
    if (tagEnd < 0) {
      return;
    }
    const attributes = text.slice(open + '<script'.length, tagEnd);
    const close = lower.indexOf('</script', tagEnd);
    const end = close < 0 ? text.length : close;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1].toLowerCase();
    if (!type || /javascript|module|ecmascript|typescript|^ts$|babel|jsx/.test(type)) {
      checkScriptText(context, text.slice(tagEnd + 1, end), tagEnd + 1);
    }
    open = end;
  }
}

function checkScriptText(context: TextContext, script: string, offset: number): void {
  const skip = commentRanges(script);
  const inComment = (index: number): boolean => skip.some(([from, to]) => index >= from && index < to);
  for (const pattern of [htmlStorageCall, htmlStorageAssign, htmlCookieAssign, htmlJsCookie]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(script); match; match = pattern.exec(script)) {
      if (inComment(match.index)) continue;
      let name: string;
      let message: string;
      // The reported text: `localStorage.setItem`, `localStorage.token`, `document.cookie`, `Cookies.set`.
      let length: number;
      if (pattern === htmlStorageCall) {
        name = match[3];
        message = storageMessage(match[1], name);
        length = `${match[1]}.setItem`.length;
      } else if (pattern === htmlStorageAssign) {
        name = match[2] ?? match[4];
        message = storageMessage(match[1], name);
        length = match[0].slice(0, -1).trimEnd().length;
      } else {
        name = match[2];
        message = cookieMessage(name);
        length = pattern === htmlCookieAssign ? 'document.cookie'.length : 'Cookies.set'.length;
      }
      if (!name || !isAuthName(name) || name === 'setItem' || name === 'getItem') continue;
      context.report({ start: offset + match.index, end: offset + match.index + length, message });
    }
  }
}

/**
 * `//` and `/* *\/` comments of a script, found in one pass (string literals are skipped, so
 * `'http://…'` is not a comment).
 */
function commentRanges(script: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let quote = '';
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || (c === '\n' && quote !== '`')) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '/' && script[i + 1] === '/') {
      const end = script.indexOf('\n', i);
      ranges.push([i, end < 0 ? script.length : end]);
      i = end < 0 ? script.length : end;
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      ranges.push([i, end < 0 ? script.length : end + 2]);
      i = end < 0 ? script.length : end + 1;
    }
  }
  return ranges;
}

export const tokenInClientStorage: Rule = {
  id: 'token-in-client-storage',
  title: 'Auth token stored by client-side script',
  section: 'Session Management',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['html'],
  literals: ['localstorage', 'sessionstorage', 'document.cookie', 'cookies.set'],
  mappings: {
    cwe: ['CWE-922', 'CWE-1004'],
    owasp: ['A04:2021 Insecure Design', 'A07:2021 Identification and Authentication Failures'],
    pciDss: ['6.2.4'],
  },
  description: [
    'Everything a page\'s script can write, any script on the page can read: an XSS bug, a compromised npm',
    'dependency, a browser extension. A session token or JWT in `localStorage` or in a cookie written by',
    '`document.cookie` (which can never be HttpOnly) is one injected `fetch` away from an attacker, who can then act',
    'as the user from anywhere.',
    '',
    'The rule reports credentials written from client-side code:',
    '',
    "- `localStorage.setItem('token', …)`, `sessionStorage.setItem('accessToken', …)`, `localStorage.jwt = …`,",
    "  `localStorage['session'] = …`, for keys naming a token, JWT, session, auth state, API key or password",
    '  (a same-file constant key is read: `localStorage.setItem(TOKEN_KEY, …)`);',
    "- `document.cookie = 'session=' + …` / `` `token=${…}` ``, and js-cookie's `Cookies.set('token', …)`;",
    '- the same in inline `<script>` blocks of HTML, Vue, Svelte and Astro files.',
    '',
    "It stays quiet for other keys (`theme`, `cart`, `locale`), for CSRF double-submit cookies (`XSRF-TOKEN`, meant to",
    'be read by script), push/device tokens, reading and removing.',
    '',
    '**Fix:** let the server set the session in a cookie with `HttpOnly`, `Secure` and `SameSite`, and send requests',
    "with `credentials: 'include'`; keep short-lived access tokens in memory only. There is no automatic fix: the",
    'change spans client and server.',
    '',
    '```js',
    '// Flagged',
    "localStorage.setItem('accessToken', data.token);",
    '// Secure (server side)',
    "res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 15 * 60 * 1000 });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const keyName = (node: SyntaxNode | undefined): string | undefined => {
      const value = unwrap(node);
      const literal = stringValue(value);
      if (literal !== undefined) return literal;
      // `keys.TOKEN`: judge by the name.
      if (value?.type === 'member_expression') return propertyName(value);
      if (value?.type !== 'identifier') return undefined;
      return stringValue(valueOfName(context, value)) ?? value.text;
    };
    const jsCookie = moduleBindings(context, 'js-cookie').whole;

    const assignments: SyntaxNode[] = [];
    // `localStorage.setItem(…)`, `Cookies.set(…)` and the assignments, in document order.
    for (const node of context.nodes('call_expression', 'assignment_expression')) {
      if (node.type === 'assignment_expression') {
        if (isStorageAssignment(node)) assignments.push(node);
        continue;
      }
      const calledMethod = calledMethodName(context, node);
      if (calledMethod !== 'setItem' && calledMethod !== 'set') continue;
      const callee = unwrap(calleeOf(node));
      if (callee?.type !== 'member_expression') continue;
      const method = propertyName(callee);
      const object = unwrap(callee.childForFieldName('object'));
      const objectName = lastSegment(object);
      const args = callArguments(node);
      if (method === 'setItem' && storageObjects.has(objectName) && args.length >= 2) {
        const key = keyName(args[0]);
        if (key === undefined || !isAuthName(key) || stringValue(args[1]) === '') continue;
        context.report({ start: node.startIndex, end: node.endIndex, message: storageMessage(objectName, key) });
      } else if (method === 'set' && object && (jsCookie.has(object.text) || object.text === 'Cookies') && args.length >= 2) {
        const name = keyName(args[0]);
        if (name === undefined || !isAuthName(name)) continue;
        context.report({ start: callee.startIndex, end: callee.endIndex, message: cookieMessage(name) });
      }
    }

    for (const node of assignments) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right') ?? undefined;
      if (!left) continue;
      const object = unwrap(left.childForFieldName('object'));
      const property = left.type === 'member_expression' ? propertyName(left) : keyName(left.childForFieldName('index') ?? undefined);
      if (property === undefined || !object) continue;
      if (property === 'cookie' && lastSegment(object) === 'document') {
        const name = cookieName(leadingText(right));
        if (name && isAuthName(name)) {
          context.report({ start: left.startIndex, end: left.endIndex, message: cookieMessage(name) });
        }
      } else if (storageObjects.has(lastSegment(object)) && isAuthName(property) && stringValue(right) !== '') {
        context.report({ start: left.startIndex, end: left.endIndex, message: storageMessage(lastSegment(object), property) });
      }
    }
  },

  checkText(context: TextContext): void {
    if (context.kind === 'html') {
      checkHtml(context);
    }
  },
};
