import * as assert from 'assert';
import { Analyzer } from '../../../src/core/engine/analyzer';
import { rulesForText } from '../../../src/core/engine/prefilter';
import { allRules } from '../../../src/core/rules/catalogue';
import { CancelledError } from '../../../src/core/cancellation';
import { analyzer, findingsFor, treeSitter } from '../helpers';

const insecure = "fetch('http://api.ucanpay.com/v1/ping');\n";

describe('analyzer', () => {
  it('turns a rule off when its level is off', async () => {
    assert.strictEqual((await findingsFor('a.js', insecure)).length, 1);
    assert.strictEqual((await findingsFor('a.js', insecure, { ruleLevels: { 'plain-http-url': 'off' } })).length, 0);
  });

  it('applies a severity the user chose, over the rule default', async () => {
    const findings = await findingsFor('a.js', insecure, { ruleLevels: { 'plain-http-url': 'info' } });
    assert.deepStrictEqual(findings.map((f) => f.severity), ['info']);
  });

  it('skips files over the size limit, with a reason', async () => {
    const result = await analyzer.analyze({ path: 'big.js', text: insecure.repeat(100) }, { maxFileSize: 1000 }, { isCancellationRequested: false });
    assert.deepStrictEqual(result.findings, []);
    assert.match(result.skipped ?? '', /limit/);
  });

  it('skips binary content, with a reason', async () => {
    const result = await analyzer.analyze({ path: 'a.js', text: `\u0000\u0001${insecure}` }, {}, { isCancellationRequested: false });
    assert.strictEqual(result.skipped, 'binary content');
  });

  it('skips files of languages it does not know', async () => {
    const result = await analyzer.analyze({ path: 'notes.txt', text: insecure }, {}, { isCancellationRequested: false });
    assert.strictEqual(result.skipped, 'unsupported file type');
  });

  it('does not parse a file that no rule can match (prefilter)', async () => {
    let parsed = 0;
    const counting = {
      parse: (...args: Parameters<typeof treeSitter.parse>) => {
        parsed++;
        return treeSitter.parse(...args);
      },
    } as typeof treeSitter;
    const local = new Analyzer(counting, allRules);
    await local.analyze({ path: 'a.js', text: 'const x = "https://api.ucanpay.com";' }, {}, { isCancellationRequested: false });
    assert.strictEqual(parsed, 0);
    await local.analyze({ path: 'a.js', text: insecure }, {}, { isCancellationRequested: false });
    assert.strictEqual(parsed, 1);
  });

  it('prefilter matches literals case-insensitively', () => {
    assert.strictEqual(rulesForText(allRules, 'FETCH("HTTP://API.UCANPAY.COM")').length, 1);
    assert.strictEqual(rulesForText(allRules, 'nothing here').length, 0);
  });

  it('prefilter takes literals literally (dots, bars and brackets are not patterns)', () => {
    const rules = [{ id: 'a', literals: ['a.b', 'x|y', '[z]'] }, { id: 'none', literals: [] }];
    assert.deepStrictEqual(rulesForText(rules, 'axb xy z').map((rule) => rule.id), ['none']);
    assert.deepStrictEqual(rulesForText(rules, 'A.B').map((rule) => rule.id), ['a', 'none']);
    assert.deepStrictEqual(rulesForText(rules, 'q [Z] q').map((rule) => rule.id), ['a', 'none']);
    assert.deepStrictEqual(rulesForText(rules, 'X|Y').map((rule) => rule.id), ['a', 'none']);
  });

  it('stops when cancelled', async () => {
    await assert.rejects(
      analyzer.analyze({ path: 'a.js', text: insecure }, {}, { isCancellationRequested: true }),
      CancelledError,
    );
  });

  it('survives malformed code: unterminated strings, deep nesting, invalid surrogates', async () => {
    const inputs = [
      "fetch('http://api.ucanpay.com",
      `${'('.repeat(5000)}'http://api.ucanpay.com'${')'.repeat(10)}`,
      "fetch('http://api.ucanpay.com/\uD800');",
      '`http://api.ucanpay.com/${'.repeat(200),
    ];
    for (const text of inputs) {
      const result = await analyzer.analyze({ path: 'a.ts', text }, {}, { isCancellationRequested: false });
      assert.ok(Array.isArray(result.findings));
    }
  });

  it('keeps every rule catalogue entry well-formed', () => {
    const ids = new Set<string>();
    for (const rule of allRules) {
      assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${rule.id}: ids are kebab-case`);
      assert.ok(!ids.has(rule.id), `${rule.id}: duplicate id`);
      ids.add(rule.id);
      assert.ok(rule.literals.length > 0, `${rule.id}: needs prefilter literals`);
      assert.ok(rule.literals.every((l) => l === l.toLowerCase()), `${rule.id}: literals are lower-case`);
      assert.ok(rule.mappings.cwe.length && rule.mappings.owasp.length && rule.mappings.pciDss.length, `${rule.id}: mappings`);
    }
  });
});
