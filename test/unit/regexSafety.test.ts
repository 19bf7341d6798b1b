import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { check, type Diagnostics, type VulnerableDiagnostics } from 'recheck';
import * as ts from 'typescript';
import { Worker } from 'worker_threads';

/**
 * ReDoS check: every regular-expression literal and every `new RegExp('literal', 'flags')` in
 * src/core/ goes through recheck (automaton theory, with fuzzing where the automaton is too big).
 * A pattern recheck finds super-linear (exponential or polynomial backtracking) fails the test
 * with its file:line and an attack string, once V8 confirms it: the attack, pumped to the largest
 * text the engine reads (1 MiB), must take over a second to match. (recheck's fuzzing checker
 * also reports bounded repetition such as `[a-z]{1,64}=` as polynomial, and its verdicts vary
 * with machine load; those that V8 matches quickly are listed, not failed.) Patterns recheck
 * cannot decide are listed. recheck runs offline (its native binary, or its Java/JS fallback).
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
/** The largest text the engine analyses (its default size limit), in UTF-16 code units. */
const largestText = 1024 * 1024;
/** An attack of that size must take longer than this to count as confirmed. */
const confirmMs = 1000;
const attackTimeoutMs = 3000;

/** recheck's attack, with its pumps repeated until it is `length` long. */
export function pumpedAttack(attack: VulnerableDiagnostics['attack'], length: number): string {
  const fixed = attack.pumps.reduce((sum, pump) => sum + pump.prefix.length, attack.suffix.length);
  const perRound = attack.pumps.reduce((sum, pump) => sum + pump.pump.length, 0);
  const rounds = Math.max(attack.base, Math.floor((length - fixed) / Math.max(1, perRound)));
  return attack.pumps.map((pump) => pump.prefix + pump.pump.repeat(Math.max(0, rounds + pump.bias))).join('') + attack.suffix;
}

// Runs the regex over the input as a rule would (every match, for a global or sticky one), in a
// worker that can be stopped when it does not finish.
const matcher = `
const { parentPort, workerData } = require('worker_threads');
const re = new RegExp(workerData.source, workerData.flags);
const started = performance.now();
if (re.global || re.sticky) {
  for (let m = re.exec(workerData.input); m; m = re.exec(workerData.input)) {
    if (m[0] === '') re.lastIndex++;
  }
} else {
  re.exec(workerData.input);
}
parentPort.postMessage(performance.now() - started);
`;

/** Milliseconds V8 takes to match `input`; Infinity when it has not finished within the timeout. */
export function timeMatch(source: string, flags: string, input: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(matcher, { eval: true, workerData: { source, flags, input } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(Infinity);
    }, attackTimeoutMs);
    worker.once('message', (ms: number) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(ms);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Runs `task` over `items`, `limit` at a time (recheck's verdicts are steadier under less load). */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

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

  it('the checker still recognises a known catastrophic pattern, and V8 confirms it', async function () {
    this.timeout(30_000);
    const result = await check('^(a+)+$', '', params);
    assert.strictEqual(result.status, 'vulnerable', `recheck said ${result.status}: is its binary missing?`);
    assert.strictEqual(await timeMatch('^(a+)+$', '', pumpedAttack(result.attack, largestText)), Infinity);
    // Bounded repetition: linear in practice.
    assert.ok((await timeMatch('[?&;]([a-z]{1,64})=', 'g', `&${'-'.repeat(63)}`.repeat(16_384))) < confirmMs);
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
    const results = await mapLimited([...distinct.values()], 4, async (sites) => ({ sites, result: await check(sites[0].source, checkableFlags(sites[0].flags), params) }));
    const vulnerable: string[] = [];
    const unconfirmed: string[] = [];
    const unknown: string[] = [];
    for (const { sites, result } of results) {
      const label = `/${sites[0].source}/${sites[0].flags} at ${sites.map((site) => site.where).join(', ')}`;
      if (result.status === 'vulnerable') {
        const ms = await timeMatch(sites[0].source, sites[0].flags, pumpedAttack(result.attack, largestText));
        if (ms >= confirmMs) {
          const took = ms === Infinity ? `over ${attackTimeoutMs / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
          vulnerable.push(`${label}\n      ${describeAttack(result)}; V8 took ${took} on it pumped to 1 MiB`);
        } else {
          unconfirmed.push(`${label} (${result.complexity.summary}; V8: ${ms.toFixed(0)} ms on a 1 MiB attack)`);
        }
      } else if (result.status === 'unknown') {
        unknown.push(`${label} (${result.error.kind}${'message' in result.error ? `: ${result.error.message}` : ''})`);
      }
    }
    console.log(`      checked ${scan.regexes.length} regexes (${distinct.size} distinct) in src/core`);
    if (unconfirmed.length) {
      console.log(`      recheck flagged, V8 matched quickly (not failed) (${unconfirmed.length}):\n        ${unconfirmed.join('\n        ')}`);
    }
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
