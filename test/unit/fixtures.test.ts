import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fileKindForPath, isTextKind } from '../../src/core/files/fileKinds';
import { allRules } from '../../src/core/rules/catalogue';
import { findingsFor } from './helpers';

/**
 * Scores the annotated fixture corpus (test/fixtures/rules/**). In a fixture, a comment
 *
 *   expect: rule-id[, rule-id]   says the next non-annotation line has a finding of that rule;
 *   ok: rule-id                  marks a near miss on the next line that must stay quiet.
 *
 * Any finding on a line without a matching `expect` is a false alarm; any `expect` without a
 * finding is a miss. A first-line annotation `fixture: git-tracked` analyses the file as one git
 * tracks. Fixture paths are given to the engine relative to the corpus root (so `public/…` means
 * what it means in a project).
 */
const corpus = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
const annotation = /(?:\/\/|#|<!--|\/\*|;|--)\s*(expect|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

interface Expectations {
  readonly expected: Set<string>;
  readonly ok: Set<string>;
}

function listFixtures(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFixtures(full) : [full];
  });
}

function readExpectations(text: string): Expectations {
  const lines = text.split(/\r\n|\r|\n/);
  const expected = new Set<string>();
  const ok = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const match = annotation.exec(lines[i]);
    if (!match) {
      continue;
    }
    let target = i + 1;
    while (target < lines.length && annotation.test(lines[target]) && !/ucanpay-ignore/.test(lines[target])) {
      target++;
    }
    for (const id of match[2].split(',').map((s) => s.trim())) {
      (match[1] === 'expect' ? expected : ok).add(`${target + 1}:${id}`);
    }
  }
  return { expected, ok };
}

describe('fixture corpus', () => {
  const files = listFixtures(corpus).sort();
  const coverage = new Map<string, { expect: Set<string>; ok: Set<string> }>();
  const score = new Map<string, { found: number; missed: number; falseAlarms: number }>();

  for (const file of files) {
    const relative = path.relative(corpus, file).split(path.sep).join('/');
    it(`finds exactly what ${relative} annotates`, async () => {
      const text = fs.readFileSync(file, 'utf8');
      const kind = fileKindForPath(relative);
      assert.ok(kind, `${relative}: the engine must know this file type`);
      const { expected, ok } = readExpectations(text);
      for (const key of [...expected, ...ok]) {
        const id = key.slice(key.indexOf(':') + 1);
        const entry = coverage.get(id) ?? { expect: new Set(), ok: new Set() };
        (expected.has(key) ? entry.expect : entry.ok).add(kind);
        coverage.set(id, entry);
      }
      const gitTracked = /fixture:\s*git-tracked/.test(text.split('\n', 1)[0]);
      const findings = await findingsFor(relative, text, { today: '2026-06-01' }, { gitTracked });
      const found = new Set(findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`));
      const missed = [...expected].filter((key) => !found.has(key));
      const falseAlarms = [...found].filter((key) => !expected.has(key));
      for (const key of [...expected, ...found]) {
        const id = key.slice(key.indexOf(':') + 1);
        const s = score.get(id) ?? { found: 0, missed: 0, falseAlarms: 0 };
        if (expected.has(key) && found.has(key)) s.found++;
        if (expected.has(key) && !found.has(key)) s.missed++;
        if (!expected.has(key)) s.falseAlarms++;
        score.set(id, s);
      }
      assert.deepStrictEqual({ missed, falseAlarms }, { missed: [], falseAlarms: [] }, `${relative} (line:rule)`);
    });
  }

  it('has positive and negative cases for every rule, in every file type it covers', () => {
    const gaps: string[] = [];
    for (const rule of allRules) {
      const kinds = [...(rule.check ? rule.languages : []), ...(rule.checkText ? (rule.textKinds ?? []) : [])];
      const entry = coverage.get(rule.id);
      if (kinds.length === 0) {
        // Reported by the engine itself: at least one case.
        if (!entry?.expect.size) gaps.push(`${rule.id}: no expect case`);
        continue;
      }
      for (const kind of kinds) {
        if (!entry?.expect.has(kind)) gaps.push(`${rule.id}: no expect case in a ${kind} file`);
        if (!entry?.ok.has(kind)) gaps.push(`${rule.id}: no ok case in a ${kind} file`);
      }
      assert.ok(kinds.every((kind) => isTextKind(kind) || rule.languages.includes(kind)));
    }
    assert.deepStrictEqual(gaps, []);
  });

  after(() => {
    if (process.env.UCANPAY_FIXTURE_SCORE) {
      console.table(Object.fromEntries([...score].sort()));
    }
  });
});
