import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { neverCancelled } from '../../../src/core/cancellation';
import { languageForPath } from '../../../src/core/languages';
import { editBetween, ParseCache } from '../../../src/core/parsing/parseCache';
import { analyzer, treeSitter } from '../helpers';

const fixtures = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'rules');

function codeFixtures(dir = fixtures): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? codeFixtures(full) : languageForPath(entry.name) ? [full] : [];
  });
}

/** A small deterministic generator (the same edits on every run). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Edits a person makes: type a few characters, delete a span, paste a line from elsewhere, undo-like swaps. */
function randomEdit(text: string, random: () => number, donor: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.35) {
    const typed = ['x', ' ', '\n', "'", '(', '}', 'http://', 'secure: false', '\r\n', '💳'][Math.floor(random() * 10)];
    return text.slice(0, at) + typed + text.slice(at);
  }
  if (kind < 0.65) {
    const end = Math.min(text.length, at + Math.floor(random() * 40));
    return text.slice(0, at) + text.slice(end);
  }
  const lines = donor.split('\n');
  const line = lines[Math.floor(random() * lines.length)];
  return `${text.slice(0, at)}${line}\n${text.slice(at)}`;
}

describe('incremental analysis (the editor path)', () => {
  describe('editBetween', () => {
    it('is undefined for identical texts', () => {
      assert.strictEqual(editBetween('abc', 'abc'), undefined);
    });

    it('spans an insertion, with rows and columns of the start and both ends', () => {
      assert.deepStrictEqual(editBetween('ab\ncd\nef', 'ab\ncXYd\nef'), {
        startIndex: 4,
        oldEndIndex: 4,
        newEndIndex: 6,
        startPosition: { row: 1, column: 1 },
        oldEndPosition: { row: 1, column: 1 },
        newEndPosition: { row: 1, column: 3 },
      });
    });

    it('spans a deletion across lines', () => {
      const edit = editBetween('one\ntwo\nthree', 'one\nthree');
      assert.deepStrictEqual(
        { start: edit?.startIndex, oldEnd: edit?.oldEndIndex, newEnd: edit?.newEndIndex, oldEndRow: edit?.oldEndPosition.row },
        // The shortest span: "wo\nt" became "" after the common "one\nt", before the common "hree".
        { start: 5, oldEnd: 9, newEnd: 5, oldEndRow: 2 },
      );
    });

    it('never starts or ends inside a surrogate pair', () => {
      assert.strictEqual(editBetween('a\uD83D\uDE00b', 'a\uD83D\uDE01b')?.startIndex, 1);
      assert.strictEqual(editBetween('a\uD83D\uDE00b', 'a\uD83E\uDE00b')?.newEndIndex, 3);
    });
  });

  describe('a document re-parsed from its previous tree', () => {
    const files = codeFixtures();

    it('finds the fixture files to edit', () => {
      assert.ok(files.length >= 30, `only ${files.length} JS/TS fixtures found`);
    });

    it('gives the same tree and the same findings as a fresh parse, edit after edit, in every JS/TS fixture', async function () {
      this.timeout(120_000);
      const random = lcg(20261128);
      const cache = new ParseCache();
      let compared = 0;
      let cleanTrees = 0;
      try {
        for (const [i, file] of files.entries()) {
          const language = languageForPath(file);
          assert.ok(language);
          const relative = path.relative(fixtures, file).replace(/\\/g, '/');
          const donor = fs.readFileSync(files[(i + 1) % files.length], 'utf8');
          let text = fs.readFileSync(file, 'utf8');
          for (let step = 0; step < 12; step++) {
            const viaCache = await analyzer.analyze({ path: relative, text }, { incremental: { cache, key: file } }, neverCancelled);
            const fresh = await analyzer.analyze({ path: relative, text }, {}, neverCancelled);
            assert.deepStrictEqual(viaCache, fresh, `${relative}, after ${step} edits`);
            const cached = cache.take(file);
            assert.ok(cached, 'the tree is kept for the next edit');
            const reparsed = await treeSitter.parse(language, text);
            try {
              // In broken code tree-sitter may recover from an old tree differently than from
              // scratch (both trees are valid readings; the findings above still had to agree).
              if (!reparsed.tree.rootNode.hasError) {
                assert.strictEqual(cached.tree.rootNode.toString(), reparsed.tree.rootNode.toString(), `${relative}, tree after ${step} edits`);
                cleanTrees++;
              }
            } finally {
              reparsed.tree.delete();
              cache.put(file, cached);
            }
            compared++;
            text = randomEdit(text, random, donor);
          }
          cache.delete(file);
        }
      } finally {
        cache.dispose();
      }
      assert.strictEqual(cache.size, 0);
      assert.ok(compared >= files.length * 12);
      assert.ok(cleanTrees >= files.length, `only ${cleanTrees} trees without errors compared`);
    });

    it('keeps at most its limit of trees, dropping the least recently used', async () => {
      const cache = new ParseCache(2);
      try {
        for (const key of ['a', 'b', 'a', 'c']) {
          await analyzer.analyze({ path: `${key}.js`, text: `fetch('http://api.ucanpay.com/${key}');\n` }, { incremental: { cache, key } }, neverCancelled);
        }
        assert.strictEqual(cache.size, 2);
        assert.strictEqual(cache.take('b'), undefined, 'b was used least recently');
        for (const key of ['a', 'c']) {
          const entry = cache.take(key);
          assert.ok(entry, `${key} is kept`);
          entry.tree.delete();
        }
      } finally {
        cache.dispose();
      }
    });

    it('re-parses from the cached tree when the language changes too (a .js renamed .ts)', async () => {
      const cache = new ParseCache();
      try {
        const text = "fetch('http://api.ucanpay.com/v1/ping');\nconst x: number = 1;\n";
        await analyzer.analyze({ path: 'a.js', text }, { incremental: { cache, key: 'doc' } }, neverCancelled);
        const result = await analyzer.analyze({ path: 'a.ts', text }, { incremental: { cache, key: 'doc' } }, neverCancelled);
        assert.deepStrictEqual(result, await analyzer.analyze({ path: 'a.ts', text }, {}, neverCancelled));
        const entry = cache.take('doc');
        entry?.tree.delete();
        assert.strictEqual(entry?.language, 'typescript');
      } finally {
        cache.dispose();
      }
    });
  });
});
