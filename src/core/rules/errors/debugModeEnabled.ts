import {
  booleanValue,
  callArguments,
  calleeOf,
  callsOfAliases,
  calledMethodName,
  plainCalleeName,
  entryValue,
  moduleBindings,
  objectEntries,
  objectLiteral,
  propertyName,
  stringValue,
  unwrap,
} from '../js/express';
import { lastSegment } from '../js/syntax';
import type { FixSpec, Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';

// Files meant for production: `.env.production`, `config/prod.yml`, `docker-compose.prod.yaml`,
// `k8s/production/deployment.yaml`. Development, test and example files are not.
const productionPath = /(?:^|[/._-])prod(?:uction)?(?:[/._-]|$)/i;
const nonProductionPath = /(?:^|[/._-])(?:dev|development|local|test|tests|testing|ci|example|examples|sample|template|tmpl|dist)(?:[/._-]|$)/i;
// Dockerfiles for development: `Dockerfile.dev`, `dev.Dockerfile`, `docker/dev/Dockerfile`.
const developmentDockerfile = /(?:^|[/._-])(?:dev|development|local|test|debug)(?:[/._-]|$)/i;
// Build stages whose environment never reaches the running container's purpose.
const developmentStage = /^(?:dev|develop|development|test|tests|testing|debug|local)$/i;

// Variables that pick the environment, and the values that mean development.
const environmentVariables = new Set(['NODE_ENV', 'APP_ENV', 'RAILS_ENV', 'RACK_ENV', 'FLASK_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT']);
const developmentValue = /^(?:development|dev)$/i;
// Variables that switch a framework's debug mode on (Laravel `APP_DEBUG`, Flask, Django, `debug`).
const debugVariables = new Set(['DEBUG', 'APP_DEBUG', 'FLASK_DEBUG', 'DJANGO_DEBUG', 'NEXT_PUBLIC_DEBUG', 'DEBUG_MODE']);
const debugOn = /^(?:true|1|yes|on)$/i;

// `app.set('env', …)`, Express 3 `express.errorHandler(…)`, `errorhandler()`, `new ApolloServer(…)`: one pass.
function isDebugSite(context: SyntaxContext, node: SyntaxNode): boolean {
  if (node.type === 'new_expression') {
    const constructor = node.childForFieldName('constructor');
    return constructor?.type === 'identifier' && constructor.text === 'ApolloServer';
  }
  const method = calledMethodName(context, node);
  if (method !== undefined) return method === 'set' || method === 'errorHandler';
  const fn = plainCalleeName(context, node);
  return fn === 'errorhandler' || fn === 'errorHandler';
}

const envGuard = /\b(?:NODE_ENV|isDev\w*|isDevelopment|development|__DEV__)\b|\benv\b/;

interface Setting {
  readonly key: string;
  readonly value: string;
  /** Offset of the value in the text. */
  readonly valueStart: number;
}

type Verdict = { readonly message: string; readonly replacement?: string } | undefined;

function judge(key: string, value: string): Verdict {
  const upper = key.toUpperCase();
  if (environmentVariables.has(upper) && developmentValue.test(value)) {
    return {
      message: `${key}=${value} runs the app in development mode in production: frameworks then show stack traces and detailed errors to clients. Set it to production.`,
      replacement: value === value.toUpperCase() ? 'PRODUCTION' : value[0] === value[0].toUpperCase() ? 'Production' : 'production',
    };
  }
  if (debugVariables.has(upper) || key === 'debug') {
    if (debugOn.test(value)) {
      return {
        message: `${key} turns debug mode on in production configuration: debug pages and verbose errors expose internals to attackers. Turn it off.`,
        replacement: /^1$/.test(value) ? '0' : /^yes$/i.test(value) ? 'no' : /^on$/i.test(value) ? 'off' : value === value.toUpperCase() ? 'FALSE' : value[0] === 'T' ? 'False' : 'false',
      };
    }
    if (upper === 'DEBUG' && value === '*') {
      return {
        message: 'DEBUG=* turns on every debug logger in production: verbose logs can carry request data and secrets. Remove it or name only the namespaces you need.',
      };
    }
  }
  return undefined;
}

function report(context: TextContext | SyntaxContext, setting: Setting): void {
  const verdict = judge(setting.key, setting.value);
  if (!verdict) {
    return;
  }
  const start = setting.valueStart;
  const end = start + setting.value.length;
  const fixes: FixSpec[] = verdict.replacement
    ? [{ title: `Use ${verdict.replacement}`, preferred: true, edits: [{ start, end, newText: verdict.replacement }] }]
    : [];
  context.report({ start, end, message: verdict.message, fixes });
}

const settingKey = /^[A-Za-z_][A-Za-z0-9_.]{0,200}$/;

/**
 * `KEY=value # comment`, `key: "value"`, `- KEY=value`: the key, the unquoted value and where the
 * value starts in the line. Parsed by hand rather than with one regex: lines can be long, and
 * nested optional whitespace in a regex backtracks on them.
 */
function splitSetting(text: string, separator: '=' | ':'): Setting | undefined {
  let begin = text.length - text.trimStart().length;
  if (text.startsWith('-', begin)) {
    begin++;
    while (begin < text.length && (text[begin] === ' ' || text[begin] === '\t')) begin++;
  }
  if (text.startsWith('export ', begin) && separator === '=') {
    begin += 'export '.length;
  }
  const at = text.indexOf(separator, begin);
  if (at <= begin) {
    return undefined;
  }
  if (separator === ':' && at + 1 < text.length && text[at + 1] !== ' ' && text[at + 1] !== '\t') {
    return undefined;
  }
  let key = text.slice(begin, at).trim();
  let itemQuote = '';
  if ((key.startsWith('"') || key.startsWith("'")) && separator === '=') {
    // `- "DEBUG=true"`: the whole list item is quoted.
    itemQuote = key[0];
    key = key.slice(1);
  } else if (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key.endsWith(key[0])) {
    key = key.slice(1, -1);
  }
  if (!settingKey.test(key)) {
    return undefined;
  }
  let rest = text.slice(at + 1);
  const comment = rest.search(/(?:^|[ \t])#/);
  if (comment >= 0) {
    rest = rest.slice(0, comment);
  }
  let valueStart = at + 1 + (rest.length - rest.trimStart().length);
  let value = rest.trim();
  if (itemQuote && value.endsWith(itemQuote)) {
    value = value.slice(0, -1);
  } else if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    value = value.slice(1, -1);
    valueStart++;
  }
  if (value === '' || /[\s"']/.test(value)) {
    return undefined;
  }
  return { key, value, valueStart };
}

function checkDotenv(context: TextContext): void {
  for (const line of context.textLines()) {
    if (line.text.trimStart().startsWith('#')) continue;
    const setting = splitSetting(line.text, '=');
    if (setting) report(context, { ...setting, valueStart: line.offset + setting.valueStart });
  }
}

function checkYaml(context: TextContext): void {
  let previousName: string | undefined;
  for (const line of context.textLines()) {
    const trimmed = line.text.trimStart();
    if (trimmed.startsWith('#') || trimmed === '') {
      continue;
    }
    // Kubernetes: `- name: NODE_ENV` then `value: development`.
    const entry = splitSetting(line.text, ':');
    if (entry?.key === 'name') {
      previousName = entry.value;
      continue;
    }
    if (entry?.key === 'value' && previousName && !trimmed.startsWith('-')) {
      report(context, { key: previousName, value: entry.value, valueStart: line.offset + entry.valueStart });
      previousName = undefined;
      continue;
    }
    previousName = undefined;
    // Compose lists: `- NODE_ENV=development`.
    const listed = trimmed.startsWith('-') ? splitSetting(line.text, '=') : undefined;
    const setting = listed && !listed.key.includes(':') ? listed : entry;
    if (setting) {
      report(context, { ...setting, valueStart: line.offset + setting.valueStart });
    }
  }
}

const dockerInstruction = /^([A-Za-z]+)\s/;
const dockerFrom = /^FROM[ \t]+\S+(?:[ \t]+AS[ \t]+(\S+))?/i;
const dockerPair = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]{0,200})=(?:"([^"]*)"|'([^']*)'|([^\s"'\\]*))/g;
const dockerLegacyEnv = /^(ENV[ \t]+([A-Za-z_][A-Za-z0-9_]{0,200})[ \t]+(["']?))([^"'\s=]+)\3$/i;

/**
 * Only the final stage of a Dockerfile is the image that runs; a builder stage may well set
 * NODE_ENV=development to install dev dependencies. The last assignment of a variable wins.
 */
function checkDockerfile(context: TextContext): void {
  if (developmentDockerfile.test(context.path.replace(/^.*\//, '')) || /(?:^|\/)(?:dev|development|test)\//i.test(context.path)) {
    return;
  }
  let finalStage: Map<string, Setting> = new Map();
  let stageName: string | undefined;
  let inEnv = false;
  for (const line of context.textLines()) {
    const text = line.text;
    if (/^\s*#/.test(text)) {
      continue;
    }
    const continued = inEnv;
    inEnv = false;
    const from = dockerFrom.exec(text.trimStart());
    if (from && !continued) {
      finalStage = new Map();
      stageName = from[1];
      continue;
    }
    const instruction = continued ? 'ENV' : dockerInstruction.exec(text.trimStart())?.[1].toUpperCase();
    if (instruction !== 'ENV') {
      continue;
    }
    inEnv = text.trimEnd().endsWith('\\');
    const indent = text.length - text.trimStart().length;
    const legacy = continued ? null : dockerLegacyEnv.exec(text.trim());
    if (legacy) {
      finalStage.set(legacy[2], { key: legacy[2], value: legacy[4], valueStart: line.offset + indent + legacy[1].length });
      continue;
    }
    const body = continued ? 0 : text.toUpperCase().indexOf('ENV') + 3;
    dockerPair.lastIndex = body;
    for (let match = dockerPair.exec(text); match; match = dockerPair.exec(text)) {
      const value = match[2] ?? match[3] ?? match[4] ?? '';
      const quoted = match[2] !== undefined || match[3] !== undefined ? 1 : 0;
      const valueStart = match.index + match[1].length + 1 + quoted;
      finalStage.set(match[1], { key: match[1], value, valueStart: line.offset + valueStart });
    }
  }
  if (stageName && developmentStage.test(stageName)) {
    return;
  }
  for (const setting of finalStage.values()) {
    report(context, setting);
  }
}

/** Inside `if (isDev)`, `isDev && app.use(…)`, `dev ? errorhandler() : …`. */
function isEnvGuarded(node: SyntaxNode): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'if_statement' && parent.childForFieldName('condition')?.id !== child.id) {
      if (envGuard.test(parent.childForFieldName('condition')?.text ?? '')) return true;
    } else if (parent.type === 'ternary_expression' && parent.childForFieldName('condition')?.id !== child.id) {
      if (envGuard.test(parent.childForFieldName('condition')?.text ?? '')) return true;
    } else if (parent.type === 'binary_expression' && parent.childForFieldName('right')?.id === child.id) {
      if (envGuard.test(parent.childForFieldName('left')?.text ?? '')) return true;
    }
  }
  return false;
}

function checkScript(context: SyntaxContext): void {
  const errorhandler = moduleBindings(context, 'errorhandler').whole;
  const candidates = [...context.nodes('call_expression', 'new_expression').filter((node) => isDebugSite(context, node)), ...callsOfAliases(context, ['errorhandler', 'errorHandler'], errorhandler)];
  for (const node of candidates) {
    const callee = unwrap(calleeOf(node));
    const name = lastSegment(callee);
    const args = callArguments(node);
    if (node.type === 'new_expression') {
      if (name === 'ApolloServer') {
        reportTrueOptions(context, objectLiteral(args[0]), ['debug', 'includeStacktraceInErrorResponses']);
      }
      continue;
    }
    if (name === 'set' && callee?.type === 'member_expression' && stringValue(args[0]) === 'env' && stringValue(args[1]) === 'development') {
      const value = args[1];
      if (!isEnvGuarded(node)) {
        context.report({
          start: value.startIndex,
          end: value.endIndex,
          message: "app.set('env', 'development') makes Express show stack traces to clients. Let NODE_ENV decide, and use production on servers.",
          fixes: [{ title: "Use 'production'", preferred: true, edits: [{ start: value.startIndex + 1, end: value.endIndex - 1, newText: 'production' }] }],
        });
      }
      continue;
    }
    if (callee?.type === 'identifier' && errorhandler.has(callee.text) && !isEnvGuarded(node)) {
      const use = node.parent?.parent;
      const statement = use?.type === 'call_expression' && propertyName(use.childForFieldName('function')) === 'use' ? use.parent : undefined;
      const fixes: FixSpec[] =
        statement?.type === 'expression_statement'
          ? [
              {
                title: 'Use errorhandler only in development',
                preferred: true,
                edits: [{ start: statement.startIndex, end: statement.startIndex, newText: "if (process.env.NODE_ENV === 'development') " }],
              },
            ]
          : [];
      context.report({
        start: node.startIndex,
        end: node.endIndex,
        message: 'errorhandler() sends full stack traces and error details to clients. Use it only in development (inside an environment check).',
        fixes,
      });
      continue;
    }
    // Express 3's `express.errorHandler({ showStack: true, dumpExceptions: true })`.
    if (name === 'errorHandler' && !isEnvGuarded(node)) {
      reportTrueOptions(context, objectLiteral(args[0]), ['showStack', 'dumpExceptions']);
    }
  }
}

function reportTrueOptions(context: SyntaxContext, options: SyntaxNode | undefined, keys: readonly string[]): void {
  if (!options) {
    return;
  }
  const entries = objectEntries(options);
  for (const key of keys) {
    const entry = entries.get(key);
    const value = entry ? entryValue(entry) : undefined;
    if (!value || booleanValue(value) !== true || isEnvGuarded(options)) {
      continue;
    }
    context.report({
      start: entry!.startIndex,
      end: entry!.endIndex,
      message: `${key}: true sends stack traces and internal error details to clients. Turn it off in production (or tie it to NODE_ENV).`,
      fixes: [{ title: `Set ${key} to false`, preferred: true, edits: [{ start: value.startIndex, end: value.endIndex, newText: 'false' }] }],
    });
  }
}

export const debugModeEnabled: Rule = {
  id: 'debug-mode-enabled',
  title: 'Debug or development mode on in production configuration',
  section: 'Error Handling',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'yaml', 'dockerfile'],
  literals: ['debug', 'development', '_env', 'errorhandler', 'includestacktrace', 'showstack', 'dumpexceptions'],
  mappings: {
    cwe: ['CWE-489', 'CWE-215'],
    owasp: ['A05:2021 Security Misconfiguration'],
    pciDss: ['2.2.6', '6.2.4'],
  },
  description: [
    'Development and debug modes exist to show developers everything: stack traces in error pages, detailed',
    'validation messages, debug endpoints. In production they show the same to attackers. Express renders stack',
    'traces unless `NODE_ENV` is `production`; Apollo Server adds them to GraphQL errors in debug mode.',
    '',
    'The rule reports:',
    '',
    "- in code: `app.set('env', 'development')`, `app.use(errorhandler())` (the `errorhandler` package) outside an",
    '  environment check, `new ApolloServer({ debug: true })` or `includeStacktraceInErrorResponses: true`, and',
    '  Express 3 `errorHandler({ showStack: true })`;',
    '- in production configuration — dotenv and YAML files whose path says production (`.env.production`,',
    '  `config/prod.yml`, `docker-compose.prod.yml`, `k8s/production/…`): `NODE_ENV=development` (and `APP_ENV`,',
    '  `RAILS_ENV`, `ASPNETCORE_ENVIRONMENT`, …), `DEBUG=true`, `APP_DEBUG=true`, `FLASK_DEBUG=1`, `debug: true`,',
    '  `DEBUG=*`, including Kubernetes `- name: NODE_ENV` / `value: development` pairs;',
    '- in Dockerfiles: the same settings in an `ENV` of the final stage (the image that runs).',
    '',
    'It stays quiet for `.env`, `.env.development`, `.env.local`, `.env.example` and other non-production files,',
    'for builder stages of multi-stage Dockerfiles, for `Dockerfile.dev`, and for code inside an environment',
    "check (`if (process.env.NODE_ENV === 'development') app.use(errorhandler())`).",
    '',
    '**Fix:** run production with `NODE_ENV=production` and debug switches off. The quick fixes set the value to',
    '`production` / `false`, or wrap `app.use(errorhandler())` in a development check.',
    '',
    '```dockerfile',
    '# Flagged',
    'ENV NODE_ENV=development',
    '# Secure',
    'ENV NODE_ENV=production',
    '```',
  ].join('\n'),

  check: checkScript,

  checkText(context: TextContext): void {
    switch (context.kind) {
      case 'dotenv':
        if (productionPath.test(context.path) && !nonProductionPath.test(context.path)) checkDotenv(context);
        break;
      case 'yaml':
        if (productionPath.test(context.path) && !nonProductionPath.test(context.path)) checkYaml(context);
        break;
      case 'dockerfile':
        checkDockerfile(context);
        break;
      default:
        break;
    }
  },
};

