import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'weak-password-hash';
const crypto = "const crypto = require('crypto');\n";

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await ruleFindings(path, text)).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['md5 package', 'a.js', "const md5 = require('md5');\nUsers.create({ username, password: md5(password) });", ['password']],
  ['request body', 'a.js', "const md5 = require('md5');\nif (user.password === md5(req.body.password)) ok();", ['req.body.password']],
  ['createHash chain', 'a.js', `${crypto}const h = crypto.createHash('sha1').update(newPassword).digest('hex');`, ['newPassword']],
  ['hash variable', 'a.ts', `${crypto}const h = crypto.createHash('md5');\nh.update(user.passwd);\nconst out = h.digest('hex');`, ['user.passwd']],
  ['salted fast hash', 'a.ts', `${crypto}const stored = crypto.createHash('sha256').update(salt + password).digest('hex');`, ['password']],
  ['through a const', 'a.js', `${crypto}const input = \`\${salt}:\${pwd}\`;\nconst stored = crypto.createHash('sha512').update(input).digest('hex');`, ['input']],
  ['CryptoJS', 'a.ts', "import CryptoJS from 'crypto-js';\nconst h = CryptoJS.MD5(form.password).toString();", ['form.password']],
  ['helper named for passwords', 'a.js', `${crypto}const hashPassword = (input) => crypto.createHash('md5').update(input).digest('hex');`, ['input']],
  ['method named for passwords', 'a.ts', `${crypto}class Auth { encryptPassword(plain: string) { return crypto.createHash('sha1').update(plain).digest('hex'); } }`, ['plain']],
  ['digest stored with setPassword', 'a.js', `${crypto}function ex1(user, pwtext) {\n  digest = crypto.createHash('md5').update(pwtext).digest('hex');\n  user.setPassword(digest);\n}`, ['pwtext']],
  ['digest stored as the password hash', 'a.js', "const md5 = require('md5');\nawait db.users.insert({ email, passwordHash: md5(text) });", ['text']],
  ['digest compared with the stored password', 'a.ts', "import md5 from 'md5';\nif (md5(input) === row.password) login();", ['input']],
  ['TSX', 'a.tsx', "import md5 from 'md5';\nexport const Login = () => <form onSubmit={() => send(md5(passphrase))} />;", ['passphrase']],
];

const quiet: Array<[string, string, string]> = [
  ['bcrypt', 'a.js', "const bcrypt = require('bcrypt');\nconst hash = await bcrypt.hash(password, 12);"],
  ['pre-hash for bcrypt', 'a.js', `${crypto}const hash = await bcrypt.hash(crypto.createHash('sha256').update(password).digest('base64'), 12);`],
  ['reset token', 'a.js', `${crypto}const stored = crypto.createHash('sha256').update(passwordResetToken).digest('hex');`],
  ['already hashed', 'a.js', "const md5 = require('md5');\nconst etag = md5(user.passwordHash);"],
  ['salt', 'a.js', `${crypto}const id = crypto.createHash('sha1').update(passwordSalt).digest('hex');`],
  ['HMAC', 'a.js', `${crypto}const mac = crypto.createHmac('sha256', pepper).update(password).digest('hex');`],
  ['scrypt', 'a.js', `${crypto}crypto.scrypt(password, salt, 64, (err, key) => done(key));`],
  ['a file checksum', 'a.js', `${crypto}const sum = crypto.createHash('md5').update(fileBuffer).digest('hex');`],
  ['a helper not named for passwords', 'a.js', `${crypto}const etag = (input) => crypto.createHash('md5').update(input).digest('hex');`],
  ['digest stored as a reset token', 'a.js', `${crypto}await db.users.update({ passwordResetToken: crypto.createHash('sha256').update(token).digest('hex') });`],
  ['digest used for something else', 'a.js', `${crypto}function tag(body) {\n  const etag = crypto.createHash('md5').update(body).digest('hex');\n  res.set('ETag', etag);\n}`],
  ['tests', 'test/auth.test.js', "const md5 = require('md5');\nexpect(row.password).toBe(md5(password));"],
];

describe('rule weak-password-hash', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('is an error for MD5 and SHA-1 and a warning for fast sound digests', async () => {
    const text = `${crypto}const a = crypto.createHash('md5').update(password).digest('hex');\nconst b = crypto.createHash('sha256').update(newPassword).digest('hex');`;
    const findings = await ruleFindings('a.js', text);
    assert.deepStrictEqual(
      findings.map((f) => f.severity),
      ['error', 'warning'],
    );
    assert.match(findings[0].message, /MD5.*bcrypt, scrypt/);
    assert.match(findings[1].message, /SHA-256, a fast hash/);
  });
});
