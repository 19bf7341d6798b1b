import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import { languageForPath } from '../../../src/core/languages';
import { indexedNodeTypes, SyntaxIndex } from '../../../src/core/parsing/syntaxIndex';
import { Scopes } from '../../../src/core/rules/js/declarations';
import { codeCorpus, repoRoot, treeSitter } from '../helpers';

/** Every node's parent id, read with tree-sitter's children lists (what `parent` must agree with). */
function parentIds(root: TreeSitter.Node): Map<number, number | undefined> {
  const parents = new Map<number, number | undefined>();
  const visit = (node: TreeSitter.Node, parentId: number | undefined): void => {
    parents.set(node.id, parentId);
    for (const child of node.children) {
      if (child) visit(child, node.id);
    }
  };
  visit(root, undefined);
  return parents;
}

/**
 * `Scopes.ancestors` finds a node's ancestors without tree-sitter's `parent` (a search from the
 * root per step, which made rules quadratic in the file's length). It must find exactly the
 * chain `parent` would, and take the slow way only for odd trees.
 */
describe('js/declarations: Scopes.ancestors on the whole corpus', () => {
  // Counts tree-sitter's own parent lookups while the test runs.
  const lookups = { count: 0 };
  let restore: (() => void) | undefined;
  before(async () => {
    const parsed = await treeSitter.parse('javascript', '1');
    const prototype = Object.getPrototypeOf(parsed.tree.rootNode) as object;
    parsed.tree.delete();
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'parent');
    const get = descriptor?.get;
    assert.ok(descriptor && get, 'tree-sitter nodes have a parent getter');
    Object.defineProperty(prototype, 'parent', {
      ...descriptor,
      get(this: TreeSitter.Node) {
        lookups.count++;
        return get.call(this) as unknown;
      },
    });
    restore = () => Object.defineProperty(prototype, 'parent', descriptor);
  });
  after(() => restore?.());

  it('gives every indexed node of every fixture, demo and rule source the chain of its parents', async function () {
    this.timeout(120_000);
    let compared = 0;
    for (const file of codeCorpus()) {
      const language = languageForPath(file);
      assert.ok(language);
      const text = fs.readFileSync(file, 'utf8');
      const parsed = await treeSitter.parse(language, text);
      try {
        const parents = parentIds(parsed.tree.rootNode);
        const scopes = new Scopes(parsed.tree.rootNode);
        const nodes = [...new SyntaxIndex(parsed.tree).nodes(...indexedNodeTypes)];
        // Half the files backwards, so that a chain found for one node is not what makes the next right.
        for (const node of compared % 2 ? nodes.reverse() : nodes) {
          const expected: number[] = [];
          for (let id = parents.get(node.id); id !== undefined; id = parents.get(id)) {
            expected.push(id);
          }
          const where = `${path.relative(repoRoot, file)}:${node.startPosition.row + 1} (${node.type})`;
          assert.deepStrictEqual(
            scopes.ancestors(node).map((ancestor) => ancestor.id),
            expected,
            where,
          );
          compared++;
        }
      } finally {
        parsed.tree.delete();
      }
    }
    assert.ok(compared > 10_000, `${compared} nodes compared`);
    assert.ok(lookups.count < compared / 1000, `${lookups.count} of ${compared} parents were searched from the root`);
  });
});
