import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { check, type Diagnostics } from 'recheck';
import * as ts from 'typescript';

/**
 * ReDoS check: every regular-expression literal and every `new RegExp('literal', 'flags')` in
 * src/core/ goes through recheck (automaton theory, with fuzzing where the automaton is too big).
 * A pattern recheck proves super-linear (exponential or polynomial backtracking) fails the test
 * with its file:line and an attack string; patterns it cannot decide are listed. recheck runs
 * offline (its native binary, or the bundled Java/JS fallback).
 *
 * Patterns built at run time (`new RegExp(variable)`) cannot be checked statically; they are
 * listed so a reviewer sees them.
 */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const coreDir = path.join(repoRoot, 'src', 'core');

export interface FoundRegex {
  readonly source: string;
  readonly flags: string;
  /** file:line, relative to the repository root */
  readonly where: string;
}

export interface RegexScan {
  readonly regexes: FoundRegex[];
  /** Patterns built at run time: file:line and the expression. */
  readonly dynamic: string[];
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listTs(full) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The text of a literal argument (string, plain template, String.raw template), or undefined. */
function literalText(node: ts.Expression | undefined): string | undefined {
  if (!node) {
    return undefined;
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text;
  }
  if (
    ts.isTaggedTemplateExpression(node) &&
    node.tag.getText() === 'String.raw' &&
    ts.isNoSubstitutionTemplateLiteral(node.template)
  ) {
    return node.template.rawText ?? node.template.text;
  }
  return undefined;
}

function isRegExpConstructor(node: ts.Node): node is ts.NewExpression | ts.CallExpression {
  if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) {
    return false;
  }
  const callee = node.expression;
  return (
    (ts.isIdentifier(callee) && callee.text === 'RegExp') ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === 'RegExp' && /^(globalThis|window|global)$/.test(callee.expression.getText()))
  );
}

/** Finds the regexes of one TypeScript source text. Exported for reuse in tooling. */
export function scanSource(fileName: string, text: string): RegexScan {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const regexes: FoundRegex[] = [];
  const dynamic: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const slash = node.text.lastIndexOf('/');
      regexes.push({ source: node.text.slice(1, slash), flags: node.text.slice(slash + 1), where: where(node) });
    } else if (isRegExpConstructor(node)) {
      const [pattern, flags] = node.arguments ?? [];
      const patternText = literalText(pattern);
      const flagsText = flags === undefined ? '' : literalText(flags);
      if (patternText !== undefined && flagsText !== undefined) {
        regexes.push({ source: patternText, flags: flagsText, where: where(node) });
      } else if (!(pattern && ts.isRegularExpressionLiteral(pattern) && flagsText !== undefined)) {
        // (A regex literal argument with literal flags is checked as a literal.)
        dynamic.push(`${where(node)}  ${node.getText(source).replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { regexes, dynamic };
}

export function scanCore(): RegexScan {
  const all: RegexScan = { regexes: [], dynamic: [] };
  for (const file of listTs(coreDir).sort()) {
    const relative = path.relative(repoRoot, file).split(path.sep).join('/');
    const scan = scanSource(relative, fs.readFileSync(file, 'utf8'));
    all.regexes.push(...scan.regexes);
    all.dynamic.push(...scan.dynamic);
  }
  return all;
}

/** recheck knows the flags of ES2018 (`gimsuy`); `d` (indices) does not change matching. */
function checkableFlags(flags: string): string {
  return flags.replace(/d/g, '');
}

const params = { checker: 'auto', timeout: 10_000 } as const;

function describeAttack(diagnostics: Diagnostics): string {
  if (diagnostics.status !== 'vulnerable') {
    return '';
  }
  // attack.pattern is the attack as a JS expression, e.g. '\\t'.repeat(54773) + 'x'.
  return `${diagnostics.complexity.summary}; attack string: ${diagnostics.attack.pattern}`;
}

describe('regex safety (ReDoS, recheck)', function () {
  this.timeout(120_000);

  it('extracts regex literals and new RegExp(literal) calls, and lists dynamic ones', () => {
    const scan = scanSource(
      'x.ts',
      [
        'const a = /ab+c/gi;',
        "const b = new RegExp('x\\\\d+', 'm');",
        'const c = RegExp(`y*`);',
        'const d = new RegExp(String.raw`\\s+z`);',
        'const e = new RegExp(words.join("|"));',
        'const f = "not /a regex/";',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      scan.regexes.map((r) => [r.source, r.flags, r.where]),
      [
        ['ab+c', 'gi', 'x.ts:1'],
        ['x\\d+', 'm', 'x.ts:2'],
        ['y*', '', 'x.ts:3'],
        ['\\s+z', '', 'x.ts:4'],
      ],
    );
    assert.strictEqual(scan.dynamic.length, 1);
    assert.match(scan.dynamic[0], /^x\.ts:5 /);
  });

  it('the checker still recognises a known catastrophic pattern', async () => {
    const result = await check('^(a+)+$', '', params);
    assert.strictEqual(result.status, 'vulnerable', `recheck said ${result.status}: is its binary missing?`);
  });

  it('no regex in src/core backtracks catastrophically', async () => {
    const scan = scanCore();
    assert.ok(scan.regexes.length > 0, 'found no regexes at all: is the scan looking in the right place?');
    // Check each distinct pattern once, all at once (recheck's agent answers them in parallel).
    const distinct = new Map<string, FoundRegex[]>();
    for (const regex of scan.regexes) {
      const key = `${regex.flags}\u0000${regex.source}`;
      distinct.set(key, [...(distinct.get(key) ?? []), regex]);
    }
    const results = await Promise.all(
      [...distinct.values()].map(async (sites) => ({ sites, result: await check(sites[0].source, checkableFlags(sites[0].flags), params) })),
    );
    const vulnerable: string[] = [];
    const unknown: string[] = [];
    for (const { sites, result } of results) {
      const label = `/${sites[0].source}/${sites[0].flags} at ${sites.map((site) => site.where).join(', ')}`;
      if (result.status === 'vulnerable') {
        vulnerable.push(`${label}\n      ${describeAttack(result)}`);
      } else if (result.status === 'unknown') {
        unknown.push(`${label} (${result.error.kind}${'message' in result.error ? `: ${result.error.message}` : ''})`);
      }
    }
    console.log(`      checked ${scan.regexes.length} regexes (${distinct.size} distinct) in src/core`);
    if (unknown.length) {
      console.log(`      recheck could not decide ${unknown.length}:\n        ${unknown.join('\n        ')}`);
    }
    if (scan.dynamic.length) {
      console.log(`      built at run time, not checked (${scan.dynamic.length}):\n        ${scan.dynamic.join('\n        ')}`);
    }
    if (vulnerable.length) {
      assert.fail(
        `${vulnerable.length} regex(es) can backtrack super-linearly. Rewrite without nested or overlapping quantifiers ` +
          `(or bound the repetition, or scan with indexOf/a loop):\n  ${vulnerable.join('\n  ')}`,
      );
    }
  });
});
