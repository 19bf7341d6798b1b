import * as assert from 'assert';
import { checkKey, maskKey } from '../../../src/core/keys/keyFormat';
import { generateKey } from './generate';

describe('key format', () => {
  it('accepts a well-formed key for its environment', () => {
    const sandbox = generateKey('sandbox');
    const live = generateKey('live');
    assert.deepStrictEqual(checkKey('sandbox', sandbox), { ok: true, key: sandbox });
    assert.deepStrictEqual(checkKey('live', live), { ok: true, key: live });
  });

  const refused: Array<[string, () => string, 'sandbox' | 'live', RegExp]> = [
    ['empty input', () => '', 'sandbox', /Enter the API key/],
    ['whitespace only', () => '   ', 'sandbox', /spaces or line breaks/],
    ['a key with a newline', () => `${generateKey('sandbox')}\n`, 'sandbox', /spaces or line breaks/],
    ['a key split by a space', () => generateKey('sandbox').replace(/(.{15})/, '$1 '), 'sandbox', /spaces or line breaks/],
    ['a 10 KB paste', () => generateKey('sandbox').repeat(250), 'sandbox', /Paste only the key/],
    ['a live key offered for the sandbox', () => generateKey('live'), 'sandbox', /This is a live key/],
    ['a sandbox key offered for live', () => generateKey('sandbox'), 'live', /This is a sandbox key/],
    ['the wrong prefix', () => `sk_test_${generateKey('sandbox').slice(9)}`, 'sandbox', /starts with ucp_test_/],
    ['too short', () => generateKey('sandbox').slice(0, -1), 'sandbox', /exactly 32 letters and digits/],
    ['punctuation in the body', () => `${generateKey('live').slice(0, -1)}!`, 'live', /exactly 32 letters and digits/],
  ];
  for (const [title, input, environment, message] of refused) {
    it(`refuses ${title} with a clear message that does not echo the input`, () => {
      const value = input();
      const result = checkKey(environment, value);
      assert.strictEqual(result.ok, false);
      assert.match(result.ok ? '' : result.message, message);
      if (!result.ok && value.trim().length > 8) {
        assert.ok(!result.message.includes(value.trim().slice(9, 20)), 'the message must not contain the key');
      }
    });
  }

  it('masks a key to its prefix and last four characters', () => {
    const key = generateKey('live');
    assert.strictEqual(maskKey(key), `ucp_live_…${key.slice(-4)}`);
  });
});
