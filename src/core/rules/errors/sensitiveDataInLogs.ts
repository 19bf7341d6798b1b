import { callArguments, calledMethodName, chainRoot, entryValue, normalizeName, pairKey, plainCalleeName, propertyName, stringValue, unwrap } from '../js/express';
import { sharedScopes } from '../js/declarations';
import { lastSegment } from '../js/syntax';
import type { Rule, SyntaxContext, SyntaxNode } from '../rule';

/** What a log argument gives away. */
type Category = 'card' | 'cvv' | 'secret' | 'body' | 'headers' | 'environment';

interface Exposure {
  readonly node: SyntaxNode;
  readonly category: Category;
  /** How the message names it: `cardNumber`, `req.headers.authorization`. */
  readonly label: string;
}

/** Evaluation of an expression: exposes something, is explicitly safe (literal, masked), or neutral. */
type Verdict = Exposure | 'safe' | undefined;

const consoleMethods = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);
const loggerMethods = new Set([
  'log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http', 'notice',
  'critical', 'crit', 'alert', 'emerg', 'success',
]);
// Objects that are loggers: `logger.info`, `this.logger.warn`, `req.log.error`, `winston.log`, `paymentLogger.debug`.
const loggerObjects = new Set([
  'log', 'logs', 'logger', 'logging', 'pino', 'winston', 'bunyan', 'consola', 'signale', 'auditlog', 'applog',
  'reqlog', 'requestlog', 'accesslog',
]);
// Functions that are loggers: the `debug` package, a local `log()` helper.
const loggerFunctions = new Set(['debug', 'log', 'dbg', 'logger']);
const logMethods = new Set([...consoleMethods, ...loggerMethods]);

// Card data (PCI DSS: the PAN must be unreadable wherever it is stored, CVV never stored).
const cardNames = new Set([
  'pan', 'cardpan', 'cardnumber', 'cardno', 'cardnum', 'ccnumber', 'ccnum', 'ccno', 'creditcardnumber', 'creditcard',
  'creditcardno', 'primaryaccountnumber', 'cardholderdata', 'carddata', 'carddetails', 'cardinfo', 'rawcard',
  'trackdata', 'track1', 'track2', 'track1data', 'track2data', 'magstripe', 'pin', 'cardpin', 'pinblock', 'pincode',
]);
const cvvSuffixes = ['cvv', 'cvv2', 'cvc', 'cvc2', 'securitycode', 'cardverificationcode', 'cardverificationvalue'];
const secretSuffixes = [
  'password', 'passwd', 'passphrase', 'pwd', 'secret', 'secretkey', 'apikey', 'apisecret', 'token', 'jwt',
  'privatekey', 'signingkey', 'accesskey', 'authorization', 'credentials', 'credential', 'sessionid', 'bearer',
];
// Names that end like a secret but are not one, or are one already made safe.
const notSecret = /(?:mask|redact|last4|lastfour|hash|encrypt|digest|fingerprint|length|count|pagetoken|nexttoken|continuationtoken|cursortoken|synctoken|paginationtoken|resumetoken)/;
const cardExpiry = /exp(?:iry|iration|ires)?(?:date|month|year|mm|yy)?$/;
const booleanPrefix = /^(?:has|is|should|show|needs|requires|require|use|uses|can|did|was|valid|invalid|missing|empty|no)(?=[a-z])/;
// Objects whose `number` / `exp…` properties are card data: `card.number`, `creditCard.expMonth`.
const cardObjects = new Set(['card', 'creditcard', 'paymentcard', 'cardinfo', 'carddetails', 'carddata', 'paymentmethod']);
const cardNumberProperties = new Set(['number', 'num', 'no', 'pan']);
// Request objects whose `body` / `headers` are the whole request.
const requestObjects = new Set(['req', 'request', 'ctx.request', 'context.request', 'event', 'incomingrequest', 'ctx.req']);
const requestRoots = new Set(['req', 'request', 'ctx', 'context', 'event']);
// Environment variables holding secrets: `…_KEY`, `…_SECRET`, `…_TOKEN`, `…_PASSWORD`, and connection strings.
const secretEnvWord = new Set(['KEY', 'SECRET', 'TOKEN', 'PASSWORD', 'PASS', 'PWD', 'PASSPHRASE', 'CREDENTIALS']);
const connectionEnv = /^(?:DATABASE_URL|DB_URL|[A-Z0-9_]*_DSN|(?:MONGO|MONGODB|POSTGRES|PG|MYSQL|REDIS|AMQP|RABBITMQ)_(?:URL|URI))$/;
const publicEnv = /PUBLIC|PUBLISHABLE/;

// Calls that make a value safe to log: `redact(x)`, `maskPan(x)`, `sha256(x)`, `last4(pan)`.
const safeWrapper = /redact|mask|saniti[sz]|scrub|censor|obfuscat|hash|encrypt|truncat|last4|lastfour|omit|strip|hide|anonymi|digest|fingerprint|tokeni[sz]e|sha\d|hmac/;
// Calls that pass their argument through: `JSON.stringify(x)`, `String(x)`, `util.inspect(x)`.
const passThrough = new Set(['stringify', 'String', 'inspect', 'format', 'assign', 'values', 'entries', 'from', 'structuredClone', 'toString']);
// String methods whose result is part of the value, or not the value: `pan.slice(-4)`, `token.length`.
const partialMethods = new Set([
  'slice', 'substring', 'substr', 'replace', 'replaceAll', 'padStart', 'padEnd', 'charAt', 'at', 'includes', 'startsWith',
  'endsWith', 'indexOf', 'test', 'match', 'search', 'localeCompare', 'split',
]);
const wholeMethods = new Set(['toString', 'toJSON', 'valueOf', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase', 'concat', 'join', 'normalize']);
// Headers read one by one: `req.get('Authorization')`, `headers.get('x-api-key')`.
const headerGetters = new Set(['get', 'header', 'getHeader']);

function categoryOfName(name: string): Category | undefined {
  const normalized = normalizeName(name);
  if (!normalized || notSecret.test(normalized)) {
    return undefined;
  }
  if (cardNames.has(normalized) || (normalized.includes('card') && cardExpiry.test(normalized))) {
    return 'card';
  }
  if (booleanPrefix.test(normalized)) {
    return undefined;
  }
  if (cvvSuffixes.some((suffix) => normalized.endsWith(suffix))) {
    return 'cvv';
  }
  if (secretSuffixes.some((suffix) => normalized.endsWith(suffix))) {
    return 'secret';
  }
  return undefined;
}

/** `maskedPan`, `cardLast4`, `passwordHash`, `tokenLength`: already made safe, or not the value. */
function isMaskedName(name: string): boolean {
  return notSecret.test(normalizeName(name));
}

function categoryOfEnv(name: string): Category | undefined {
  if (publicEnv.test(name)) {
    return undefined;
  }
  const words = name.split('_');
  if (secretEnvWord.has(words[words.length - 1]) || connectionEnv.test(name)) {
    return 'secret';
  }
  return categoryOfName(name);
}

function exposure(node: SyntaxNode, category: Category, label?: string): Exposure {
  return { node, category, label: label ?? (node.text.length <= 60 ? node.text : `${node.text.slice(0, 57)}…`) };
}

function evaluate(node: SyntaxNode | undefined, depth = 0): Verdict {
  if (!node || depth > 30) {
    return undefined;
  }
  switch (node.type) {
    case 'string':
    case 'number':
    case 'true':
    case 'false':
    case 'null':
    case 'undefined':
    case 'regex':
    case 'arrow_function':
    case 'function_expression':
    case 'unary_expression':
      return 'safe';
    case 'identifier':
    case 'shorthand_property_identifier': {
      if (node.text === 'undefined' || isMaskedName(node.text)) return 'safe';
      const category = categoryOfName(node.text);
      return category ? exposure(node, category) : undefined;
    }
    case 'member_expression':
    case 'subscript_expression':
      return evaluateMember(node, depth);
    case 'call_expression':
      return evaluateCall(node, depth);
    case 'template_string': {
      let verdict: Verdict = 'safe';
      for (const child of node.namedChildren) {
        if (child?.type !== 'template_substitution') continue;
        const inner = evaluate(unwrap(child.namedChildren[0]), depth + 1);
        if (inner && inner !== 'safe') return inner;
        if (inner === undefined) verdict = undefined;
      }
      return verdict;
    }
    case 'object':
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'spread_element') {
          const inner = evaluate(unwrap(child.namedChildren[0]), depth + 1);
          if (inner && inner !== 'safe') return inner;
          continue;
        }
        const value = child.type === 'pair' ? unwrap(entryValue(child)) : child;
        const inner = evaluate(value, depth + 1);
        if (inner && inner !== 'safe') return inner;
        // `{ password: pw }`: the key says what the value is.
        const key = pairKey(child);
        const category = key !== undefined && child.type === 'pair' ? categoryOfName(key) : undefined;
        if (inner === undefined && category && value && isValueLike(value)) {
          return exposure(child, category, key);
        }
      }
      return undefined;
    case 'array':
      for (const child of node.namedChildren) {
        const inner = evaluate(unwrap(child), depth + 1);
        if (inner && inner !== 'safe') return inner;
      }
      return undefined;
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.text;
      const left = evaluate(unwrap(node.childForFieldName('left')), depth + 1);
      const right = evaluate(unwrap(node.childForFieldName('right')), depth + 1);
      if (operator === '+' || operator === '||' || operator === '??') {
        if (left && left !== 'safe') return left;
        if (right && right !== 'safe') return right;
        return left === 'safe' && right === 'safe' ? 'safe' : undefined;
      }
      if (operator === '&&') return right;
      return 'safe';
    }
    case 'ternary_expression': {
      const consequence = evaluate(unwrap(node.childForFieldName('consequence')), depth + 1);
      const alternative = evaluate(unwrap(node.childForFieldName('alternative')), depth + 1);
      if (consequence && consequence !== 'safe') return consequence;
      if (alternative && alternative !== 'safe') return alternative;
      return consequence === 'safe' && alternative === 'safe' ? 'safe' : undefined;
    }
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
    case 'await_expression':
    case 'spread_element':
      return evaluate(unwrap(node), depth + 1);
    default:
      return undefined;
  }
}

function isValueLike(node: SyntaxNode): boolean {
  return ['identifier', 'member_expression', 'subscript_expression', 'call_expression', 'await_expression'].includes(node.type);
}

function evaluateMember(node: SyntaxNode, depth: number): Verdict {
  const property = propertyName(node);
  const object = unwrap(node.childForFieldName('object'));
  if (property === undefined || !object) {
    return undefined;
  }
  const objectText = object.text.replace(/\s+/g, '');
  if (object.type === 'identifier' && object.text === 'process' && property === 'env') {
    return exposure(node, 'environment');
  }
  if (objectText === 'process.env' || objectText === 'import.meta.env' || objectText === 'Deno.env') {
    const category = categoryOfEnv(property);
    return category ? exposure(node, category) : undefined;
  }
  if (isMaskedName(property)) {
    return 'safe';
  }
  // `HeaderNames.AUTHORIZATION`, `EnvVars.MSI_SECRET`: an enum member names the secret, it is not one.
  if (object.type === 'identifier' && /^[A-Z][a-z][A-Za-z0-9]*$/.test(object.text) && /^[A-Z][A-Z0-9_]*$/.test(property)) {
    return 'safe';
  }
  const category = categoryOfName(property);
  if (category) {
    return exposure(node, category);
  }
  const objectName = normalizeName(lastSegment(object));
  if (cardObjects.has(objectName) && (cardNumberProperties.has(property.toLowerCase()) || /^exp/i.test(property))) {
    return exposure(node, 'card');
  }
  const requestObject = requestObjects.has(objectText.toLowerCase());
  if (property === 'body' && requestObject) {
    return exposure(node, 'body');
  }
  if ((property === 'headers' || property === 'rawHeaders') && requestObject) {
    return exposure(node, 'headers');
  }
  if ((property === 'cookie' || property === 'cookies') && (objectName === 'headers' || requestObject)) {
    return exposure(node, 'secret');
  }
  // `req.body.card` is the card object the client sent.
  if (property === 'card' && unwrap(object.childForFieldName('object')) && propertyName(object) === 'body') {
    return exposure(node, 'card');
  }
  // `err.message.length`, `user.password.length` are numbers.
  if (property === 'length') {
    return 'safe';
  }
  void depth;
  return undefined;
}

function evaluateCall(node: SyntaxNode, depth: number): Verdict {
  const callee = unwrap(node.childForFieldName('function'));
  if (!callee) {
    return undefined;
  }
  const name = lastSegment(callee);
  const normalized = normalizeName(name);
  if (safeWrapper.test(normalized)) {
    return 'safe';
  }
  const args = callArguments(node);
  if (callee.type === 'member_expression' || callee.type === 'subscript_expression') {
    const object = unwrap(callee.childForFieldName('object'));
    if (partialMethods.has(name)) {
      return 'safe';
    }
    if (wholeMethods.has(name)) {
      return evaluate(object, depth + 1);
    }
    if (headerGetters.has(name) && args.length === 1) {
      const header = stringValue(args[0]);
      const category = header !== undefined ? categoryOfName(header) ?? (/^cookie$/i.test(header) ? 'secret' : undefined) : undefined;
      if (category) return exposure(node, category);
    }
    // `await req.json()`, `await request.text()`: the whole body.
    if ((name === 'json' || name === 'text' || name === 'formData') && args.length === 0) {
      const root = chainRoot(object);
      if (object?.type === 'identifier' && root && requestRoots.has(root.text)) return exposure(node, 'body');
    }
  }
  if (passThrough.has(name)) {
    for (const arg of args) {
      const inner = evaluate(unwrap(arg), depth + 1);
      if (inner && inner !== 'safe') return { ...inner, node };
    }
    return undefined;
  }
  // `getApiKey()`, `readToken()`: named for what they return.
  const getter = /^(?:get|read|load|fetch|retrieve)(.+)$/i.exec(name);
  if (getter && args.length <= 1) {
    const category = categoryOfName(getter[1]);
    if (category) return exposure(node, category);
  }
  return undefined;
}

function isLogCall(call: SyntaxNode): boolean {
  const callee = unwrap(call.childForFieldName('function'));
  if (!callee) {
    return false;
  }
  if (callee.type === 'identifier') {
    return loggerFunctions.has(callee.text);
  }
  if (callee.type !== 'member_expression') {
    return false;
  }
  const method = propertyName(callee) ?? '';
  const object = unwrap(callee.childForFieldName('object'));
  if (!object) {
    return false;
  }
  if (object.text === 'console') {
    return consoleMethods.has(method);
  }
  const objectName = normalizeName(lastSegment(object));
  return loggerMethods.has(method) && (loggerObjects.has(objectName) || objectName.endsWith('logger'));
}

const explanations: Record<Category, string> = {
  card: 'card data in logs breaks PCI DSS (the card number must be unreadable wherever it is stored). Log only the last four digits, or redact it',
  cvv: 'the card security code must never be stored, and logs are storage. Remove it from the log call',
  secret: 'anyone who can read the logs can use the credential. Redact it (see the redacting-logger snippet)',
  body: 'a whole request body can carry card numbers, CVVs and passwords. Log the fields you need, or pass it through a redacting logger',
  headers: 'request headers carry Authorization and Cookie values. Log the headers you need, or redact those two',
  environment: 'the environment holds API keys and passwords. Log only the variables you need',
};

const severities: Record<Category, 'error' | 'warning'> = {
  card: 'error',
  cvv: 'error',
  secret: 'error',
  body: 'warning',
  headers: 'warning',
  environment: 'error',
};

export const sensitiveDataInLogs: Rule = {
  id: 'sensitive-data-in-logs',
  title: 'Card data, secrets or whole requests written to logs',
  section: 'Error Handling',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['console', 'log', 'debug', 'pino', 'winston'],
  mappings: {
    cwe: ['CWE-532'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures'],
    pciDss: ['3.3.1', '3.5.1', '8.3.2'],
    gdpr: ['Art. 32'],
  },
  description: [
    'Logs are copied to terminals, log aggregators, support tickets and backups, and read by many more people than',
    'the database. A card number, a CVV, an API key or a password written to a log is stored in all of those places:',
    'PCI DSS forbids storing the CVV at all and requires the card number to be unreadable wherever it is stored.',
    '',
    'The rule reports a log call — `console.log/info/warn/error/debug`, `logger.*`, `log.*`, `this.logger.*`,',
    '`req.log.*`, `winston`/`pino`/`bunyan` instances, `debug(…)` — whose arguments include:',
    '',
    '- card data: `cardNumber`, `pan`, `card.number`, `cvv`/`cvc`, card expiry, `req.body.card` (an **error**);',
    '- secrets: `apiKey`, `password`, `token`, `secret`, `process.env.UCANPAY_API_KEY` and other `*_KEY`/`*_SECRET`/',
    '  `*_TOKEN`/`*_PASSWORD` variables, `req.headers.authorization`, `req.get(\'Authorization\')`, cookies, the whole',
    '  `process.env` (an **error**);',
    '- whole request bodies and headers: `req.body`, `request.body`, `ctx.request.body`, `JSON.stringify(req.body)`,',
    '  `await req.json()`, `req.headers` (a **warning**: they usually carry card data or credentials).',
    '',
    'It follows values into template strings, concatenation, object literals (`{ password: pw }`),',
    '`JSON.stringify` and a same-file `const` (`const line = `card=${pan}`; log(line)`). It stays quiet for string literals that only mention the words (`\'token refreshed\'`),',
    'single fields of a body (`req.body.amount`), lengths and booleans, `last4`/`cardLast4`/`maskedPan`, and values',
    'passed through `redact(…)`, `mask(…)`, a hash, or cut down with `.slice(-4)`.',
    '',
    '**Fix:** log what you need to debug without the secret: the last four digits, a key prefix, a request id. Or',
    'use a logger with redaction (pino `redact`, the UCanPay redacting-logger snippet). There is no automatic fix:',
    'only you know which fields you need.',
    '',
    '```js',
    '// Flagged',
    "logger.info('charge', { cardNumber, cvv, amount });",
    '// Secure',
    "logger.info('charge', { last4: cardNumber.slice(-4), amount });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    for (const node of context.nodes('call_expression')) {
      const method = calledMethodName(context, node);
      const fn = method === undefined ? plainCalleeName(context, node) : undefined;
      if (!(method !== undefined ? logMethods.has(method) : fn !== undefined && loggerFunctions.has(fn)) || !isLogCall(node)) {
        continue;
      }
      for (const arg of callArguments(node)) {
        const value = unwrap(arg);
        let verdict = evaluate(value);
        let through: string | undefined;
        if (verdict === undefined && value?.type === 'identifier') {
          // `const line = \`card=${cardNumber}\`; log(line)`: what a same-file const was set to.
          const resolved = unwrap(sharedScopes(context).constValue(value));
          const inner = resolved && resolved !== value ? evaluate(resolved) : undefined;
          if (inner && inner !== 'safe') {
            verdict = { node: value, category: inner.category, label: inner.label };
            through = value.text;
          }
        }
        if (!verdict || verdict === 'safe') {
          continue;
        }
        const severity = severities[verdict.category];
        context.report({
          start: verdict.node.startIndex,
          end: verdict.node.endIndex,
          severity,
          message: `\`${verdict.label}\` is written to the log${through ? ` (in \`${through}\`)` : ''}: ${explanations[verdict.category]}.`,
        });
        break;
      }
    }
  },
};
