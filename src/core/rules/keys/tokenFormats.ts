import { isDefaultPassword, isPlaceholderValue } from './secrets';

/**
 * Credentials that say what they are by their shape, whatever they are stored under: cloud and
 * SaaS keys with a fixed prefix, private keys in PEM, passwords in a URL. A generic value needs a
 * credential name to be reported (see `looksLikeSecret`); these do not, because their format
 * alone is evidence (`const gh = 'ghp_…'` is a GitHub token, whatever `gh` means).
 */
interface TokenFormat {
  readonly label: string;
  readonly pattern: RegExp;
}

// Anchored to the whole value: a prefix inside a longer word (a URL path, a hash) is not a key.
const formats: readonly TokenFormat[] = [
  { label: 'an AWS access key ID', pattern: /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/ },
  { label: 'a GitHub token', pattern: /^(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})$/ },
  { label: 'a GitLab token', pattern: /^glpat-[A-Za-z0-9_-]{20}$/ },
  { label: 'a Slack token', pattern: /^xox[baprs]-[0-9]{6,}-[0-9A-Za-z-]{8,}$/ },
  { label: 'a Slack webhook URL', pattern: /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}$/ },
  { label: 'a Stripe secret key', pattern: /^(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,}$/ },
  { label: 'a Google API key', pattern: /^AIza[0-9A-Za-z_-]{35}$/ },
  { label: 'a SendGrid API key', pattern: /^SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}$/ },
  { label: 'an npm access token', pattern: /^npm_[A-Za-z0-9]{36}$/ },
  { label: 'a Shopify access token', pattern: /^shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}$/ },
  { label: 'an Anthropic API key', pattern: /^sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}$/ },
  { label: 'an OpenAI API key', pattern: /^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,}$/ },
];

// One test for all the prefixes above, before trying them one by one.
const anyPrefix = /^(?:AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[baprs]-|https:\/\/hooks\.slack\.com\/|[sr]k_(?:live|test)_|AIza|SG\.|npm_|shp(?:at|ca|pa|ss)_|sk-)/;

// A PEM private key, in a string (`'-----BEGIN RSA PRIVATE KEY-----\nMII…'`) or a JSON service-account file.
const pemPrivateKey = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;
// The body that must follow for it to be a key, not a template: base64 after the header (an escaped or a real line break).
const pemBody = /-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|\s)+[A-Za-z0-9+/=]{40}/;

/** The kind of credential `value` is by its format alone ("a GitHub token"), if any. */
export function tokenFormatOf(value: string): string | undefined {
  const v = value.trim();
  if (v.length < 20 || v.length > 10_000) {
    return undefined;
  }
  if (v.includes('PRIVATE KEY') && pemPrivateKey.test(v)) {
    return pemBody.test(v) ? 'a private key' : undefined;
  }
  if (v.length > 300 || !anyPrefix.test(v) || isPlaceholderValue(v)) {
    return undefined;
  }
  for (const format of formats) {
    if (format.pattern.test(v)) {
      // A run of one character or a typed sequence is a placeholder whatever its prefix.
      return /(.)\1{7}/.test(v) ? undefined : format.label;
    }
  }
  return undefined;
}

/** Literal prefixes of the formats above, for rule prefilters (lower case). */
export const tokenFormatLiterals: readonly string[] = [
  'akia', 'asia', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'glpat-', 'xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-',
  'hooks.slack.com', 'sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'aiza', 'sg.', 'npm_', 'shpat_', 'shpca_', 'shppa_',
  'shpss_', 'sk-', 'private key-----',
  // URLs with a password: the schemes of databases, queues and mail servers. (An http(s) URL with a
  // password is found when something else makes the rule read the file: '://' alone would make it
  // read nearly every file.)
  'postgres://', 'postgresql://', 'mysql://', 'mariadb://', 'mongodb://', 'mongodb+srv://', 'redis://', 'rediss://',
  'amqp://', 'amqps://', 'mssql://', 'sqlserver://', 'oracle://', 'ftp://', 'sftp://', 'smtp://', 'smtps://', 'ldap://',
  'ldaps://', 'nats://', 'kafka://', 'couchdb://', 'neo4j://', 'bolt://',
  // Provider URLs with the key in their path.
  'alchemy.com/v2/', 'alchemyapi.io/v2/', 'infura.io/', 'discord.com/api/webhooks/', 'discordapp.com/api/webhooks/', 'api.telegram.org/',
];

// `scheme://user:password@host`: the password span of a URL with credentials in it.
const urlCredentials = /^([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/?#@]{1,128}):([^\s/?#@]{1,256})@([^\s/?#:]{1,253})/i;
const localHost = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[^.]+\.(?:local|localhost|test|example|invalid)|example\.(?:com|org|net))$/i;

/**
 * Where the password of a URL with credentials is (`postgres://app:s3cret@db.internal/shop`),
 * relative to `value`'s start; undefined for placeholders (`:${DB_PASSWORD}@`, `:<password>@`,
 * `:password@`), a password equal to the user name, and local hosts.
 */
export function urlPasswordIn(value: string): { start: number; end: number } | undefined {
  if (!value.includes('://') || !value.includes('@')) {
    return undefined;
  }
  const match = urlCredentials.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [, scheme, user, password, host] = match;
  if (
    /^(?:git\+)?(?:file|data|blob)$/i.test(scheme) ||
    password === user ||
    isDefaultPassword(password) ||
    isPlaceholderValue(password) ||
    /[$%{}<>*]/.test(password) ||
    /^\*+$/.test(password) ||
    localHost.test(host)
  ) {
    return undefined;
  }
  const start = value.indexOf(value.trim()) + scheme.length + 3 + user.length + 1;
  return { start, end: start + password.length };
}

// Providers that take the key as part of the URL's path: the URL is the credential.
const urlPathKeys: ReadonlyArray<{ readonly label: string; readonly pattern: RegExp }> = [
  // `https://eth-mainnet.g.alchemy.com/v2/<key>`, also over `wss://`.
  { label: 'an Alchemy API key', pattern: /^(?:https|wss):\/\/[a-z0-9-]+\.(?:g\.alchemy\.com|alchemyapi\.io)\/v2\/([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/ },
  // `https://mainnet.infura.io/v3/<project id>`: the id authorises the requests.
  { label: 'an Infura API key', pattern: /^(?:https|wss):\/\/[a-z0-9-]+\.infura\.io\/(?:v3|ws\/v3)\/([0-9a-f]{32})(?![0-9a-f])/ },
  { label: 'a Discord webhook URL', pattern: /^https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/([A-Za-z0-9_-]{60,72})(?![A-Za-z0-9_-])/ },
  { label: 'a Telegram bot token', pattern: /^https:\/\/api\.telegram\.org\/(?:file\/)?bot([0-9]{8,10}:[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/ },
];

/** The key inside a provider URL that carries one in its path (`…alchemy.com/v2/<key>`), located in `value`. */
export function urlPathKeyIn(value: string): { start: number; end: number; label: string } | undefined {
  if (!value.includes('://')) {
    return undefined;
  }
  const trimmed = value.trim();
  for (const { label, pattern } of urlPathKeys) {
    const match = pattern.exec(trimmed);
    if (match && !isPlaceholderValue(match[1]) && !/(.)\1{7}/.test(match[1])) {
      const start = value.indexOf(trimmed) + match[0].length - match[1].length;
      return { start, end: start + match[1].length, label };
    }
  }
  return undefined;
}

/**
 * A credential `value` shows by its format, located in it: the whole value for a provider's key or
 * a private key, the password for a URL with credentials. `label` names it ("a GitHub token").
 */
export function credentialByFormat(value: string): { start: number; end: number; label: string } | undefined {
  const label = tokenFormatOf(value);
  if (label) {
    return { start: 0, end: value.length, label };
  }
  const password = urlPasswordIn(value);
  return password ? { ...password, label: 'a password in a URL' } : urlPathKeyIn(value);
}
