import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { languageForPath } from '../../../src/core/languages';
import { SyntaxIndex } from '../../../src/core/parsing/syntaxIndex';
import { callSites } from '../../../src/core/rules/js/callSites';
import { calleeOf } from '../../../src/core/rules/js/moduleBindings';
import { pairSites } from '../../../src/core/rules/js/pairSites';
import { stringSites } from '../../../src/core/rules/js/stringSites';
import { pairKey } from '../../../src/core/rules/js/express';
import type { SyntaxContext, SyntaxNode } from '../../../src/core/rules/rule';
import { treeSitter } from '../helpers';

const repo = path.join(__dirname, '..', '..', '..', '..');

/** Every JS/TS file of the fixtures, the demo and the snippets' own tests: thousands of calls, keys and strings. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : languageForPath(entry.name) ? [full] : [];
  });
}

/**
 * The shared tables read names from the text where they can, to spare the tree: they must say
 * exactly what the tree says.
 */
describe('shared call, pair and string tables agree with the tree', () => {
  const files = [...sources(path.join(repo, 'test', 'fixtures')), ...sources(path.join(repo, 'demo')), ...sources(path.join(repo, 'src', 'core', 'rules'))];

  it('finds files to compare', () => {
    assert.ok(files.length > 100, `${files.length} files`);
  });

  it('for every call, object entry and string in them', async function () {
    this.timeout(120_000);
    let calls = 0;
    let pairs = 0;
    let strings = 0;
    for (const file of files) {
      const language = languageForPath(file);
      assert.ok(language);
      const text = fs.readFileSync(file, 'utf8');
      const parsed = await treeSitter.parse(language, text);
      try {
        const index = new SyntaxIndex(parsed.tree);
        const context = { text, tree: parsed.tree, nodes: index.nodes.bind(index), shared: index.shared.bind(index) } as unknown as SyntaxContext;
        const where = (node: SyntaxNode) => `${path.relative(repo, file)}:${node.startPosition.row + 1}`;
        for (const site of callSites(context)) {
          const expected = calleeOf(site.node);
          assert.strictEqual(site.callee?.name, expected?.name, `callee name at ${where(site.node)}`);
          assert.strictEqual(site.callee?.receiver?.id, expected?.receiver?.id, `receiver at ${where(site.node)}`);
          assert.strictEqual(site.callee?.nameNode.id, expected?.nameNode.id, `name node at ${where(site.node)}`);
          const fn = site.node.childForFieldName('function');
          const property = fn?.type === 'member_expression' ? fn.childForFieldName('property') : undefined;
          assert.strictEqual(site.method, property?.type === 'property_identifier' ? property.text : undefined, `method at ${where(site.node)}`);
          assert.strictEqual(site.plain, fn?.type === 'identifier' ? fn.text : undefined, `plain callee at ${where(site.node)}`);
          calls++;
        }
        for (const site of pairSites(context)) {
          const keyNode = site.node.childForFieldName('key');
          assert.strictEqual(site.keyType, keyNode?.type, `key type at ${where(site.node)}`);
          assert.strictEqual(site.keyNode?.id, keyNode?.id, `key node at ${where(site.node)}`);
          assert.strictEqual(site.key, keyNode?.type === 'computed_property_name' ? undefined : pairKey(site.node), `key at ${where(site.node)}`);
          pairs++;
        }
        for (const site of stringSites(context)) {
          assert.strictEqual(site.type, site.node.type, `string type at ${where(site.node)}`);
          assert.strictEqual(site.value, site.node.text.slice(1, -1), `string value at ${where(site.node)}`);
          assert.strictEqual(
            site.hasSubstitution,
            site.node.namedChildren.some((child) => child?.type === 'template_substitution'),
            `substitutions at ${where(site.node)}`,
          );
          strings++;
        }
      } finally {
        parsed.tree.delete();
      }
    }
    assert.ok(calls > 1000 && pairs > 500 && strings > 1000, `${calls} calls, ${pairs} pairs, ${strings} strings`);
  });
});
