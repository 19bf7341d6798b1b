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
import type { SyntaxTree } from '../../../src/core/parsing/treeSitter';
import { codeCorpus, repoRoot as repo, treeSitter } from '../helpers';


/** Asserts that the shared tables of `tree` say what the tree says; returns how many entries were compared. */
function compareTables(text: string, tree: SyntaxTree, name: string): { calls: number; pairs: number; strings: number } {
  let calls = 0;
  let pairs = 0;
  let strings = 0;
  const index = new SyntaxIndex(tree);
  const context = { text, tree, nodes: index.nodes.bind(index), shared: index.shared.bind(index) } as unknown as SyntaxContext;
  const where = (node: SyntaxNode) => `${name}:${node.startPosition.row + 1}`;
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
  return { calls, pairs, strings };
}

/**
 * The shared tables read names from the text where they can, to spare the tree: they must say
 * exactly what the tree says.
 */
describe('shared call, pair and string tables agree with the tree', () => {
  const files = codeCorpus();

  it('finds files to compare', () => {
    assert.ok(files.length > 100, `${files.length} files`);
  });

  it('on call and key shapes that read differently from the text', async () => {
    const tricky = [
      'a.b(x).c(y); f(x)(y); (a.b)(c); a?.b(c); a.b?.(c); a?.(b); f<T>(x); a.b<T>(x);',
      'a /* c */ (x); a. /* c */ b(x); a\n  .b\n  .c(x); this.a(x); super.a(x); import.meta.f(x);',
      "import('m'); require('m'); new Foo().bar(); tag`x`(y); a.b`x`; a['b'](c); a[b](c); a.#p(x);",
      'über(x); a.über(x); \\u0061(x); await f(x); async(x); (0, f)(x); f\n(x); a!.b(x); (a as B).c(x);',
      "const o = { a: 1, 'b': 2, \"c\": 3, 4: 5, [k]: 6, 'd\\'e': 7, f /* c */ : 8, ü: 9, $g: 10, get h() { return 1; } };",
      'class K { #p() { return 1; } m() { return this.#p(); } }',
    ].join('\n');
    for (const language of ['typescript', 'javascript', 'tsx'] as const) {
      const parsed = await treeSitter.parse(language, tricky);
      try {
        compareTables(tricky, parsed.tree, language);
      } finally {
        parsed.tree.delete();
      }
    }
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
        const counts = compareTables(text, parsed.tree, path.relative(repo, file));
        calls += counts.calls;
        pairs += counts.pairs;
        strings += counts.strings;
      } finally {
        parsed.tree.delete();
      }
    }
    assert.ok(calls > 1000 && pairs > 500 && strings > 1000, `${calls} calls, ${pairs} pairs, ${strings} strings`);
  });
});
