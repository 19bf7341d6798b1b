import type { FixSpec, Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { inRanges, scriptBodies, sideOfModule } from './clientSide';
import { analysedFences, dotenvRole } from './fileRoles';
import { envVariableFor, findUcanpayKeys, maskKey, ucanpayKeyLiterals, type UcanpayKeyKind, type UcanpayKeyMatch } from './ucanpayKeys';

function message(kind: UcanpayKeyKind, key: string, inCode: boolean): string {
  const masked = maskKey(key);
  const variable = envVariableFor(kind);
  const read = inCode ? `process.env.${variable}` : `the environment (${variable})`;
  switch (kind) {
    case 'live':
      return `A live UCanPay API key (${masked}) is written in this file: whoever reads the file or its history can charge cards as you. Rotate it, keep it in the OS keychain (UCanPay: Set API Key) and read it from ${read}.`;
    case 'test':
      return `A UCanPay test API key (${masked}) is written in this file. Keep it in the OS keychain (UCanPay: Set API Key) and read it from ${read}.`;
    case 'webhook':
      return `A UCanPay webhook signing secret (${masked}) is written in this file: whoever has it can forge webhook events. Rotate it and read it from ${read}.`;
  }
}

// Where a string literal can become `process.env.X` without changing the syntax around it.
const expressionParents = new Set([
  'variable_declarator', 'assignment_expression', 'augmented_assignment_expression', 'pair', 'arguments', 'array',
  'ternary_expression', 'binary_expression', 'parenthesized_expression', 'return_statement', 'public_field_definition',
  'field_definition', 'assignment_pattern', 'jsx_expression', 'as_expression', 'satisfies_expression',
  'non_null_expression', 'arrow_function', 'template_substitution', 'await_expression', 'spread_element',
]);
// Of those, the ones where only one field is an expression (not the name or the key).
const valueField: Record<string, string> = {
  variable_declarator: 'value',
  assignment_expression: 'right',
  augmented_assignment_expression: 'right',
  pair: 'value',
  public_field_definition: 'value',
  field_definition: 'value',
  assignment_pattern: 'right',
  arrow_function: 'body',
};

/** The fix for a key that is the whole content of a string literal in an expression position. */
function environmentFix(context: SyntaxContext, key: UcanpayKeyMatch): FixSpec | undefined {
  let literal: SyntaxNode | null = context.tree.rootNode.descendantForIndex(key.start, key.end);
  while (literal && literal.type !== 'string' && literal.type !== 'template_string') {
    literal = literal.type === 'string_fragment' ? literal.parent : null;
  }
  if (!literal || literal.startIndex !== key.start - 1 || literal.endIndex !== key.end + 1) {
    return undefined;
  }
  const parent = literal.parent;
  if (!parent) {
    return undefined;
  }
  const variable = envVariableFor(key.kind);
  const expression = `process.env.${variable}`;
  let newText: string;
  if (parent.type === 'jsx_attribute') {
    newText = `{${expression}}`;
  } else if (expressionParents.has(parent.type)) {
    const field = valueField[parent.type];
    if (field && parent.childForFieldName(field)?.id !== literal.id) {
      return undefined;
    }
    newText = expression;
  } else {
    return undefined;
  }
  const what = key.kind === 'webhook' ? 'secret' : 'key';
  return {
    title: `Read the ${what} from the environment (${expression})`,
    preferred: true,
    edits: [{ start: literal.startIndex, end: literal.endIndex, newText }],
  };
}

function insideRegex(node: SyntaxNode | null): boolean {
  for (let current = node; current; current = current.parent) {
    if (current.type === 'regex' || current.type === 'regex_pattern') {
      return true;
    }
    if (current.type === 'program' || current.type.endsWith('statement') || current.type.endsWith('declaration')) {
      return false;
    }
  }
  return false;
}

export const ucanpayKeyInCode: Rule = {
  id: 'ucanpay-key-in-code',
  title: 'UCanPay API key or webhook secret written in a file',
  section: 'Authentication and Authorization',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'json', 'yaml', 'properties', 'dockerfile', 'shell', 'markdown', 'html', 'sql', 'prisma'],
  literals: ucanpayKeyLiterals,
  mappings: {
    cwe: ['CWE-798', 'CWE-540'],
    owasp: ['A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.6.2', '8.3.2'],
  },
  description: [
    'A UCanPay key (`ucp_live_…`, `ucp_test_…`) or webhook signing secret (`ucp_whsec_…`) written into a file travels',
    'with it: into git history, forks, CI logs, support tickets and screenshots. Whoever has a live key can charge',
    "cards and issue refunds on your account; whoever has the webhook secret can forge UCanPay's webhook events.",
    '',
    'The rule reports every real-looking key in JavaScript/TypeScript (strings, templates, JSX, **and comments** — a key in',
    'a comment is just as leaked), configuration files, shell scripts, Dockerfiles, Markdown, HTML, SQL and Prisma schemas:',
    '',
    '- a live key as an **error**; a test key or a webhook secret as a **warning**;',
    '- in a dotenv file that git does not track (`.env`, `.env.local`), only a live key, as a **warning**: that file is',
    '  where local settings belong, but a live key is safer in the OS keychain. In a dotenv file git tracks,',
    '  [`key-in-tracked-file`](key-in-tracked-file.md) reports the key instead; `.env.example`, `.env.sample` and other',
    '  templates are treated like source files, since they are committed by design.',
    '',
    'Keys in client-side code are reported by [`key-in-client-code`](key-in-client-code.md) instead. A key in a URL is also',
    'reported by [`key-in-url`](key-in-url.md): it is both written down and sent where it gets logged, and each has its own',
    'fix. Messages show the key masked (`ucp_live_…a1b2`), never whole.',
    '',
    'It stays quiet for a prefix on its own (`\'ucp_live_\'`), key patterns (`/ucp_live_[A-Za-z0-9]{32}/`), values of the',
    'wrong length, and placeholders: one repeated character (`ucp_test_xxxx…`, `ucp_live_0000…`), typed sequences',
    '(`0123456789abcdef…`) and words like `YOUR`, `HERE`, `REPLACE`, `REDACTED`.',
    '',
    '**Fix:** rotate the key in the UCanPay dashboard (it has been exposed), store it with **UCanPay: Set API Key** (OS',
    'keychain) and read it from the environment; `ucanpay exec -- node server.js` starts your program with it. When the key',
    'is a whole string literal, the quick fix replaces it with `process.env.UCANPAY_API_KEY` (or',
    '`process.env.UCANPAY_WEBHOOK_SECRET`).',
    '',
    '```js',
    '// Flagged',
    "const ucanpay = new UCanPay('ucp_live_…');",
    '// Secure',
    'const ucanpay = new UCanPay(process.env.UCANPAY_API_KEY);',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    if (sideOfModule(context) === 'client') {
      return;
    }
    for (const key of findUcanpayKeys(context.text)) {
      if (insideRegex(context.tree.rootNode.descendantForIndex(key.start, key.end))) {
        continue;
      }
      const fix = environmentFix(context, key);
      context.report({
        start: key.start,
        end: key.end,
        message: message(key.kind, key.value, true),
        ...(key.kind === 'live' ? {} : { severity: 'warning' as const }),
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
  },

  checkText(context: TextContext): void {
    const role = dotenvRole(context);
    if (role === 'tracked') {
      return;
    }
    const keys = findUcanpayKeys(context.text);
    // Computed only when there is something to place: fences cost a pass over the file each.
    const skipped = keys.length ? [...(context.kind === 'html' ? scriptBodies(context.text) : []), ...analysedFences(context)] : [];
    for (const key of keys) {
      if (inRanges(key.start, skipped) || (role === 'local' && key.kind !== 'live')) {
        continue;
      }
      if (role === 'local') {
        context.report({
          start: key.start,
          end: key.end,
          severity: 'warning',
          message: `A live UCanPay API key (${maskKey(key.value)}) is stored in plain text in this .env file. Keep it in the OS keychain instead (UCanPay: Set API Key) and start your program with \`ucanpay exec\`.`,
        });
        continue;
      }
      context.report({
        start: key.start,
        end: key.end,
        message: message(key.kind, key.value, false),
        ...(key.kind === 'live' ? {} : { severity: 'warning' as const }),
      });
    }
  },
};
