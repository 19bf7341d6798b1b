import { sharedScopes } from '../js/declarations';
import { stringSites } from '../js/stringSites';
import { expressionUse, lastSegment } from '../js/syntax';
import type { FixSpec, ReportSpec, Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { textUnits, type Entry, type TextUnits } from '../text/configEntries';
import type { ShellCommand, Word } from '../text/shellWords';
import { replaceWordText } from './commandEdits';
import { childProcessUnits, literalString, propertyName } from './jsValues';

type Report = (spec: ReportSpec) => void;

const pci = 'TLS 1.0 and 1.1 have known weaknesses and are not accepted for card data (PCI DSS 4.2.1)';

/**
 * A version name below TLS 1.2 and what to write instead, in the same notation:
 * `TLSv1` → `TLSv1.2`, `TLS1_0` → `TLS1_2`, `VersionTLS10` → `VersionTLS12`, `SSLv3` → `TLSv1.2`,
 * and (where the key says it is about TLS) `1.0` → `1.2`.
 */
export function oldTlsVersion(value: string, bareNumbers: boolean): string | undefined {
  const named = /^(tlsv?)1(?:([._])([01]))?$/i.exec(value);
  if (named) {
    return `${named[1]}1${named[2] ?? '.'}2`;
  }
  const packed = /^(versiontls|tls)1([01])$/i.exec(value);
  if (packed) {
    return `${packed[1]}12`;
  }
  if (/^sslv?[23]$/i.test(value)) {
    return 'TLSv1.2';
  }
  if (bareNumbers && /^1\.[01]$/.test(value)) {
    return '1.2';
  }
  return undefined;
}

// ---- settings in configuration files ----

function normalizedKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

const minKey = /(?:min|minimum)(?:tls|ssl)?(?:protocol)?ver(?:sion)?$/;
const maxKey = /(?:max|maximum)(?:tls|ssl)?(?:protocol)?ver(?:sion)?$/;
const oldProtocols = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1'];

function canonicalProtocol(name: string): string | undefined {
  const lower = name.toLowerCase();
  return ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].find((p) => p.toLowerCase() === lower) ?? (lower === 'tlsv1.0' ? 'TLSv1' : undefined);
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function tokensOf(word: Word): Token[] {
  const tokens: Token[] = [];
  const pattern = /[^\s;"']+/g;
  for (let match = pattern.exec(word.text); match; match = pattern.exec(word.text)) {
    const from = match.index;
    const to = from + match[0].length;
    if (word.offsets[to - 1] - word.offsets[from] === to - 1 - from) {
      tokens.push({ text: match[0], start: word.offsets[from], end: word.offsets[to - 1] + 1 });
    }
  }
  return tokens;
}

/** nginx `ssl_protocols TLSv1 TLSv1.1 TLSv1.2;` (and ingress-nginx's `ssl-protocols`). */
function checkNginxProtocols(entry: Entry, report: Report): void {
  const tokens = tokensOf(entry.value);
  const old = tokens.filter((token) => oldProtocols.includes(canonicalProtocol(token.text) ?? ''));
  if (!old.length || !tokens.length) {
    return;
  }
  const keep = tokens.filter((token) => !old.includes(token)).map((token) => token.text);
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  report({
    start: old[0].start,
    end: old[old.length - 1].end,
    message: `${entry.key} allows ${old.map((token) => token.text).join(', ')}: ${pci}. Allow only TLSv1.2 and TLSv1.3.`,
    fixes: [{ title: 'Allow only TLS 1.2 and newer', preferred: true, edits: [{ start: first.start, end: last.end, newText: (keep.length ? keep : ['TLSv1.2']).join(' ') }] }],
  });
}

/** Apache `SSLProtocol all -SSLv3`: `all` still includes TLS 1.0 and 1.1. */
function checkApacheProtocols(entry: Entry, report: Report): void {
  const tokens = tokensOf(entry.value);
  const enabled = (list: readonly Token[]) => {
    const set = new Set<string>();
    for (const token of list) {
      const sign = token.text[0] === '-' ? '-' : '+';
      const name = token.text.replace(/^[+-]/, '');
      const names = name.toLowerCase() === 'all' ? ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] : [canonicalProtocol(name) ?? ''];
      for (const protocol of names) {
        if (sign === '-') {
          set.delete(protocol);
        } else if (protocol) {
          set.add(protocol);
        }
      }
    }
    return set;
  };
  const allowed = enabled(tokens);
  const old = oldProtocols.filter((protocol) => allowed.has(protocol));
  if (!old.length) {
    return;
  }
  // Drop the tokens that add an old protocol, then subtract what `all` still brings in.
  const kept = tokens.filter((token) => token.text[0] === '-' || !oldProtocols.includes(canonicalProtocol(token.text.replace(/^\+/, '')) ?? ''));
  const still = enabled(kept);
  const replacement = [...kept.map((token) => token.text), ...oldProtocols.filter((protocol) => still.has(protocol)).map((protocol) => `-${protocol}`)];
  if (![...still].some((protocol) => protocol === 'TLSv1.2' || protocol === 'TLSv1.3')) {
    replacement.push('+TLSv1.2');
  }
  report({
    start: tokens[0].start,
    end: tokens[tokens.length - 1].end,
    message: `${entry.key} ${entry.value.text.trim()} allows ${old.join(', ')}: ${pci}. Use "-all +TLSv1.2 +TLSv1.3".`,
    fixes: [{ title: 'Allow only TLS 1.2 and newer', preferred: true, edits: [{ start: tokens[0].start, end: tokens[tokens.length - 1].end, newText: replacement.join(' ') }] }],
  });
}

/** HAProxy: `bind :443 ssl crt site.pem ssl-min-ver TLSv1.0`, `ssl-default-bind-options ssl-min-ver TLSv1.1`. */
function checkHaproxyOptions(entry: Entry, report: Report): void {
  const tokens = tokensOf(entry.value);
  tokens.forEach((token, i) => {
    const option = token.text.toLowerCase();
    const version = tokens[i + 1];
    const replacement = version && (option === 'ssl-min-ver' || option === 'ssl-max-ver') ? oldTlsVersion(version.text, false) : undefined;
    if (version && replacement) {
      report({
        start: version.start,
        end: version.end,
        message: `${token.text} ${version.text} allows TLS below 1.2: ${pci}. Use ${replacement}.`,
        fixes: [{ title: `Use ${replacement}`, preferred: true, edits: [{ start: version.start, end: version.end, newText: replacement }] }],
      });
    }
  });
}

function checkEntry(entry: Entry, report: Report): void {
  const key = normalizedKey(entry.key);
  const value = entry.value.text.trim();
  if (key === 'sslprotocols' || key === 'proxysslprotocols') {
    checkNginxProtocols(entry, report);
    return;
  }
  if (key === 'sslprotocol' || key === 'sslproxyprotocol') {
    checkApacheProtocols(entry, report);
    return;
  }
  if (key === 'secureprotocol') {
    checkSecureProtocol(value, entry.value.start, entry.value.end, report, undefined);
    return;
  }
  checkHaproxyOptions(entry, report);
  const isMin = minKey.test(key);
  if (!isMin && !maxKey.test(key)) {
    return;
  }
  const replacement = oldTlsVersion(value, /tls|ssl/.test(key));
  if (!replacement) {
    return;
  }
  const edit = replaceWordText(entry.value, replacement);
  report({
    start: entry.value.start,
    end: entry.value.end,
    message: isMin
      ? `${entry.key} ${value} allows TLS below 1.2: ${pci}. Set it to ${replacement}.`
      : `${entry.key} ${value} caps connections below TLS 1.2: ${pci}. Set it to ${replacement} or newer.`,
    fixes: edit && entry.value.text === value ? [{ title: `Use ${replacement}`, preferred: true, edits: [edit] }] : [],
  });
}

// ---- flags on command lines and in NODE_OPTIONS ----

const nodeFlag = /--tls-(?:min-)?v1\.[01](?![\w.])/g;

/** `--tls-min-v1.0` / `--tls-v1.1` wherever a word holds it (NODE_OPTIONS values, node's arguments). */
function checkNodeFlags(word: Word, report: Report): void {
  nodeFlag.lastIndex = 0;
  for (let match = nodeFlag.exec(word.text); match; match = nodeFlag.exec(word.text)) {
    const from = match.index;
    const to = from + match[0].length;
    if (from > 0 && !/[\s"'=,[]/.test(word.text[from - 1])) {
      continue;
    }
    const start = word.offsets[from];
    const end = word.offsets[to - 1] + 1;
    const contiguous = end - start === match[0].length;
    report({
      start,
      end,
      message: `${match[0]} lets Node.js accept TLS ${match[0].slice(-3)} connections: ${pci}. Remove it; TLS 1.2 is Node's default minimum.`,
      fixes: contiguous ? [{ title: 'Use --tls-min-v1.2', preferred: true, edits: [{ start, end, newText: '--tls-min-v1.2' }] }] : [],
    });
  }
}

function replaceFix(word: Word, newText: string): FixSpec[] {
  const edit = replaceWordText(word, newText);
  return edit ? [{ title: `Use ${newText}`, preferred: true, edits: [edit] }] : [];
}

function checkCommand(command: ShellCommand, report: Report): void {
  const args = command.args;
  if (command.name === 'curl') {
    args.forEach((arg, i) => {
      const flag = arg.text.toLowerCase();
      if (flag === '--tlsv1' || flag === '--tlsv1.0' || flag === '--tlsv1.1') {
        report({
          start: arg.start,
          end: arg.end,
          severity: 'warning',
          message: `curl ${arg.text} lets the connection fall back below TLS 1.2: ${pci}. Use --tlsv1.2.`,
          fixes: replaceFix(arg, '--tlsv1.2'),
        });
      } else if (flag === '--sslv2' || flag === '--sslv3') {
        report({ start: arg.start, end: arg.end, message: `curl ${arg.text} asks for SSL, long broken: ${pci}. Use --tlsv1.2.`, fixes: replaceFix(arg, '--tlsv1.2') });
      } else if (flag === '--tls-max' && /^1\.[01]$/.test(args[i + 1]?.text ?? '')) {
        const value = args[i + 1];
        report({ start: arg.start, end: value.end, message: `curl --tls-max ${value.text} caps the connection below TLS 1.2: ${pci}. Remove it.`, fixes: replaceFix(value, '1.2') });
      }
    });
  } else if (command.name === 'wget') {
    args.forEach((arg, i) => {
      const inline = /^--secure-protocol=(.*)$/i.exec(arg.text);
      const value = inline ? { ...arg, text: inline[1], offsets: arg.offsets.slice(arg.text.length - inline[1].length) } : arg.text === '--secure-protocol' ? args[i + 1] : undefined;
      if (value && /^(?:TLSv1|TLSv1_1|SSLv2|SSLv3)$/i.test(value.text)) {
        report({ start: arg.start, end: inline ? arg.end : value.end, message: `wget --secure-protocol=${value.text} uses a protocol below TLS 1.2: ${pci}. Use TLSv1_2.`, fixes: replaceFix(value, 'TLSv1_2') });
      }
    });
  }
}

// Where Node.js flags are given: NODE_OPTIONS, execArgv, a container's command or args, and the
// command lines of node and its launchers. Elsewhere (a description, a log line) they are prose.
const flagKeys = new Set(['nodeoptions', 'execargv', 'nodeargs', 'args', 'command', 'cmd', 'entrypoint']);
const nodeLaunchers = new Set(['node', 'nodejs', 'nodemon', 'ts-node', 'tsx', 'npx', 'pm2', 'electron']);

function checkUnits(units: TextUnits, report: Report): void {
  for (const entry of units.entries) {
    checkEntry(entry, report);
    if (flagKeys.has(normalizedKey(entry.key))) {
      checkNodeFlags(entry.value, report);
    }
  }
  for (const command of units.commands) {
    checkCommand(command, report);
    if (nodeLaunchers.has(command.name)) {
      for (const arg of command.args) {
        checkNodeFlags(arg, report);
      }
    }
  }
}

// ---- JavaScript / TypeScript ----

const oldMethod = /^(?:SSLv2|SSLv3|TLSv1|TLSv1_1)(?:_client|_server)?_method$/;
const anyMethod = /^SSLv23(?:_client|_server)?_method$/;

function checkSecureProtocol(method: string, start: number, end: number, report: Report, fix: FixSpec | undefined): void {
  if (oldMethod.test(method)) {
    report({ start, end, message: `secureProtocol '${method}' pins connections to a protocol below TLS 1.2: ${pci}. Use minVersion: 'TLSv1.2' instead.`, fixes: fix ? [fix] : [] });
  } else if (anyMethod.test(method)) {
    report({
      start,
      end,
      severity: 'warning',
      message: `secureProtocol '${method}' negotiates any version the TLS library allows, TLS 1.0 and 1.1 included. Use minVersion: 'TLSv1.2' instead.`,
      fixes: fix ? [fix] : [],
    });
  }
}

const versionNames = new Set(['minVersion', 'maxVersion', 'DEFAULT_MIN_VERSION', 'DEFAULT_MAX_VERSION']);
const flagHolders = new Set(['NODE_OPTIONS', 'execArgv']);

function checkVersionValue(context: SyntaxContext, name: string, valueNode: SyntaxNode | null, report: Report, reportNode: SyntaxNode): void {
  const literal = literalString(valueNode, context.text);
  const replacement = literal ? oldTlsVersion(literal.value, false) : undefined;
  if (!literal || !replacement) {
    return;
  }
  const isMin = name === 'minVersion' || name === 'DEFAULT_MIN_VERSION';
  report({
    start: reportNode.startIndex,
    end: reportNode.endIndex,
    message: isMin
      ? `${name} '${literal.value}' allows TLS below 1.2: ${pci}. Use '${replacement}'.`
      : `${name} '${literal.value}' caps connections below TLS 1.2: ${pci}. Use '${replacement}' or newer.`,
    fixes: [{ title: `Use '${replacement}'`, preferred: true, edits: [{ start: literal.offset, end: literal.offset + literal.value.length, newText: replacement }] }],
  });
}

function checkJs(context: SyntaxContext, report: Report): void {
  for (const node of context.nodes('pair')) {
    const name = propertyName(node);
    const value = node.childForFieldName('value');
    if (versionNames.has(name)) {
      checkVersionValue(context, name, value, report, node);
    } else if (name === 'secureProtocol') {
      const literal = literalString(value, context.text);
      if (literal && value) {
        const quote = context.text[value.startIndex] === '"' ? '"' : '\'';
        const fix: FixSpec = { title: `Use minVersion: ${quote}TLSv1.2${quote}`, preferred: true, edits: [{ start: node.startIndex, end: node.endIndex, newText: `minVersion: ${quote}TLSv1.2${quote}` }] };
        checkSecureProtocol(literal.value, node.startIndex, node.endIndex, report, fix);
      }
    }
  }
  for (const node of context.nodes('assignment_expression')) {
    const left = node.childForFieldName('left');
    if (left?.type !== 'member_expression' && left?.type !== 'subscript_expression') {
      continue;
    }
    const name = lastSegment(left);
    const right = node.childForFieldName('right');
    if (versionNames.has(name)) {
      checkVersionValue(context, name, right, report, node);
    } else if (name === 'secureProtocol') {
      const literal = literalString(right, context.text);
      if (literal) {
        checkSecureProtocol(literal.value, node.startIndex, node.endIndex, report, undefined);
      }
    }
  }
  // NODE_OPTIONS / execArgv values given to child processes or set for this one.
  for (const site of stringSites(context)) {
    if (!site.value.includes('--tls-') || site.hasSubstitution) {
      continue;
    }
    const { node } = site;
    const literal = site;
    const use = expressionUse(node, sharedScopes(context).ancestors(node));
    if (use?.kind === 'binding' && flagHolders.has(use.name)) {
      const offsets = Array.from({ length: literal.value.length }, (_, i) => literal.offset + i);
      checkNodeFlags({ text: literal.value, offsets, start: node.startIndex, end: node.endIndex }, report);
    }
  }
  checkUnits(childProcessUnits(context), report);
}

function deduplicated(report: Report): Report {
  const seen = new Set<number>();
  return (spec) => {
    if (!seen.has(spec.start)) {
      seen.add(spec.start);
      report(spec);
    }
  };
}

export const tlsVersionTooOld: Rule = {
  id: 'tls-version-too-old',
  title: 'TLS below version 1.2 allowed',
  section: 'HTTPS Usage',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'json', 'yaml', 'properties', 'dockerfile', 'shell'],
  literals: [
    'tlsv1',
    'tls1',
    'sslv',
    'tls-min-v1',
    'tls-v1.',
    'tls-max',
    'versiontls1',
    'tls_version',
    'tls-version',
    'tlsversion',
    'ssl_protocols',
    'ssl-protocols',
    'sslprotocol',
    'secure-protocol',
  ],
  mappings: {
    cwe: ['CWE-326', 'CWE-327'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['4.2.1'],
  },
  description: [
    'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and on cipher constructions with practical attacks,',
    'and PCI DSS does not accept them for card data (requirement 4.2.1, "strong cryptography"). Allowing them lets an',
    'attacker in the middle push a connection down to the weakest version both sides accept.',
    '',
    'The rule reports:',
    '',
    "- in JavaScript and TypeScript: `minVersion: 'TLSv1'` or `'TLSv1.1'`, `maxVersion` below `'TLSv1.2'`,",
    "  `tls.DEFAULT_MIN_VERSION = 'TLSv1'`, `secureProtocol: 'TLSv1_method'` (also `TLSv1_1_`, `SSLv3_`), and",
    "  `secureProtocol: 'SSLv23_method'` as a **warning** (it negotiates any version the library allows);",
    '- `--tls-min-v1.0` / `--tls-min-v1.1` (and `--tls-v1.0`) in `NODE_OPTIONS`, `execArgv` or on a `node` command line;',
    '- nginx `ssl_protocols` and Apache `SSLProtocol` that allow SSLv3, TLSv1 or TLSv1.1 (`SSLProtocol all -SSLv3` does);',
    '- settings such as `ssl-min-ver TLSv1.0`, `minVersion: VersionTLS10`, `minimumTlsVersion: "1.0"`;',
    '- `curl --tls-max 1.1`, `--sslv3`, `wget --secure-protocol=TLSv1`, and `curl --tlsv1.0`/`--tlsv1.1` as a **warning**',
    '  (they set a minimum that allows old versions).',
    '',
    "It stays quiet for `'TLSv1.2'` and `'TLSv1.3'`, values it cannot see, comments, and strings that are not options.",
    '',
    "**Fix:** require TLS 1.2 or newer. The quick fix writes `'TLSv1.2'` (in the notation of the setting), replaces",
    "`secureProtocol` with `minVersion: 'TLSv1.2'`, and removes old protocols from `ssl_protocols`/`SSLProtocol`.",
    '',
    '```js',
    '// Flagged',
    "const agent = new https.Agent({ minVersion: 'TLSv1' });",
    '// Secure',
    "const agent = new https.Agent({ minVersion: 'TLSv1.2' });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    checkJs(context, deduplicated((spec) => context.report(spec)));
  },

  checkText(context: TextContext): void {
    checkUnits(textUnits(context), deduplicated((spec) => context.report(spec)));
  },
};
