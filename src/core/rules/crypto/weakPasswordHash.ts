import type { Scopes } from '../js/declarations';
import { functionTypes, isTestPath, nameWords, parameterNames } from '../js/express';
import { searchExpression } from '../js/expressionSearch';
import { lastSegment } from '../js/syntax';
import { isPasswordName } from '../keys/secrets';
import type { Rule, SyntaxContext, SyntaxNode } from '../rule';
import { CryptoFile } from './cryptoFile';
import { digestLiterals, hashedInputs, hashStrength } from './hashedInputs';

// Names with a password word that do not hold a password: `passwordSalt`, `passwordResetToken`.
const notPasswordWords = new Set(['salt', 'token', 'reset', 'otp', 'code', 'key', 'digest', 'pepper', 'nonce', 'iv']);

function isPasswordValueName(name: string): boolean {
  return isPasswordName(name) && !nameWords(name).some((word) => notPasswordWords.has(word));
}

// A fast hash inside a slow one (`bcrypt.hash(sha256(password), 12)`) is a pre-hash: bcrypt reads
// only 72 bytes, and the slow hash is what protects the password.
const slowHashCallee = /bcrypt|argon2|scrypt|pbkdf2/i;

/**
 * The first password inside an expression (`password`, `req.body.password`, `` `${salt}${pwd}` ``,
 * `user.password.trim()`), looking through a same-file `const` once. Bounded like `cardDataIn`.
 */
function passwordIn(scopes: Scopes, expression: SyntaxNode | undefined): SyntaxNode | undefined {
  return searchExpression<SyntaxNode>(
    scopes,
    expression,
    (node) => {
      switch (node.type) {
        case 'identifier':
        case 'shorthand_property_identifier':
          return isPasswordValueName(node.text) ? { found: node } : undefined;
        case 'member_expression':
          return isPasswordValueName(node.childForFieldName('property')?.text ?? '') ? { found: node } : undefined;
        case 'subscript_expression': {
          const index = node.childForFieldName('index');
          return index?.type === 'string' && isPasswordValueName(index.text.slice(1, -1)) ? { found: node } : undefined;
        }
        default:
          return undefined;
      }
    },
    300,
  );
}

// What a helper that hashes passwords is called: `hashPassword`, `encryptPwd`, `passwordDigest`.
const passwordFunctionWords = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase']);

/** The name a function is declared or stored under (`function f`, `f() {}`, `const f = () => …`, `{ f: … }`). */
function functionName(scopes: Scopes, fn: SyntaxNode): string {
  const own = fn.childForFieldName('name');
  if (own) {
    return own.text;
  }
  const holder = scopes.ancestors(fn)[0];
  const name = holder?.type === 'variable_declarator' ? holder.childForFieldName('name') : holder?.type === 'pair' ? holder.childForFieldName('key') : null;
  return name?.text ?? '';
}

/**
 * In a helper named for passwords (`const hashPassword = (input) => md5(input)`), the parameter it
 * hashes is the password, whatever the parameter is called.
 */
function passwordParameterIn(scopes: Scopes, data: SyntaxNode): SyntaxNode | undefined {
  const fn = scopes.ancestors(data).find((ancestor) => functionTypes.has(ancestor.type));
  if (!fn || !nameWords(functionName(scopes, fn)).some((word) => passwordFunctionWords.has(word))) {
    return undefined;
  }
  const parameters = new Set(parameterNames(fn).filter((name) => name !== ''));
  if (data.type === 'identifier') {
    return parameters.has(data.text) ? data : undefined;
  }
  return data.descendantsOfType('identifier').find((identifier): identifier is SyntaxNode => identifier !== null && parameters.has(identifier.text));
}

/**
 * A name a password or its hash is stored under: `password`, `passwordHash`, `password_digest`,
 * `setPassword`. (`digest` says the value is no password, but it is what a stored password is.)
 */
function isPasswordStorageName(name: string): boolean {
  const words = nameWords(name);
  return words.some((word) => passwordFunctionWords.has(word)) && !words.some((word) => notPasswordWords.has(word) && word !== 'digest');
}

/** The whole expression a digest call starts: `createHash(a).update(x).digest('hex')`, `md5(x).toString()`. */
function digestExpression(scopes: Scopes, call: SyntaxNode): SyntaxNode {
  let current = call;
  const ancestors = scopes.ancestors(call);
  for (let i = 0; i + 1 < ancestors.length && i < 40; i += 2) {
    const member = ancestors[i];
    const outer = ancestors[i + 1];
    if (member.type !== 'member_expression' || outer.type !== 'call_expression' || member.childForFieldName('object')?.id !== current.id) {
      break;
    }
    current = outer;
  }
  return current;
}

/**
 * Whether `expression` is stored or checked as a password: `{ password: … }`, `user.passwordHash = …`,
 * `user.setPassword(…)`, `… === user.password`. Then what was hashed is the password, whatever its name.
 */
function usedAsPassword(scopes: Scopes, expression: SyntaxNode): boolean {
  const [parent, grandparent] = scopes.ancestors(expression);
  switch (parent?.type) {
    case 'pair':
      return parent.childForFieldName('value')?.id === expression.id && isPasswordStorageName(parent.childForFieldName('key')?.text ?? '');
    case 'assignment_expression':
      return parent.childForFieldName('right')?.id === expression.id && isPasswordStorageName(lastSegment(parent.childForFieldName('left')));
    case 'arguments':
      return grandparent?.type === 'call_expression' && isPasswordStorageName(lastSegment(grandparent.childForFieldName('function')));
    case 'binary_expression': {
      const other = parent.childForFieldName('left')?.id === expression.id ? parent.childForFieldName('right') : parent.childForFieldName('left');
      return /^[!=]==?$/.test(parent.childForFieldName('operator')?.text ?? '') && isPasswordStorageName(lastSegment(other));
    }
    default:
      return false;
  }
}

/**
 * The digest is stored or checked as a password, directly or through the variable it is kept in
 * (`digest = md5(pwtext); user.setPassword(digest)`, in the same function).
 */
function digestUsedAsPassword(scopes: Scopes, text: string, call: SyntaxNode): boolean {
  const expression = digestExpression(scopes, call);
  if (usedAsPassword(scopes, expression)) {
    return true;
  }
  const ancestors = scopes.ancestors(expression);
  const holder = ancestors[0];
  const name =
    holder?.type === 'variable_declarator' && holder.childForFieldName('value')?.id === expression.id
      ? holder.childForFieldName('name')
      : holder?.type === 'assignment_expression' && holder.childForFieldName('right')?.id === expression.id
        ? holder.childForFieldName('left')
        : null;
  const body = ancestors.find((ancestor) => functionTypes.has(ancestor.type) || ancestor.type === 'program');
  if (name?.type !== 'identifier' || !body) {
    return false;
  }
  // The later uses of the name in the same function, found in the text: walking every identifier
  // of a long function (or of the whole program) per digest would cost more than the rest of the rule.
  const uses = new RegExp(`(?<![\\w$.])${name.text.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  uses.lastIndex = expression.endIndex;
  let budget = 20;
  for (let match = uses.exec(text); match && match.index < body.endIndex && budget-- > 0; match = uses.exec(text)) {
    const use = scopes.nodeSpanning(match.index, match.index + name.text.length);
    if (use?.type === 'identifier' && usedAsPassword(scopes, use)) {
      return true;
    }
  }
  return false;
}

function insideSlowHash(scopes: Scopes, node: SyntaxNode): boolean {
  for (const ancestor of scopes.ancestors(node)) {
    if (ancestor.type === 'call_expression' && slowHashCallee.test(ancestor.childForFieldName('function')?.text ?? '')) {
      return true;
    }
    if (ancestor.type.endsWith('statement') || ancestor.type === 'statement_block') {
      return false;
    }
  }
  return false;
}

export const weakPasswordHash: Rule = {
  id: 'weak-password-hash',
  title: 'Password hashed with MD5, SHA-1 or another fast hash',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: digestLiterals,
  mappings: {
    cwe: ['CWE-916', 'CWE-328', 'CWE-759'],
    owasp: ['A02:2021 Cryptographic Failures', 'A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.3.2'],
    gdpr: ['Art. 32'],
  },
  description: [
    'A leaked table of password hashes is a leaked table of passwords when the hash is fast: a single GPU tries',
    'billions of MD5, SHA-1 or SHA-256 guesses per second, and a salt only stops precomputed tables, not guessing.',
    'MD5 and SHA-1 are broken besides. PCI DSS 8.3.2 asks for strong cryptography to make stored authentication factors',
    'unreadable; for passwords that means a slow, salted password hash.',
    '',
    'The rule reports a password (a name such as `password`, `passwd`, `pwd`, `passphrase`, `newPassword`,',
    '`req.body.password`) given to a digest — `crypto.createHash(…).update(…)`, `crypto.hash(…)`, `subtle.digest(…)`,',
    "CryptoJS's `MD5`/`SHA256`, the `md5`/`sha1` packages — as an **error** for MD5, SHA-1 and the like, and as a",
    '**warning** for SHA-2 and SHA-3, which are sound digests but fast. It follows one same-file `const`',
    '(`const input = salt + password; md5(input)`), and in a helper named for passwords (`hashPassword(input)`) the',
    'parameter it hashes counts as the password; so does anything whose digest is stored or checked as a password',
    '(`user.setPassword(digest)`, `{ passwordHash: md5(text) }`, `md5(input) === user.password`).',
    '',
    'It stays quiet for names that hold something else (`passwordHash`, `hashedPassword`, `passwordSalt`,',
    '`passwordResetToken`: hashing a random reset token with SHA-256 is fine), for a fast hash inside a slow one',
    '(`bcrypt.hash(sha256(password), 12)`, a pre-hash for bcrypt\'s 72-byte limit), for HMACs, and in test files.',
    '',
    '**Fix:** hash passwords with bcrypt (cost 12 or more), scrypt (`crypto.scrypt` with a random 16-byte salt) or',
    'Argon2id, and compare with the library\'s constant-time check. Existing hashes can be upgraded at the next login.',
    '',
    '```js',
    '// Flagged',
    "const hash = crypto.createHash('md5').update(password).digest('hex');",
    '// Secure',
    'const hash = await bcrypt.hash(password, 12);',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    if (isTestPath(context.path)) {
      return;
    }
    const inputs = hashedInputs(context);
    if (inputs.length === 0) {
      return;
    }
    const scopes = new CryptoFile(context).scopes;
    const reported = new Set<number>();
    for (const input of inputs) {
      const hash = hashStrength(input.algorithm);
      const password =
        hash && input.data
          ? (passwordIn(scopes, input.data) ?? passwordParameterIn(scopes, input.data) ?? (digestUsedAsPassword(scopes, context.text, input.call) ? input.data : undefined))
          : undefined;
      if (!hash || !password || !input.data || reported.has(password.id) || insideSlowHash(scopes, input.data)) {
        continue;
      }
      reported.add(password.id);
      // Through a constant (`const input = salt + password; md5(input)`), the finding is where it is hashed.
      const data = input.data;
      const at = password.startIndex < data.startIndex || password.endIndex > data.endIndex ? data : password;
      const name = password.text.length <= 60 ? password.text : lastSegment(password);
      context.report({
        start: at.startIndex,
        end: at.endIndex,
        severity: hash.strength === 'unkeyed' ? 'warning' : undefined,
        message:
          hash.strength === 'weak'
            ? `The password (${name}) is hashed with ${hash.label}, which is fast and broken: a leaked hash gives the password up in minutes. Hash passwords with bcrypt, scrypt (crypto.scrypt) or Argon2id.`
            : `The password (${name}) is hashed with ${hash.label}, a fast hash: a GPU tries billions of guesses per second against a leaked hash, salted or not. Hash passwords with bcrypt, scrypt (crypto.scrypt) or Argon2id.`,
      });
    }
  },
};
