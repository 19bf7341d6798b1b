import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allRules } from '../../src/core/rules/catalogue';
import { projectConfigSchema, renderRuleDoc, withRuleTable } from '../../src/core/rules/docs';

const root = path.resolve(__dirname, '..', '..', '..');

describe('documentation', () => {
  it('has a committed page for every rule, matching its metadata (npm run docs)', () => {
    for (const rule of allRules) {
      const file = path.join(root, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(fs.existsSync(file), `docs/rules/${rule.id}.md exists (run npm run docs)`);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), renderRuleDoc(rule), `docs/rules/${rule.id}.md is current (run npm run docs)`);
    }
  });

  it('keeps the .ucanpay.jsonc schema current (npm run docs)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'ucanpay.schema.json'), 'utf8'));
    assert.deepStrictEqual(committed, projectConfigSchema(allRules));
  });

  it('lists every rule in the README, as the metadata says (npm run docs)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.strictEqual(readme, withRuleTable(readme, allRules), 'the README rule table is current (run npm run docs)');
    for (const rule of allRules) {
      assert.ok(readme.includes(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} |`), rule.id);
    }
  });

  it('documents every setting and command of the manifest in the README', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ title: string }>; configuration: { properties: Record<string, unknown> } };
    };
    for (const key of Object.keys(manifest.contributes.configuration.properties)) {
      assert.ok(readme.includes(`\`${key}\``), `README documents ${key}`);
    }
    for (const { title } of manifest.contributes.commands) {
      assert.ok(readme.includes(`UCanPay: ${title}`), `README documents "UCanPay: ${title}"`);
    }
  });
});
