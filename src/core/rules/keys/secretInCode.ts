import { sharedScopes } from '../js/declarations';
import { keyValueSetters } from '../js/namedSecretSites';
import { isTestPath } from '../js/express';
import { stringSites } from '../js/stringSites';
import { expressionUse, lastSegment } from '../js/syntax';
import type { Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { textUnits } from '../text/configEntries';
import { curlCredentials } from './commandCredentials';
import { configEntries } from './entries';
import { dotenvRole, isLockfile } from './fileRoles';
import { credentialNameLiterals, isCredentialName, isPasswordName, looksLikePassword, looksLikeSecret, namedSecretKind } from './secrets';
import { credentialInSetting } from './settingCredential';
import { credentialByFormat, tokenFormatLiterals } from './tokenFormats';
import { sessionSecretFindings } from '../sessions/hardCodedSessionSecret';

// UCanPay-shaped values (keys and their placeholders) are ucanpay-key-in-code's.
const ucanpayShaped = /ucp_(?:live|test|whsec)_/;

function message(name: string): string {
  return `A hard-coded secret is assigned to \`${name}\`: anyone who can read this file can use it. Load it from the environment or a secret manager, and rotate it.`;
}

function passwordMessage(name: string): string {
  return `A password is written into this file as \`${name}\`: anyone who can read this file can use it, and it is the same in every environment. Load it from the environment or a secret manager, and change it.`;
}

// A password's name just before a string's opening quote (`password: '`, `DB_PASS = "`,
// `pwd="`, `password: string = '`, `req.body.password === '`).
const passwordNear = /(?:pass|pwd)\w{0,40}['"]?(?:\s{0,3}:\s{0,3}[\w|]{1,40})?\s{0,3}(?:[:=]|[!=]==?)\s{0,3}['"`]$/i;

function comparedMessage(name: string): string {
  return `\`${name}\` is checked against a value written into this file: anyone who can read the file can use that credential, and it is the same in every environment. Compare with a hash or a secret kept outside the code (the environment, a secret manager), and change it.`;
}

const equalities = new Set(['===', '==', '!==', '!=']);

/**
 * The name a string literal is compared with: `req.body.password === '…'` → `password`. A login
 * that checks a typed password against a literal keeps that password in the code.
 */
function comparedName(context: SyntaxContext, node: SyntaxNode): string | undefined {
  const parent = sharedScopes(context).ancestors(node)[0];
  if (parent?.type !== 'binary_expression' || !equalities.has(parent.childForFieldName('operator')?.type ?? '')) {
    return undefined;
  }
  const left = parent.childForFieldName('left');
  const other = left?.id === node.id ? parent.childForFieldName('right') : left;
  const type = other?.type;
  return other && (type === 'identifier' || type === 'member_expression' || type === 'subscript_expression') ? lastSegment(other) || undefined : undefined;
}

/** The name a string literal is stored under: a variable, property, field, parameter default or JSX attribute. */
function boundName(context: SyntaxContext, node: SyntaxNode): string | undefined {
  const ancestors = sharedScopes(context).ancestors(node);
  const parent = ancestors[0];
  // <Provider apiKey="…" />, <Provider apiKey={'…'} />
  const attribute = parent?.type === 'jsx_expression' ? ancestors[1] : parent;
  if (attribute?.type === 'jsx_attribute') {
    return attribute.namedChildren[0]?.text;
  }
  const use = expressionUse(node, ancestors);
  if (use?.kind === 'argument' && use.index === 1 && keyValueSetters.has(use.callee)) {
    // `app.set('jwtSecret', '…')`, `config.set('apiKey', '…')`, `.constant('api_key', '…')`: the first argument names it.
    const args = ancestors.find((ancestor) => ancestor.type === 'arguments');
    const first = args?.namedChildren.find((child) => child !== null && child.type !== 'comment');
    return first?.type === 'string' ? first.text.slice(1, -1) : undefined;
  }
  return use?.kind === 'binding' ? use.name : undefined;
}


/** The message for a credential found by its format (see `credentialByFormat`). */
function formatMessage(label: string): string {
  return label === 'a password in a URL'
    ? 'This URL carries a password: anyone who can read the file, or a log line that prints the URL, can use it. Build the URL from the environment (process.env.DATABASE_URL, say) and change the password.'
    : `This is ${label}, written into the file: anyone who can read it can use it. Revoke it, load the new one from the environment or a secret manager, and keep it out of the repository.`;
}

/** Whether hard-coded-session-secret reports `node` (or the array or fallback it is part of). */
function ownedBySessionRule(context: SyntaxContext, node: SyntaxNode): boolean {
  return sessionSecretFindings(context).some((finding) => finding.start <= node.startIndex && node.endIndex <= finding.end);
}

export const secretInCode: Rule = {
  id: 'secret-in-code',
  title: 'Hard-coded secret, provider key or password in a URL',
  section: 'Authentication and Authorization',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'json', 'yaml', 'properties', 'shell', 'dockerfile'],
  literals: [...credentialNameLiterals, ...tokenFormatLiterals, 'curl'],
  mappings: {
    cwe: ['CWE-798', 'CWE-540'],
    owasp: ['A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.6.2', '8.3.2'],
  },
  description: [
    'Your integration holds other credentials beside the UCanPay key: database passwords, webhook secrets of other',
    'services, JWT signing keys, OAuth client secrets. Written into code or a committed configuration file, they leak with it.',
    '',
    'The rule reports a string that looks generated — at least 20 characters, no spaces, letters mixed with digits (or three',
    'character classes), Shannon entropy of at least 3.5 bits a character (hex strings: at least 32 characters) — when it is',
    'stored under a credential name:',
    '',
    '- in JavaScript/TypeScript: a variable, assignment, object property, class field, parameter default, JSX attribute or',
    "  key-value setter (`config.set('apiKey', '…')`, `res.setHeader('Authorization', '…')`, `.constant('api_key', '…')`)",
    '  named like `apiKey`, `API_KEY`, `secret`, `clientSecret`, `token`, `password`, `passwd`, `privateKey`, `auth`,',
    '  `Authorization` (a `Bearer ` prefix is looked through) or `credentials`, including a fallback such as',
    '  `process.env.TOKEN || \'…\'`, or compared with one (`req.body.password === \'…\'`: a login that checks a typed',
    '  password against the code);',
    '- in `.env` templates, JSON, YAML (docker-compose `environment:` lists, and `name`/`value` lists such as Kubernetes container `env` and ECS task definitions, too), properties/INI/TOML, shell assignments',
    '  and Dockerfile `ENV`/`ARG`: a setting with such a name;',
    '- on a command line (shell scripts, Dockerfile `RUN`, CI steps): the password of `curl -u user:…` and the value of a',
    "  credential header (`curl -H 'Authorization: Bearer …'`), unless it is a variable (`$TOKEN`).",
    '',
    'A **password** is rarely generated-looking, so under a name that says it holds one (`password`, `DB_PASSWORD`,',
    '`smtpPass`, `passphrase`) a value of six characters or more without spaces is enough (`\'P@ssw0rd!\'`), except',
    'placeholders, the defaults of local databases (`postgres`, `root`), form settings (`\'current-password\'`,',
    '`\'confirm_password\'`), paths and variable names; in JavaScript/TypeScript, not in test files. In configuration',
    'files, the same holds for a name that says it is a session or JWT secret or an encryption key (`"jwtSecret": "…"`).',
    '',
    'Under any name, in the same places, it reports a value whose format says it is a credential: an AWS access key ID',
    '(`AKIA…`), a GitHub, GitLab, Slack, Stripe, Google, SendGrid, npm, Shopify, OpenAI or Anthropic key or token, a',
    'Slack webhook URL, a PEM private key (`-----BEGIN RSA PRIVATE KEY-----` followed by the key), the key in the path of',
    'a provider URL that carries one (Alchemy `…alchemy.com/v2/<key>`, Infura `…infura.io/v3/<key>`, Discord webhooks,',
    'Telegram bot URLs), and the password of a URL with credentials (`postgres://app:…@db.internal/shop`), unless it is a',
    'placeholder (`:${DB_PASSWORD}@`, `:password@`), the user name again, or the host is local (`localhost`, `*.local`, `*.test`).',
    '',
    'It stays quiet for names about a credential rather than holding one (`publicKey`, `tokenType`, `secretName`,',
    '`passwordPolicy`, `apiKeyHeader`, `tokenUrl`, `nextPageToken`, `passwordHash`), for values read from the environment',
    '(`process.env.X`, `${VAR}`, `{{ secrets.X }}`), placeholders (`changeme`, `<your-api-key>`, `xxx`, `your-api-key`,',
    '`example`, `dummy`), values made of words (`msal:acquireTokenStart`, `AccessToken_With_AuthScheme`), URLs, file paths and names, e-mail addresses, UUIDs (identifiers far more often',
    'than secrets), constant names (`UCANPAY_API_KEY`), base64-encoded images, lockfiles (`package-lock.json`, `yarn.lock`,',
    '`pnpm-lock.yaml`), and UCanPay keys (reported by [`ucanpay-key-in-code`](ucanpay-key-in-code.md)). In JavaScript and',
    'TypeScript, a name that says it holds an encryption key (`encryptionKey`) is left to',
    '[`hard-coded-encryption-key`](hard-coded-encryption-key.md), and outside tests one that says it holds a session or JWT',
    'secret (`jwtSecret`, `cookieSecret`) to [`hard-coded-session-secret`](hard-coded-session-secret.md); they report it',
    'whatever it looks like. In dotenv files it',
    'only reads templates such as `.env.example`: an untracked `.env` is where secrets belong, and a tracked one is',
    '[`key-in-tracked-file`](key-in-tracked-file.md)\'s.',
    '',
    '**Fix:** move the value to the environment or a secret manager, read it at run time, and rotate it.',
    '',
    '```js',
    '// Flagged',
    "const jwtSecret = 'q8Rz2Lm…'; // a generated-looking value of 20+ characters",
    '// Secure',
    'const jwtSecret = process.env.JWT_SECRET;',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    for (const content of stringSites(context)) {
      if (content.value.length < 6 || ucanpayShaped.test(content.value)) {
        continue;
      }
      // A provider's key, a private key or a URL with a password: the format is the evidence, any name.
      const byFormat = credentialByFormat(content.value);
      if (byFormat) {
        if (!ownedBySessionRule(context, content.node)) {
          context.report({ start: content.offset + byFormat.start, end: content.offset + byFormat.end, message: formatMessage(byFormat.label) });
        }
        continue;
      }
      if (content.hasSubstitution) {
        continue;
      }
      // The value first (plain JavaScript), the name second (it takes a look up the tree). A
      // password needs less of the value, so its name is looked up when the text just before the
      // string mentions one.
      const secretLike = content.value.length >= 20 && looksLikeSecret(content.value);
      const passwordLike =
        !secretLike && passwordNear.test(context.text.slice(Math.max(0, content.offset - 48), content.offset)) && !isTestPath(context.path);
      if (!secretLike && !passwordLike) {
        continue;
      }
      const bound = boundName(context, content.node);
      // Tests compare with expected values all the time; a comparison counts outside them only.
      const compared = bound === undefined && !isTestPath(context.path) ? comparedName(context, content.node) : undefined;
      const name = bound ?? compared;
      if (passwordLike) {
        if (name && isPasswordName(name) && !namedSecretKind(name) && looksLikePassword(content.value, name) && !ownedBySessionRule(context, content.node)) {
          context.report({ start: content.offset, end: content.offset + content.value.length, message: compared ? comparedMessage(name) : passwordMessage(name) });
        }
        continue;
      }
      const named = name ? namedSecretKind(name) : undefined;
      if (!name || !isCredentialName(name) || named === 'encryption' || (named && !isTestPath(context.path)) || ownedBySessionRule(context, content.node)) {
        // An encryption key's name: hard-coded-encryption-key reports it. A session or JWT
        // secret's: hard-coded-session-secret, except in tests (which it skips); so is a secret
        // given where sessions or JWTs take one (`session({ secret: '…' })`).
        continue;
      }
      context.report({ start: content.offset, end: content.offset + content.value.length, message: compared ? comparedMessage(name) : message(name) });
    }
  },

  checkText(context: TextContext): void {
    const role = dotenvRole(context);
    if (isLockfile(context.path) || role === 'tracked' || role === 'local') {
      return;
    }
    if (context.text.includes('curl')) {
      // Shell scripts, Dockerfile RUN, CI `run:` steps: `curl -u deploy:… `, `-H 'Authorization: Bearer …'`.
      for (const command of textUnits(context).commands) {
        for (const credential of curlCredentials(command)) {
          context.report({
            start: credential.start,
            end: credential.end,
            message: `A credential is written into a command line (${credential.what}): it is in the file, in shell history and in the process list. Read it from an environment variable (curl -u "user:$PASSWORD", -H "Authorization: Bearer $TOKEN") and change it.`,
          });
        }
      }
    }
    for (const entry of configEntries(context)) {
      if (ucanpayShaped.test(entry.value)) {
        continue;
      }
      const found = credentialInSetting(entry.name, entry.value);
      if (!found) {
        continue;
      }
      context.report({
        start: entry.valueStart + found.start,
        end: entry.valueStart + found.end,
        message: found.why === 'format' ? formatMessage(found.label ?? 'a credential') : found.why === 'password' ? passwordMessage(entry.name) : message(entry.name),
      });
    }
  },
};
