import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';
import { isUnguessableName } from '../../../src/core/rules/sessions/insecureRandomSecret';

const rule = 'insecure-random-secret';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['a token', 'a.js', 'const token = Math.random().toString(36).substr(2);', ['Math.random()']],
  ['a password', 'a.js', 'user.password = Math.random().toString(36).slice(-10);', ['Math.random()']],
  ['a numeric one-time code', 'a.ts', 'const otp = Math.floor(100000 + Math.random() * 900000);', ['Math.random()']],
  ['an SMS code, stringified', 'a.js', 'const smsCode = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");', ['Math.random()']],
  ['a session id in a template', 'a.js', 'const sid = `${Date.now()}${Math.random()}`;', ['Math.random()']],
  ['a property', 'a.js', 'const session = { csrfToken: Math.random().toString(36) };', ['Math.random()']],
  ['a class field', 'a.ts', 'class S { private salt = Math.random().toString(); }', ['Math.random()']],
  ['a function that returns it', 'a.js', 'function generateApiKey() { return "k_" + Math.random().toString(36).slice(2); }', ['Math.random()']],
  ['an arrow function that returns it', 'a.ts', 'export const newNonce = (): string => Math.random().toString(36);', ['Math.random()']],
  ['a method of an object', 'a.js', 'const tokens = { createAccessToken() { return Math.random().toString(36); } };', ['Math.random()']],
  ['a cookie value', 'a.js', "res.cookie('remember', Math.random().toString(36));", ['Math.random()']],
  ['a variable set as a cookie', 'a.js', "let key = Math.random().toString();\nres.cookie('rememberKey', key);", ['Math.random()']],
  ['TSX', 'a.tsx', 'const C = () => { const resetToken = Math.random().toString(36); return <i>{resetToken}</i>; };', ['Math.random()']],
];

const quiet: Array<[string, string, string]> = [
  ['a request id', 'a.js', 'const requestId = Math.random().toString(36).slice(2);'],
  ['a delay', 'a.js', 'const delay = Math.random() * 1000;'],
  ['a React list key', 'a.tsx', 'const L = ({ xs }) => <ul>{xs.map((x) => <li key={Math.random()}>{x}</li>)}</ul>;'],
  ['a shuffle', 'a.js', 'const shuffledTokens = tokens.sort(() => Math.random() - 0.5);'],
  ['a coin flip stored under a boolean', 'a.js', 'const showTokenBanner = Math.random() < 0.5;'],
  ['crypto', 'a.js', "const token = require('crypto').randomBytes(32).toString('hex');"],
  ['a cookie name, not its value', 'a.js', "res.cookie('ab-' + Math.floor(Math.random() * 2), 'on');"],
  ['a test file', 'test/auth.test.js', 'const token = Math.random().toString(36);'],
  ['another random()', 'a.js', 'const token = rng.random().toString(36);'],
];

describe('rule insecure-random-secret', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('tells names of secrets from names of other values', () => {
    for (const name of ['token', 'resetToken', 'sessionId', 'SESSION_KEY', 'nonce', 'iv', 'csrf', 'otp', 'verificationCode', 'resetPin', 'inviteCode', 'apiKey', 'password', 'generateAccessToken']) {
      assert.ok(isUnguessableName(name), name);
    }
    for (const name of ['requestId', 'key', 'delay', 'color', 'code', 'zipCode', 'countryCode', 'id', 'tokenId', 'retries']) {
      assert.ok(!isUnguessableName(name), name);
    }
  });

  it('names what is made in its message, and offers no fix (the replacement depends on the shape needed)', async () => {
    const [finding] = (await findingsFor('a.js', 'const resetToken = Math.random().toString(36);')).filter((f) => f.ruleId === rule);
    assert.match(finding.message, /^`resetToken` is made with Math\.random\(\)/);
    assert.deepStrictEqual(finding.fixes, []);
  });
});
