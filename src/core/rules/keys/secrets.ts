/**
 * Heuristics for generic secrets: is a name one a credential is stored under, and does a value
 * look generated (a credential) rather than typed (a word, a path, a placeholder)?
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) {
    return 0;
  }
  const counts = new Map<string, number>();
  for (const ch of value) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let entropy = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** `apiKey` → [api, key]; `CLIENT_SECRET` → [client, secret]; `x-api-key` → [x, api, key]. */
export function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

// Words that make a name hold a credential on their own.
const credentialWords = new Set([
  'secret', 'secrets', 'password', 'passwd', 'pwd', 'passphrase', 'token', 'credential', 'credentials',
  'bearer', 'auth', 'authorization', 'apikey', 'secretkey', 'privatekey', 'accesskey', 'authtoken',
  'accesstoken', 'apitoken', 'clientsecret',
]);
// A `key` is a credential when one of these qualifies it: apiKey, PRIVATE_KEY, signingKey, …
const keyQualifiers = new Set([
  'api', 'private', 'secret', 'access', 'signing', 'client', 'app', 'master', 'encryption', 'auth',
  'license', 'service', 'webhook', 'consumer', 'session', 'jwt', 'hmac', 'shared', 'ucanpay',
]);
// Words that make the name about a credential rather than the credential itself: publicKey,
// tokenType, secretName, passwordPolicy, apiKeyHeader, tokenUrl, nextPageToken, …
const metaWords = new Set([
  'public', 'publishable', 'pub', 'type', 'types', 'name', 'names', 'policy', 'length', 'len', 'min', 'max',
  'url', 'uri', 'urls', 'endpoint', 'path', 'file', 'filename', 'dir', 'field', 'label', 'header', 'prefix',
  'suffix', 'placeholder', 'pattern', 'regex', 'format', 'hint', 'id', 'ids', 'env', 'var', 'count',
  'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'version', 'hash', 'hashed', 'page', 'cursor',
  'next', 'mode', 'kind', 'location', 'link', 'param', 'input', 'error', 'message', 'msg', 'text',
  'description', 'required', 'rule', 'rules', 'schema', 'storage', 'store', 'provider', 'ref', 'arn',
  'cache', 'method', 'enabled', 'flag', 'mask', 'masked', 'title', 'icon', 'column', 'selector',
  'strength', 'visible', 'visibility', 'event', 'events', 'request', 'validator', 'class',
]);

/** Does the name say it holds a credential (and not something about one)? */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((word) => metaWords.has(word))) {
    return false;
  }
  return words.some(
    (word, i) => credentialWords.has(word) || ((word === 'key' || word === 'keys') && i > 0 && keyQualifiers.has(words[i - 1])),
  );
}

const encryptionWords = new Set(['encryption', 'decryption', 'crypto', 'cipher', 'aes', 'enc']);

function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The secret a name says it holds, when it says which: `sessionSecret`, `COOKIE_SECRET`,
 * `SESSION_KEYS` (session); `jwtSecret`, `ACCESS_TOKEN_SECRET` (jwt); `encryptionKey`, `cryptoKey`,
 * `AES_KEY` (encryption). A literal under such a name is that secret wherever it is used (a config
 * module read by another file, say), so `hard-coded-session-secret` and `hard-coded-encryption-key`
 * report it whatever it looks like. `sessionToken`, `jwtSecretName`, `encryptionKeyId` are not
 * such names.
 */
export function namedSecretKind(name: string): 'session' | 'jwt' | 'encryption' | undefined {
  const words = nameWords(name);
  // `'X-Token-Secret'`: a header or a flag, which names what is sent, not the signing secret.
  if (name.includes('-') || words.some((word) => metaWords.has(word))) {
    return undefined;
  }
  const secret = words.some((word) => word === 'secret' || word === 'secrets' || word === 'key' || word === 'keys');
  // passport-jwt's option for the JWT secret (or public key).
  if (normalized(name) === 'secretorkey') {
    return 'jwt';
  }
  if (words.includes('jwt') || (words.includes('token') && words.includes('secret'))) {
    return secret ? 'jwt' : undefined;
  }
  if (words.includes('session') || words.includes('cookie')) {
    return secret || words.includes('password') ? 'session' : undefined;
  }
  if (words.some((word) => encryptionWords.has(word))) {
    return secret ? 'encryption' : undefined;
  }
  return undefined;
}

/**
 * A literal under a secret's name that is not the secret: a label (`'Session secret'`), the name
 * of the variable to read it from (`'SESSION_SECRET'`), the name itself as a code or storage key
 * (`cryptoKeyNotFound = 'crypto_key_not_found'`, `'msal.cache.encryption'`), a placeholder, a path
 * or URL.
 */
export function notASecretValue(text: string, name: string): boolean {
  const bare = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    (/\s/.test(text) && /^[A-Z]/.test(text)) ||
    screamingSnake.test(text) ||
    dottedName.test(text) ||
    bare(text) === bare(name) ||
    isPlaceholderValue(text) ||
    /^(?:\.{0,2}\/|~\/)|:\/\//.test(text)
  );
}

/** Lower-case literals one of which a name `namedSecretKind` recognises contains (for rule prefilters). */
export const namedSecretLiterals: readonly string[] = ['secret', 'jwt', 'sessionkey', 'session_key', 'cookiepassword', 'cookie_password', 'sessionpassword', 'session_password', 'encryptionkey', 'encryption_key', 'cryptokey', 'crypto_key', 'cipherkey', 'cipher_key', 'aeskey', 'aes_key', 'enckey', 'enc_key'];

/** Lower-case literals one of which any credential name contains (for rule prefilters). */
export const credentialNameLiterals: readonly string[] = [
  'secret', 'password', 'passwd', 'pwd', 'passphrase', 'token', 'credential', 'bearer', 'auth',
  ...[...keyQualifiers].flatMap((q) => [`${q}key`, `${q}_key`, `${q}-key`, `${q}keys`, `${q}_keys`]),
];

const placeholderWords = /your|placeholder|changeme|change_me|change-me|replace|insert|redacted|dummy|example|sample|fake|xxx|todo|fixme|secret_here|<|>|\*\*\*|…|\.\.\./i;

/** `<your key>`, `${API_TOKEN}`, `{{ secrets.X }}`, `%TOKEN%`, `$TOKEN`, `changeme`, `xxxx`, … */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || placeholderWords.test(v) || v.includes('${') || v.includes('{{') || /^\$[A-Za-z_]\w*$/.test(v)) {
    return true;
  }
  if (v.length > 2 && v.startsWith('%') && v.endsWith('%')) {
    return true;
  }
  if (new Set(v.toLowerCase()).size < 4) {
    return true;
  }
  // Typed sequences: 1234567, abcdefg.
  let run = 1;
  for (let i = 1; i < v.length; i++) {
    run = v.charCodeAt(i) === v.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 7) {
      return true;
    }
  }
  return false;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hexOnly = /^[0-9a-f]+$/i;
const screamingSnake = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const dottedName = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*){2,}$/;
// A JWT is dotted too, but its parts are base64url JSON: `eyJ…`.
const jwtShape = /^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}$/;
const fileName = /\.(?:png|jpe?g|gif|svg|webp|ico|js|mjs|cjs|ts|json|ya?ml|pem|key|crt|cer|p12|pfx|jks|txt|html?|css|env|pub)$/i;
const email = /^[^@\s]{1,64}@[^@\s]{1,255}\.[A-Za-z]{2,24}$/;
const authScheme = /^(?:bearer|basic|token|apikey)\s+/i;
// Base64 of images and fonts (data URIs without the prefix): PNG, JPEG, GIF, WebP, WOFF2.
const base64Media = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|d09GMg)/;

/**
 * `msal:acquireTokenStart`, `AccessToken_With_AuthScheme`, `token_sha256_to_refresh`: made of
 * words (every run of letters pronounceable, digits in short runs), as names and messages are. A
 * generated value splits into consonant clusters like `Vpzz`, `Ffk`, `Jr` almost always.
 */
export function looksLikeWords(value: string): boolean {
  const tokens = value.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^A-Za-z\d]+/g) ?? [];
  let letters = 0;
  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      if (token.length > 4) {
        return false;
      }
    } else if (/^[A-Za-z]+$/.test(token)) {
      if (token.length < 2 || !/[aeiouy]/i.test(token) || /[^aeiouy]{4}/i.test(token)) {
        return false;
      }
      letters += token.length;
    }
  }
  return letters >= value.length * 0.7;
}

export interface SecretThresholds {
  readonly minLength: number;
}

/**
 * Does the value look generated: long enough, no whitespace, mixed character classes, high
 * Shannon entropy, and none of the things that look like that without being secret (URLs, paths,
 * file names, UUIDs, constants' names, media in base64, placeholders)?
 */
export function looksLikeSecret(raw: string, thresholds: SecretThresholds = { minLength: 20 }): boolean {
  const value = raw.trim().replace(authScheme, '');
  if (value.length < thresholds.minLength || value.length > 1000 || /[\s'"`]/.test(value)) {
    return false;
  }
  if (
    isPlaceholderValue(value) ||
    value.includes('://') ||
    value.startsWith('data:') ||
    /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value) ||
    value.includes('\\') ||
    fileName.test(value) ||
    email.test(value) ||
    uuid.test(value) ||
    screamingSnake.test(value) ||
    (dottedName.test(value) && !jwtShape.test(value)) ||
    base64Media.test(value) ||
    looksLikeWords(value)
  ) {
    return false;
  }
  const hasLower = /[a-z]/.test(value);
  const hasUpper = /[A-Z]/.test(value);
  const hasDigit = /\d/.test(value);
  const hasSymbol = /[^A-Za-z0-9]/.test(value);
  const entropy = shannonEntropy(value);
  if (hexOnly.test(value)) {
    // Hex tokens carry 4 bits a character at most: ask for length instead.
    return value.length >= 32 && hasDigit && (hasLower || hasUpper) && entropy >= 3.2;
  }
  const classes = [hasLower, hasUpper, hasDigit, hasSymbol].filter(Boolean).length;
  const mixed = (hasDigit && (hasLower || hasUpper)) || classes >= 3;
  return mixed && entropy >= 3.5;
}

const passwordWords = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass']);
// Values under a password's name that are not passwords: defaults of local databases and message
// brokers, and words that configure a field rather than fill it.
const notPasswords = new Set([
  'password', 'passwd', 'pass', 'secret', 'admin', 'root', 'postgres', 'mysql', 'guest', 'test', 'user', 'username',
  'redis', 'mongo', 'mongodb', 'example', 'changeme', 'default', 'required', 'optional', 'hidden', 'text', 'string',
  'true', 'false', 'null', 'undefined', 'none', 'empty', 'current-password', 'new-password', 'off', 'on', 'pwd', 'pw',
]);

/** A local database's or broker's default password, a placeholder word, or a form setting: not a secret. */
export function isDefaultPassword(value: string): boolean {
  return notPasswords.has(value.toLowerCase());
}

/** `password`, `DB_PASSWORD`, `smtpPass`, `passphrase`: a name that holds a password (not `passwordHint`, `passwordMinLength`). */
export function isPasswordName(name: string): boolean {
  const words = nameWords(name);
  return !name.includes('-') && !words.some((word) => metaWords.has(word)) && words.some((word) => passwordWords.has(word));
}

/**
 * Is a value under a password's name a password someone typed (`'P@ssw0rd!'`, `'Summer2024'`)? A
 * password is rarely generated-looking, so this asks less than `looksLikeSecret`: six characters
 * or more, no spaces, and none of the things such a name also holds (a placeholder, a local
 * database's default, the name of a form field such as `'confirm_password'`, a path, a variable's name).
 */
export function looksLikePassword(value: string, name: string): boolean {
  const bare = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (value.length < 6 || value.length > 128 || /[\s'"`]/.test(value)) {
    return false;
  }
  return !(
    isPlaceholderValue(value) ||
    isDefaultPassword(value) ||
    bare(value) === bare(name) ||
    /^\d+$/.test(value) ||
    (looksLikeWords(value) && /pass|pwd/i.test(value)) ||
    value.includes('://') ||
    /^(?:\.{0,2}\/|~\/|#)/.test(value) ||
    fileName.test(value) ||
    email.test(value) ||
    screamingSnake.test(value) ||
    dottedName.test(value)
  );
}
