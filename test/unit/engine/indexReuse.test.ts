import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { neverCancelled } from '../../../src/core/cancellation';
import { languageForPath } from '../../../src/core/languages';
import { ParseCache } from '../../../src/core/parsing/parseCache';
import { indexedNodeTypes, SyntaxIndex } from '../../../src/core/parsing/syntaxIndex';
import type { SyntaxNode } from '../../../src/core/parsing/treeSitter';
import { paymentModule, Rng } from '../../../bench/generate';
import { analyzer, codeCorpus, treeSitter } from '../helpers';

/** Everything a rule can read of a node, through tree-sitter (a node moved wrongly fails one of these). */
function describe_(node: SyntaxNode, deep: boolean): string {
  const parts = [node.type, node.startIndex, node.endIndex, node.startPosition.row, node.startPosition.column, node.text];
  if (deep) {
    parts.push(node.toString(), node.children.map((child) => `${child?.type}@${child?.startIndex}`).join(','), node.parent?.startIndex ?? -1);
  }
  return parts.join('|');
}

function edits(seed: number): (text: string) => string {
  const random = new Rng(seed);
  return (text) => {
    const at = Math.floor(random.next() * (text.length + 1));
    const kind = random.next();
    if (kind < 0.4) {
      const typed = ['x', ' ', '\n', "'", '(', '}', '\n\n  ', 'a(); ', '💳'][Math.floor(random.next() * 9)];
      return text.slice(0, at) + typed + text.slice(at);
    }
    if (kind < 0.7) {
      return text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(random.next() * 30)));
    }
    // Paste a line of the file somewhere else, as people move code around.
    const lines = text.split('\n');
    return `${text.slice(0, at)}${lines[Math.floor(random.next() * lines.length)]}\n${text.slice(at)}`;
  };
}

describe('the syntax index of an edited document', () => {
  it('reuses the nodes of untouched statements, each exactly where a fresh walk of the new tree finds it', async function () {
    this.timeout(300_000);
    const files = codeCorpus().filter((file) => !file.includes(`${path.sep}src${path.sep}core${path.sep}`));
    const documents = [
      ...files.map((file) => ({ name: file, text: fs.readFileSync(file, 'utf8') })),
      { name: 'checkout.js', text: paymentModule(new Rng(7), 600, 'javascript', 0.02, true) },
      { name: 'checkout.ts', text: paymentModule(new Rng(8), 600, 'typescript', 0.02, true) },
      // Statements sharing a row: a statement after the edit on the same row moves sideways.
      {
        name: 'one-line.js',
        text: "a(1); function f() { fetch('http://api.ucanpay.com/x'); b({ secure: false }); } c(`${d}`); function g() { return [1].map((x) => x); }\n",
      },
    ];
    const cache = new ParseCache();
    let reused = 0;
    let compared = 0;
    try {
      for (const [i, document] of documents.entries()) {
        const language = languageForPath(document.name);
        assert.ok(language, document.name);
        const edit = edits(i + 1);
        let text = document.text;
        for (let step = 0; step < 10; step++) {
          await analyzer.analyze({ path: document.name, text }, { incremental: { cache, key: document.name } }, neverCancelled);
          const entry = cache.take(document.name);
          assert.ok(entry?.index, 'the index is kept with the tree');
          // Against a walk of the same tree: in broken code tree-sitter's incremental parse can
          // recover differently from a fresh one (46 of 4,662 edited states of 777 dependency files;
          // the findings were the same in all of them).
          {
            const kept = entry.index.nodes(...indexedNodeTypes);
            const walked = new SyntaxIndex(entry.tree).nodes(...indexedNodeTypes);
            assert.strictEqual(kept.length, walked.length, `${document.name} after ${step} edits: node count`);
            kept.forEach((node, k) => {
              const deep = k % 7 === 0;
              assert.strictEqual(describe_(node, deep), describe_(walked[k], deep), `${document.name} after ${step} edits, node ${k}`);
            });
            reused += entry.index.reusedStatements;
            compared += kept.length;
          }
          cache.put(document.name, entry);
          text = edit(text);
        }
        cache.delete(document.name);
      }
    } finally {
      cache.dispose();
    }
    // The comparison means something only if statements were reused, and many were.
    assert.ok(reused > 1000, `only ${reused} statements reused`);
    assert.ok(compared > 10_000, `only ${compared} nodes compared`);
  });

  it('moves a reused statement sideways when an edit earlier on its row shifts its columns', async () => {
    // Its first row moves sideways, its other rows do not.
    const body = "function f() { const u = 'http://api.ucanpay.com/x'; fetch(u);\n  if (u) { g(u, { secure: false }); }\n}";
    const cache = new ParseCache();
    try {
      for (const text of [`a(1); ${body}\n`, `a(12); ${body}\n`]) {
        const viaCache = await analyzer.analyze({ path: 'a.js', text }, { incremental: { cache, key: 'doc' } }, neverCancelled);
        assert.deepStrictEqual(viaCache, await analyzer.analyze({ path: 'a.js', text }, {}, neverCancelled));
      }
      const entry = cache.take('doc');
      assert.ok(entry?.index);
      cache.put('doc', entry);
      assert.strictEqual(entry.index.reusedStatements, 1, 'tree-sitter reused the function');
      const fresh = await treeSitter.parse('javascript', entry.text);
      try {
        const walked = new SyntaxIndex(fresh.tree).nodes(...indexedNodeTypes);
        assert.deepStrictEqual(
          entry.index.nodes(...indexedNodeTypes).map((node) => describe_(node, true)),
          walked.map((node) => describe_(node, true)),
        );
      } finally {
        fresh.tree.delete();
      }
    } finally {
      cache.dispose();
    }
  });

  it('indexes one statement holding more nodes than a function call takes arguments (a bundle in one wrapper)', async function () {
    this.timeout(60_000);
    const text = `(function () {\n  const all = [${"'a',\n".repeat(150_000)}];\n  fetch('http://api.ucanpay.com/x');\n})();\n`;
    const cache = new ParseCache();
    try {
      const options = { incremental: { cache, key: 'bundle' }, maxFileSize: 4 * 1024 * 1024 };
      const result = await analyzer.analyze({ path: 'bundle.js', text }, options, neverCancelled);
      assert.deepStrictEqual(
        result.findings.map((finding) => finding.ruleId),
        ['plain-http-url'],
      );
      const entry = cache.take('bundle');
      assert.ok((entry?.index?.nodes('string').length ?? 0) > 150_000);
      entry?.tree.delete();
    } finally {
      cache.dispose();
    }
  });

  it('reuses nothing across a change of language, and walks everything again', async () => {
    const cache = new ParseCache();
    try {
      const text = "fetch('http://api.ucanpay.com/v1/ping');\nconst x = 1;\n";
      await analyzer.analyze({ path: 'a.js', text }, { incremental: { cache, key: 'doc' } }, neverCancelled);
      await analyzer.analyze({ path: 'a.ts', text }, { incremental: { cache, key: 'doc' } }, neverCancelled);
      const entry = cache.take('doc');
      assert.strictEqual(entry?.index?.reusedStatements, 0);
      entry?.tree.delete();
    } finally {
      cache.dispose();
    }
  });
});
