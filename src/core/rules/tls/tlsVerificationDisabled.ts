import { callSites } from '../js/callSites';
import { pairSites } from '../js/pairSites';
import { stringSites } from '../js/stringSites';
import { isLocalHost } from '../../net/hosts';
import { lastSegment } from '../js/syntax';
import type { FixSpec, ReportSpec, Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { lineRemoval, textUnits, type Entry, type TextSource, type TextUnits } from '../text/configEntries';
import { shortFlags, type ShellCommand, type Word } from '../text/shellWords';
import { removeWords, replaceWordText, toggledBoolean } from './commandEdits';
import { childProcessUnits, isFalseLiteral, literalString, unwrap } from './jsValues';

type Report = (spec: ReportSpec) => void;

const falsy = /^(?:false|no|off)$/i;
const truthy = /^(?:true|yes|on|1)$/i;

interface Setting {
  readonly disables: (value: string) => boolean;
  /** `toggle`: set the opposite boolean; `remove`: delete the entry (where it is alone on its line). */
  readonly fix: 'toggle' | 'remove';
  readonly message: (entry: Entry) => string;
}

const npmMessage = (entry: Entry) =>
  `${entry.key}=${entry.value.text} makes the package manager accept any registry certificate, so a package can be swapped in transit. Set it to true; for a private CA, set cafile instead.`;
const gitMessage = (entry: Entry) =>
  `${entry.key} ${entry.value.text} makes Git skip certificate checks, so the code it fetches can be swapped in transit. Set it to true; for a private CA, set http.sslCAInfo instead.`;
const genericMessage = (entry: Entry) =>
  `${entry.key}: ${entry.value.text} turns off TLS certificate validation, so anyone on the network path can pose as the server. Remove it and trust the server's CA instead.`;

const nodeTlsMessage =
  'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate validation for every HTTPS connection of the Node.js process, so anyone on the network path can pose as the UCanPay API. Remove it; for a private CA, set NODE_EXTRA_CA_CERTS instead.';

// Settings that turn validation off, by key without case, dashes or underscores (and without a
// dotted prefix: `http.sslVerify` → `sslverify`).
const settings: Record<string, Setting> = {
  nodetlsrejectunauthorized: { disables: (value) => value === '0', fix: 'remove', message: () => nodeTlsMessage },
  pythonhttpsverify: {
    disables: (value) => value === '0',
    fix: 'remove',
    message: () => 'PYTHONHTTPSVERIFY=0 makes Python accept any HTTPS certificate. Remove it; for a private CA, set SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.',
  },
  gitsslnoverify: {
    // Git checks only that the variable is set: GIT_SSL_NO_VERIFY=false turns checks off too.
    disables: (value) => value !== '',
    fix: 'remove',
    message: () =>
      'GIT_SSL_NO_VERIFY makes Git skip certificate checks, whatever its value, so the code it fetches can be swapped in transit. Remove it; for a private CA, set http.sslCAInfo instead.',
  },
  rejectunauthorized: { disables: (value) => falsy.test(value), fix: 'toggle', message: genericMessage },
  strictssl: { disables: (value) => falsy.test(value), fix: 'toggle', message: npmMessage },
  npmconfigstrictssl: { disables: (value) => falsy.test(value), fix: 'toggle', message: npmMessage },
  enablestrictssl: { disables: (value) => falsy.test(value), fix: 'toggle', message: npmMessage },
  yarnenablestrictssl: { disables: (value) => falsy.test(value), fix: 'toggle', message: npmMessage },
  proxystrictssl: {
    disables: (value) => falsy.test(value),
    fix: 'toggle',
    message: () =>
      "http.proxyStrictSSL: false makes VS Code and its extensions accept any certificate from the proxy and from servers reached through it. Set it to true and add the proxy's CA to the system's trusted certificates.",
  },
  // Git's [http] sslVerify / http.<url>.sslVerify; conda's ssl_verify, and others.
  sslverify: {
    disables: (value) => falsy.test(value) || value === '0',
    fix: 'toggle',
    message: (entry) => (/^http\b/i.test(entry.parents[0] ?? '') || /^http\./i.test(entry.key) ? gitMessage(entry) : genericMessage(entry)),
  },
  verifyssl: { disables: (value) => falsy.test(value), fix: 'toggle', message: genericMessage },
  validatecerts: { disables: (value) => falsy.test(value), fix: 'toggle', message: genericMessage },
  insecureskipverify: { disables: (value) => truthy.test(value), fix: 'toggle', message: genericMessage },
  tlsinsecure: { disables: (value) => truthy.test(value), fix: 'toggle', message: genericMessage },
  tlsallowinvalidcertificates: { disables: (value) => truthy.test(value), fix: 'toggle', message: genericMessage },
  tlsallowinvalidhostnames: { disables: (value) => truthy.test(value), fix: 'toggle', message: genericMessage },
  sslvalidate: { disables: (value) => falsy.test(value), fix: 'toggle', message: genericMessage },
  insecureskiptlsverify: { disables: (value) => truthy.test(value), fix: 'toggle', message: genericMessage },
};

function settingKey(key: string): string {
  const dot = key.lastIndexOf('.');
  return (dot >= 0 && dot < key.length - 1 ? key.slice(dot + 1) : key).toLowerCase().replace(/[-_\s]/g, '');
}

// Prefixed variants: DB_SSL_REJECT_UNAUTHORIZED, NPM_CONFIG_STRICT_SSL (but not NO_…/SKIP_…/DISABLE_…,
// whose value means the opposite).
const suffixSettings = ['rejectunauthorized', 'strictssl'];

function settingFor(key: string): Setting | undefined {
  const normalized = settingKey(key);
  const exact = settings[normalized];
  if (exact) {
    return exact;
  }
  const suffix = suffixSettings.find((name) => normalized.endsWith(name));
  const prefix = suffix ? normalized.slice(0, -suffix.length) : '';
  return suffix && !/(?:no|not|skip|disable|ignore|insecure)$/.test(prefix) ? settings[suffix] : undefined;
}

// Test code and test configuration do not ship: the same finding there is a warning.
const testPath = /(?:^|\/)(?:test|tests|__tests__|__mocks__|spec|e2e)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)\.env\.test$/i;

function forPath(path: string, report: Report): Report {
  return testPath.test(path) ? (spec) => report({ ...spec, severity: 'warning' }) : report;
}

/** A command whose every URL is on this machine (`curl -k https://localhost/health`) risks nothing. */
function onlyLocalUrls(args: readonly Word[]): boolean {
  const hosts = args.flatMap((arg) => {
    const match = /^https?:\/\/([^/?#\s]*)/i.exec(arg.text);
    if (!match) {
      return [];
    }
    const authority = match[1].slice(match[1].lastIndexOf('@') + 1);
    return [authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0]];
  });
  return hosts.length > 0 && hosts.every((host) => isLocalHost(host));
}

function checkEntry(source: TextSource, entry: Entry, report: Report): void {
  const setting = settingFor(entry.key);
  const value = entry.value.text.trim();
  if (!setting || (entry.inList && entry.style === 'key') || !setting.disables(value)) {
    return;
  }
  const sameLine = source.lines.positionAt(entry.keyStart).line === source.lines.positionAt(entry.value.end).line;
  const fixes: FixSpec[] = [];
  if (setting.fix === 'toggle') {
    const toggled = toggledBoolean(entry.value.text);
    const edit = toggled ? replaceWordText(entry.value, toggled) : undefined;
    if (edit) {
      fixes.push({ title: `Set ${entry.key} to ${toggled}`, preferred: true, edits: [edit] });
    }
  } else if (entry.removal) {
    fixes.push({ title: `Remove ${entry.key}`, preferred: true, edits: [{ ...entry.removal, newText: '' }] });
  }
  report({ start: sameLine ? Math.min(entry.keyStart, entry.value.start) : entry.value.start, end: entry.value.end, message: setting.message(entry), fixes });
}

// curl's short options that take an argument: in `-sSo file`, what follows `o` is not a flag.
const curlArgumentFlags = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));

const curlMessage =
  'curl -k (--insecure) accepts any certificate, so anyone on the network path can pose as the server and read the API key. Remove the flag; for a private CA, pass --cacert instead.';

function removeFlagFix(text: string, word: Word, flag: string): FixSpec {
  return { title: `Remove ${flag}`, preferred: true, edits: [removeWords(text, word)] };
}

/** curl -k, wget --no-check-certificate, http --verify=no, git -c http.sslVerify=false, npm config set strict-ssl false. */
function checkCommand(text: string, command: ShellCommand, report: Report): void {
  const args = command.args;
  if (onlyLocalUrls(args)) {
    return;
  }
  switch (command.name) {
    case 'curl':
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg.text === '--insecure') {
          report({ start: arg.start, end: arg.end, message: curlMessage, fixes: [removeFlagFix(text, arg, '--insecure')] });
          continue;
        }
        const flags = shortFlags(arg.text, curlArgumentFlags);
        const k = flags.indexOf('k');
        if (k >= 0) {
          const at = arg.offsets[k + 1];
          const edit = arg.text === '-k' ? removeWords(text, arg) : { start: at, end: at + 1, newText: '' };
          report({ start: arg.start, end: arg.end, message: curlMessage, fixes: [{ title: 'Remove -k', preferred: true, edits: [edit] }] });
        }
        if (flags && curlArgumentFlags.has(flags[flags.length - 1]) && flags.length === arg.text.length - 1) {
          i++;
        }
      }
      return;
    case 'wget':
      for (const arg of args) {
        if (arg.text === '--no-check-certificate') {
          report({
            start: arg.start,
            end: arg.end,
            message: 'wget --no-check-certificate accepts any certificate, so anyone on the network path can pose as the server. Remove the flag; for a private CA, pass --ca-certificate instead.',
            fixes: [removeFlagFix(text, arg, '--no-check-certificate')],
          });
        }
      }
      return;
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      args.forEach((arg, i) => {
        const inline = /^--verify=(no|false)$/i.test(arg.text);
        const split = arg.text === '--verify' && /^(no|false)$/i.test(args[i + 1]?.text ?? '');
        if (inline || split) {
          const last = split ? args[i + 1] : arg;
          report({
            start: arg.start,
            end: last.end,
            message: `${command.name} --verify=no accepts any certificate, so anyone on the network path can pose as the server. Remove it; for a private CA, pass --verify=/path/to/ca.pem instead.`,
            fixes: [{ title: 'Remove --verify=no', preferred: true, edits: [removeWords(text, arg, last)] }],
          });
        }
      });
      return;
    case 'git':
      checkGit(text, args, report);
      return;
    case 'npm':
    case 'pnpm':
    case 'yarn':
      checkPackageManager(args, report);
      return;
    default:
      return;
  }
}

const gitSslVerifyKey = /^http\.(?:[^\s=]+\.)?sslverify$/i;
const gitOff = /^(?:false|no|off|0)$/i;

function checkGit(text: string, args: readonly Word[], report: Report): void {
  const gitMessageText =
    'http.sslVerify false makes Git skip certificate checks, so the code it fetches can be swapped in transit. Remove it; for a private CA, set http.sslCAInfo instead.';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.text === '-c' && args[i + 1]) {
      const setting = args[i + 1].text;
      const eq = setting.indexOf('=');
      if (eq > 0 && gitSslVerifyKey.test(setting.slice(0, eq)) && gitOff.test(setting.slice(eq + 1))) {
        report({
          start: arg.start,
          end: args[i + 1].end,
          message: gitMessageText,
          fixes: [{ title: 'Remove -c http.sslVerify=false', preferred: true, edits: [removeWords(text, arg, args[i + 1])] }],
        });
      }
      i++;
      continue;
    }
    if (arg.text === 'config') {
      const rest = args.slice(i + 1).filter((word) => !word.text.startsWith('-'));
      const keyIndex = rest.findIndex((word) => gitSslVerifyKey.test(word.text));
      const value = keyIndex >= 0 ? rest[keyIndex + 1] : undefined;
      if (value && gitOff.test(value.text)) {
        const edit = replaceWordText(value, 'true');
        report({
          start: rest[keyIndex].start,
          end: value.end,
          message: gitMessageText,
          fixes: edit ? [{ title: 'Set http.sslVerify to true', preferred: true, edits: [edit] }] : [],
        });
      }
      return;
    }
    if (!arg.text.startsWith('-')) {
      return;
    }
  }
}

const strictSslKey = /^(?:strict-ssl|strict_ssl|strictssl|enablestrictssl)$/i;

function checkPackageManager(args: readonly Word[], report: Report): void {
  const message =
    'Turning strict-ssl off makes the package manager accept any registry certificate, so a package can be swapped in transit. Leave it on; for a private CA, set cafile instead.';
  args.forEach((arg, i) => {
    const flag = /^--(strict-ssl|strictSsl)=(false|no|0)$/i.exec(arg.text);
    if (flag) {
      const valueFrom = arg.text.indexOf('=') + 1;
      const edit = replaceWordText({ ...arg, text: arg.text.slice(valueFrom), offsets: arg.offsets.slice(valueFrom) }, 'true');
      report({ start: arg.start, end: arg.end, message, fixes: edit ? [{ title: 'Set strict-ssl to true', preferred: true, edits: [edit] }] : [] });
      return;
    }
    if (arg.text === '--no-strict-ssl') {
      report({ start: arg.start, end: arg.end, message, fixes: [] });
      return;
    }
    if (arg.text !== 'set' || (i > 0 && args[i - 1].text !== 'config')) {
      return;
    }
    const key = args[i + 1];
    if (!key) {
      return;
    }
    const eq = key.text.indexOf('=');
    const name = eq > 0 ? key.text.slice(0, eq) : key.text;
    const valueWord = eq > 0 ? { ...key, text: key.text.slice(eq + 1), offsets: key.offsets.slice(eq + 1) } : args[i + 2];
    if (strictSslKey.test(name) && valueWord && /^(false|no|0)$/i.test(valueWord.text)) {
      const edit = replaceWordText(valueWord, 'true');
      report({ start: key.start, end: eq > 0 ? key.end : valueWord.end, message, fixes: edit ? [{ title: 'Set strict-ssl to true', preferred: true, edits: [edit] }] : [] });
    }
  });
}

/** `.curlrc`: a line `insecure` (or `-k`, `--insecure`) applies to every curl run of that user. */
function checkCurlrc(source: TextSource, units: TextUnits, report: Report): void {
  for (const command of units.commands) {
    const name = command.name.replace(/^--?/, '');
    if ((name === 'insecure' || name === 'k') && command.args.length === 0 && command.assignments.length === 0) {
      const removal = lineRemoval(source, command.start, command.end);
      report({
        start: command.start,
        end: command.end,
        message: 'insecure in .curlrc makes every curl run accept any certificate. Remove it; for a private CA, set cacert instead.',
        fixes: removal ? [{ title: 'Remove insecure', preferred: true, edits: [{ ...removal, newText: '' }] }] : [],
      });
    }
  }
}

function deduplicated(report: (spec: ReportSpec) => void): Report {
  const seen = new Set<number>();
  return (spec) => {
    if (!seen.has(spec.start)) {
      seen.add(spec.start);
      report(spec);
    }
  };
}

// ---- JavaScript / TypeScript ----

function isZero(node: SyntaxNode | null | undefined, text: string): boolean {
  const value = unwrap(node);
  return literalString(value, text)?.value === '0' || (value?.type === 'number' && value.text === '0');
}

/** A checkServerIdentity that checks nothing: `() => undefined`, `() => {}`, `function () { return; }`, `noop`. */
function acceptsAnyHost(node: SyntaxNode | null | undefined): boolean {
  const fn = unwrap(node);
  if (!fn) {
    return false;
  }
  if (fn.type === 'identifier' || fn.type === 'member_expression') {
    return lastSegment(fn) === 'noop';
  }
  if (fn.type !== 'arrow_function' && fn.type !== 'function_expression' && fn.type !== 'function' && fn.type !== 'method_definition') {
    return false;
  }
  const body = fn.childForFieldName('body');
  if (!body) {
    return false;
  }
  if (body.type !== 'statement_block') {
    return isNothing(body);
  }
  const statements = body.namedChildren.filter((child) => child && child.type !== 'comment');
  if (statements.length === 0) {
    return true;
  }
  const only = statements.length === 1 ? statements[0] : undefined;
  if (only?.type !== 'return_statement') {
    return false;
  }
  const value = only.namedChildren.find((child) => child && child.type !== 'comment');
  return !value || isNothing(value);
}

function isNothing(node: SyntaxNode | null | undefined): boolean {
  const value = unwrap(node);
  return (
    value?.type === 'undefined' ||
    value?.type === 'null' ||
    (value?.type === 'identifier' && value.text === 'undefined') ||
    (value?.type === 'unary_expression' && value.childForFieldName('operator')?.text === 'void')
  );
}

const hostnameMessage =
  'This checkServerIdentity accepts any host name, so a valid certificate for any other site is accepted for the UCanPay API. Remove it, or call tls.checkServerIdentity(host, cert) and return its result.';

// Options that turn validation off, and the literal that does it: node's tls/https, request, and
// the MongoDB driver.
const disablingOptions: Record<string, boolean> = {
  rejectUnauthorized: false,
  strictSSL: false,
  sslValidate: false,
  tlsInsecure: true,
  tlsAllowInvalidCertificates: true,
  tlsAllowInvalidHostnames: true,
};

function optionMessage(name: string): string {
  if (name === 'strictSSL') {
    return 'strictSSL: false makes request accept any certificate, so anyone on the network path can pose as the server and read the API key. Remove it; for a private CA, pass the ca option.';
  }
  if (name.startsWith('tls') || name === 'sslValidate') {
    return `${name}: ${String(disablingOptions[name])} makes the MongoDB driver accept any certificate or host name, so anyone on the network path can pose as the database. Remove it; for a private CA, pass tlsCAFile.`;
  }
  return 'rejectUnauthorized: false accepts any certificate, so anyone on the network path can pose as the server and read the API key. Remove it; for a private CA, pass the ca option.';
}

/** The value turns validation off: `rejectUnauthorized: false`, `tlsInsecure: true` (or `!1`/`!0`). */
function disables(name: string, value: SyntaxNode | null | undefined): boolean {
  // Own keys only: `{ constructor: true }` must not read Object.prototype.constructor.
  const off = Object.hasOwn(disablingOptions, name) ? disablingOptions[name] : undefined;
  return off === undefined ? false : off ? isTrueLiteral(value) : isFalseLiteral(value);
}

// A value chosen by the environment: `process.env.NODE_ENV === 'production'`, `!isDev`, `config.isProduction`.
const environmentSwitch = /\b(?:NODE_ENV|isProd\w*|isDev\w*|isLocal\w*|production|development)\b/;

/**
 * The option is switched by the environment (`rejectUnauthorized: process.env.NODE_ENV === 'production'`):
 * validation is off somewhere, usually on staging and CI, which talk to real services too.
 */
function switchedByEnvironment(name: string, value: SyntaxNode | null | undefined): boolean {
  const inner = unwrap(value);
  return (
    Object.hasOwn(disablingOptions, name) &&
    inner !== undefined &&
    (inner.type === 'binary_expression' || inner.type === 'unary_expression' || inner.type === 'member_expression' || inner.type === 'identifier') &&
    environmentSwitch.test(inner.text)
  );
}

function environmentMessage(name: string): string {
  return `${name} depends on the environment, so certificate validation is off outside production: on staging and CI, which talk to real services too, and on a developer's machine. Keep it on everywhere, and let development trust its local CA (the ca option or NODE_EXTRA_CA_CERTS).`;
}

function isTrueLiteral(node: SyntaxNode | null | undefined): boolean {
  const value = unwrap(node);
  if (value?.type === 'true') {
    return true;
  }
  const argument = value?.type === 'unary_expression' && value.childForFieldName('operator')?.text === '!' ? unwrap(value.childForFieldName('argument')) : undefined;
  return argument?.type === 'false' || (argument?.type === 'number' && argument.text === '0');
}

function toggle(name: string, value: SyntaxNode): FixSpec {
  const secure = String(!disablingOptions[name]);
  return { title: `Validate certificates (set ${secure})`, preferred: true, edits: [{ start: value.startIndex, end: value.endIndex, newText: secure }] };
}

// MongoDB connection strings: mongodb+srv://…/?tlsInsecure=true
const uriParameter = /[?&](tlsInsecure|tlsAllowInvalidCertificates|tlsAllowInvalidHostnames)=(true)\b/gi;

function checkUriParameters(word: Word, report: Report): void {
  const pattern = new RegExp(uriParameter.source, 'gi');
  for (let match = pattern.exec(word.text); match; match = pattern.exec(word.text)) {
    const from = match.index + 1;
    const valueFrom = from + match[1].length + 1;
    const start = word.offsets[from];
    const end = word.offsets[valueFrom + 3] + 1;
    const edit = replaceWordText({ ...word, text: 'true', offsets: word.offsets.slice(valueFrom, valueFrom + 4) }, 'false');
    report({
      start,
      end,
      message: `${match[1]}=true in the connection string makes the MongoDB driver accept any certificate or host name. Remove it; for a private CA, pass tlsCAFile.`,
      fixes: edit ? [{ title: `Set ${match[1]}=false`, preferred: true, edits: [edit] }] : [],
    });
  }
}

/** Deletes an object property with the comma that separates it from the next (or previous) one. */
function removeProperty(context: SyntaxContext, pair: SyntaxNode): FixSpec {
  const next = pair.nextSibling;
  const previous = pair.previousSibling;
  let start = pair.startIndex;
  let end = pair.endIndex;
  if (next?.type === ',') {
    end = next.endIndex;
    while (context.text[end] === ' ' || context.text[end] === '\t') {
      end++;
    }
  } else if (previous?.type === ',') {
    start = previous.startIndex;
  }
  return { title: 'Remove NODE_TLS_REJECT_UNAUTHORIZED', preferred: true, edits: [{ start, end, newText: '' }] };
}

function removeStatement(context: SyntaxContext, assignment: SyntaxNode): FixSpec[] {
  const statement = assignment.parent;
  if (statement?.type !== 'expression_statement') {
    return [];
  }
  const line = lineRemoval(context, statement.startIndex, statement.endIndex);
  return [
    {
      title: 'Remove NODE_TLS_REJECT_UNAUTHORIZED',
      preferred: true,
      edits: [{ ...(line ?? { start: statement.startIndex, end: statement.endIndex }), newText: '' }],
    },
  ];
}

function checkJs(context: SyntaxContext, report: Report): void {
  for (const site of pairSites(context)) {
    // Only the option names below matter: most pairs end here without another read of the tree.
    const name = site.keyType === 'number' ? '' : (site.key ?? '');
    if (!Object.hasOwn(disablingOptions, name) && name !== 'NODE_TLS_REJECT_UNAUTHORIZED' && name !== 'checkServerIdentity') {
      continue;
    }
    const node = site.node;
    const value = site.value;
    if (value && disables(name, value)) {
      report({ start: node.startIndex, end: node.endIndex, message: optionMessage(name), fixes: [toggle(name, value)] });
    } else if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && isZero(value, context.text)) {
      report({ start: node.startIndex, end: node.endIndex, message: nodeTlsMessage, fixes: [removeProperty(context, node)] });
    } else if (name === 'checkServerIdentity' && acceptsAnyHost(value)) {
      report({ start: node.startIndex, end: node.endIndex, message: hostnameMessage });
    } else if (switchedByEnvironment(name, value)) {
      report({ start: node.startIndex, end: node.endIndex, severity: 'warning', message: environmentMessage(name) });
    }
  }
  for (const node of context.nodes('method_definition')) {
    const name = node.childForFieldName('name');
    if (name?.text === 'checkServerIdentity' && acceptsAnyHost(node)) {
      report({ start: name.startIndex, end: name.endIndex, message: hostnameMessage });
    }
  }
  for (const node of context.nodes('assignment_expression')) {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right || (left.type !== 'member_expression' && left.type !== 'subscript_expression')) {
      continue;
    }
    const name = lastSegment(left);
    if (disables(name, right)) {
      report({ start: node.startIndex, end: node.endIndex, message: optionMessage(name), fixes: [toggle(name, right)] });
    } else if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && /(^|\.)env$/.test(left.childForFieldName('object')?.text ?? '') && isZero(right, context.text)) {
      report({ start: node.startIndex, end: node.endIndex, message: nodeTlsMessage, fixes: removeStatement(context, node) });
    } else if (name === 'checkServerIdentity' && acceptsAnyHost(right)) {
      report({ start: node.startIndex, end: node.endIndex, message: hostnameMessage });
    } else if (switchedByEnvironment(name, right)) {
      report({ start: node.startIndex, end: node.endIndex, severity: 'warning', message: environmentMessage(name) });
    }
  }
  for (const site of callSites(context)) {
    if (site.method !== 'disableTLSCerts') continue;
    const node = site.node;
    const callee = node.childForFieldName('function');
    const object = callee?.childForFieldName('object');
    if (lastSegment(callee) === 'disableTLSCerts' && object && (node.childForFieldName('arguments')?.namedChildren.length ?? 0) === 0) {
      const property = callee?.childForFieldName('property');
      report({
        start: property?.startIndex ?? node.startIndex,
        end: node.endIndex,
        message: 'disableTLSCerts() makes superagent accept any certificate, so anyone on the network path can pose as the server. Remove it; for a private CA, pass it with .ca().',
        fixes: [{ title: 'Remove .disableTLSCerts()', preferred: true, edits: [{ start: object.endIndex, end: node.endIndex, newText: '' }] }],
      });
    }
  }
  for (const literal of stringSites(context)) {
    const node = literal.node;
    if (/tlsallowinvalid|tlsinsecure/i.test(literal.value)) {
      const offsets = Array.from({ length: literal.value.length }, (_, i) => literal.offset + i);
      checkUriParameters({ text: literal.value, offsets, start: node.startIndex, end: node.endIndex }, report);
    }
  }
  const units = childProcessUnits(context);
  for (const entry of units.entries) {
    checkEntry(context, entry, report);
  }
  for (const command of units.commands) {
    checkCommand(context.text, command, report);
  }
}

export const tlsVerificationDisabled: Rule = {
  id: 'tls-verification-disabled',
  title: 'TLS certificate or host name validation turned off',
  section: 'HTTPS Usage',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'json', 'yaml', 'properties', 'dockerfile', 'shell'],
  literals: [
    'rejectunauthorized',
    'reject_unauthorized',
    'strictssl',
    'strict-ssl',
    'strict_ssl',
    'checkserveridentity',
    'disabletlscerts',
    'insecure',
    'curl',
    'no-check-certificate',
    '--verify',
    'sslverify',
    'ssl_verify',
    'ssl-verify',
    'ssl_no_verify',
    'tlsinsecure',
    'tlsallowinvalid',
    'sslvalidate',
    'pythonhttpsverify',
    'validate_certs',
    'validatecerts',
    'verify_ssl',
    'verifyssl',
  ],
  mappings: {
    cwe: ['CWE-295'],
    owasp: ['A02:2021 Cryptographic Failures', 'A07:2021 Identification and Authentication Failures'],
    pciDss: ['4.2.1'],
  },
  description: [
    'HTTPS protects the API key and card data only if the client checks that it is talking to the real server: that its',
    'certificate chains to a trusted CA and names the host. Turn either check off and anyone on the network path (a',
    'public Wi-Fi, a compromised proxy) can present their own certificate, read every request and change the answers.',
    'It is usually done "for now" to get past a self-signed or corporate certificate, and then ships.',
    '',
    'The rule reports, in JavaScript and TypeScript:',
    '',
    '- `rejectUnauthorized: false` in options (`https.request`, `new https.Agent`, `tls.connect`, axios `httpsAgent`, got',
    '  `https: {…}`, `ws`, database `ssl` options) and `strictSSL: false` (request), or the same set by assignment;',
    "- `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'` (also `= 0`, bracket access, `env: {…}` objects for child processes);",
    '- a `checkServerIdentity` that checks nothing (`() => undefined`, an empty function, `noop`);',
    "- superagent's `.disableTLSCerts()`, and the commands below run with `child_process` (`execSync('curl -k …')`);",
    '- the MongoDB driver\'s `tlsInsecure`, `tlsAllowInvalidCertificates`, `tlsAllowInvalidHostnames` (options or',
    '  connection-string parameters) and `sslValidate: false`.',
    '',
    'In configuration and scripts (.env, Dockerfile, shell, YAML such as docker-compose, GitHub Actions and Kubernetes,',
    'JSON, .npmrc/.yarnrc/.gitconfig): `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`,',
    '`curl -k`/`--insecure`, `wget --no-check-certificate`, HTTPie `--verify=no`, `git config http.sslVerify false`,',
    '`git -c http.sslVerify=false`, `npm config set strict-ssl false`, `strict-ssl=false`, VS Code\'s',
    '`"http.proxyStrictSSL": false`, and settings such as `rejectUnauthorized: false`, `insecure_skip_verify: true`,',
    '`validate_certs: no` (Ansible) or `enableStrictSsl: false` (Yarn).',
    '',
    'A value switched by the environment (`rejectUnauthorized: process.env.NODE_ENV === \'production\'`, `!isDev`) is a',
    '**warning**: validation is then off on staging and CI, which talk to real services too.',
    '',
    'It stays quiet for `rejectUnauthorized: true`, a value it cannot see (`rejectUnauthorized: config.tls`), comments,',
    'strings that only mention these names, and commands that only reach this machine (`curl -k https://localhost/…`).',
    '`checkServerIdentity: () => true` is not reported: Node.js treats any truthy result as an error, so it fails closed.',
    'In test code (`test/`, `__tests__/`, `*.test.ts`, `.env.test`) findings are warnings: it does not ship, but it gets copied.',
    '',
    '**Fix:** keep validation on. If the server uses a private or corporate CA, trust that CA instead: the `ca` option,',
    '`NODE_EXTRA_CA_CERTS`, `curl --cacert`, npm `cafile`, Git `http.sslCAInfo`. The quick fixes set the option back to',
    '`true` or remove the override.',
    '',
    '```js',
    '// Flagged',
    'const agent = new https.Agent({ rejectUnauthorized: false });',
    '// Secure',
    "const agent = new https.Agent({ ca: fs.readFileSync('corporate-root-ca.pem') });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    checkJs(context, forPath(context.path, deduplicated((spec) => context.report(spec))));
  },

  checkText(context: TextContext): void {
    const report = forPath(context.path, deduplicated((spec) => context.report(spec)));
    const units = textUnits(context);
    for (const entry of units.entries) {
      checkEntry(context, entry, report);
      checkUriParameters(entry.value, report);
    }
    for (const command of units.commands) {
      checkCommand(context.text, command, report);
    }
    if (/(^|\/)\.curlrc$/i.test(context.path)) {
      checkCurlrc(context, units, report);
    }
  },
};
