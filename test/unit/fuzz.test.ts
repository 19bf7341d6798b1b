import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { neverCancelled } from '../../src/core/cancellation';
import type { AnalysisResult } from '../../src/core/engine/analyzer';
import { fileKindForPath, textKinds, type FileKind } from '../../src/core/files/fileKinds';
import type { Finding, Range } from '../../src/core/findings';
import { supportedLanguages } from '../../src/core/languages';
import { allRules } from '../../src/core/rules/catalogue';
import type { FileFacts } from '../../src/core/rules/rule';
import { analyzer, applyEdits } from './helpers';

/**
 * Robustness fuzzing of `Analyzer.analyze` over every file kind, with whatever rules the catalogue
 * holds: random text (lone surrogates, NULs, line-break soup), mutated fixture files, deep nesting,
 * unterminated constructs, minified one-line bundles, huge tokens and CR/CRLF line endings.
 *
 * For every input: nothing throws, no rule throws (`ruleErrors` is empty: a rule that throws loses
 * all its findings), every finding and fix edit lies inside the text with start <= end and a range
 * that agrees with its offsets, and the call takes under a second of wall-clock or CPU time (a
 * robustness bound, not a benchmark: `npm run bench` measures speed).
 *
 * The seed is fixed so a run is reproducible; UCANPAY_FUZZ_SEED and UCANPAY_FUZZ_RUNS (a
 * multiplier) explore further. A failing property prints its seed and counterexample.
 */
const seed = Number(process.env.UCANPAY_FUZZ_SEED ?? 20_260_601);
const runScale = Number(process.env.UCANPAY_FUZZ_RUNS ?? 1);
const perCallLimitMs = 1000;
const today = '2026-06-01';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const fixtureRoot = path.join(repoRoot, 'test', 'fixtures', 'rules');

// ---------------------------------------------------------------------------------------------
// Paths for every file kind, read from the maps in fileKinds.ts and languages.ts (so a new
// extension is fuzzed without touching this file).

function objectKeys(file: string, names: readonly string[]): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && names.includes(node.name.text) && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      for (const property of node.initializer.properties) {
        if (ts.isPropertyAssignment(property) && (ts.isStringLiteral(property.name) || ts.isIdentifier(property.name))) {
          keys.push(property.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
}

const pathsByKind = new Map<FileKind, string[]>();
{
  const extensions = [...objectKeys('src/core/languages.ts', ['byExtension']), ...objectKeys('src/core/files/fileKinds.ts', ['byExtension'])];
  const names = objectKeys('src/core/files/fileKinds.ts', ['byName']);
  const candidates = [
    ...extensions.map((extension) => `src/sample${extension}`),
    ...names.map((name) => `deploy/${name}`),
    '.env.local',
    'config/production.env',
    'Dockerfile.prod',
    'docker/api.dockerfile',
  ];
  for (const candidate of candidates) {
    const kind = fileKindForPath(candidate);
    if (kind) {
      pathsByKind.set(kind, [...(pathsByKind.get(kind) ?? []), candidate]);
    }
  }
}
const allKinds: readonly FileKind[] = [...supportedLanguages, ...textKinds];
const allPaths = [...pathsByKind.values()].flat();
// Folders that mean something to rules (client-side code, tests, docs).
const folders = ['', 'src/', 'public/', 'test/', 'client/', 'server/', 'docs/', 'keys/public/', 'static/js/', 'config/'];

// ---------------------------------------------------------------------------------------------
// Inputs: the fixture corpus, the rules' prefilter literals, and a token soup around them.

interface FixtureFile {
  readonly path: string;
  readonly text: string;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

const fixtures: FixtureFile[] = listFiles(fixtureRoot)
  .sort()
  .map((file) => ({ path: path.relative(fixtureRoot, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));
const literals = [...new Set(allRules.flatMap((rule) => rule.literals))];
const fixtureLines = [...new Set(fixtures.flatMap((fixture) => fixture.text.split(/\r\n|\r|\n/)))].filter((line) => line.trim());
const tokens = [
  ...literals,
  '(', ')', '{', '}', '[', ']', "'", '"', '`', '${', '/*', '*/', '//', '#', '<!--', '-->', '\\', '/',
  '\n', '\r\n', '\r', ' ', '  ', '\t', '=', ':', ',', ';', '.', '=>', '?', '!', '&&', '+', '-', '*', '<', '>',
  'new ', 'const ', 'let ', 'var ', 'function ', 'return ', 'await ', 'async ', 'class ', 'import ', 'export ',
  'require(', 'fetch(', 'axios.get(', 'https.request(', 'new URL(', 'process.env.', 'module.exports = ',
  'http://', 'https://', 'api.ucanpay.com', 'sandbox.ucanpay.com', 'localhost', 'example.com', '127.0.0.1',
  'ucp_live_', 'ucp_test_', 'ucp_whsec_', 'EXAMPLEFAKEEXAMPLEFAKE0000000001',
  'ucanpay-ignore-next-line ', 'ucanpay-ignore-line ', 'plain-http-url', ' -- reason', ', until 2020-01-01',
  '```js\n', '```ts\n', '```sh\n', '```json\n', '```\n', '~~~\n', '---\n', '- ', 'key: ', 'KEY=', 'export ',
  'FROM node:20\n', 'RUN ', 'ENV ', 'ARG ', 'curl -k ', 'wget ', '<<EOF\n', 'EOF\n', '<script>', '</script>',
  '<a href="', '">', '[section]\n', 'true', 'false', 'null', '0', '1', '4242424242424242',
  '\u2028', '\u2029', '\ufeff', '\ud800', '\udc00', '\ud83d\ude00', 'é', '\u0301', '\u00a0',
];

/** A UTF-16 code unit, any of them (lone surrogates and NUL included), ASCII more often. */
const codeUnit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
  { weight: 1, arbitrary: fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x2028, 0xfeff, 0x0d, 0x0a) },
).map((code) => String.fromCharCode(code));

const tokenSoup = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...tokens) }, { weight: 2, arbitrary: fc.constantFrom(...fixtureLines.map((l) => `${l}\n`)) }, { weight: 1, arbitrary: codeUnit }), {
    maxLength: 120,
  })
  .chain((parts) => fc.boolean().map((upper) => (upper ? parts.map((part, i) => (i % 3 === 0 ? part.toUpperCase() : part)) : parts).join('')));

// Soup that starts with some rules' literals, so that those rules run on it.
const soup = fc
  .tuple(fc.array(fc.constantFrom(...literals), { maxLength: 3 }), tokenSoup)
  .map(([some, rest]) => `${some.join(' ')}${rest}`);

const randomText = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 400 }),
  { weight: 3, arbitrary: soup },
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);

// A kind first (each as likely as the next), then one of its paths, in a folder.
const anyPath = fc
  .tuple(fc.constantFrom(...folders), fc.constantFrom(...pathsByKind.values()).chain((paths) => fc.constantFrom(...paths)))
  .map(([folder, file]) => `${folder}${file.replace(/^src\//, '')}`);
const facts = fc.record({ gitTracked: fc.option(fc.boolean(), { nil: undefined }) }).map((f): FileFacts => (f.gitTracked === undefined ? {} : { gitTracked: f.gitTracked }));

// ---------------------------------------------------------------------------------------------
// The checks every analysis must pass.

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; character: number } {
  let line = 0;
  let high = starts.length - 1;
  while (line < high) {
    const mid = (line + high + 1) >> 1;
    if (starts[mid] <= offset) {
      line = mid;
    } else {
      high = mid - 1;
    }
  }
  return { line, character: offset - starts[line] };
}

function describeInput(filePath: string, text: string): string {
  const shown = text.length > 300 ? `${JSON.stringify(text.slice(0, 300))}… (${text.length} chars)` : JSON.stringify(text);
  return `${filePath}: ${shown}`;
}

function checkSpan(what: string, text: string, starts: readonly number[], start: number, end: number, range: Range): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets ${start}..${end} are not integers`);
  assert.ok(start >= 0 && start <= end && end <= text.length, `${what}: offsets ${start}..${end} outside 0..${text.length} or reversed`);
  assert.deepStrictEqual(range, { start: position(starts, start), end: position(starts, end) }, `${what}: range does not match offsets ${start}..${end}`);
}

const ruleIds = new Set(allRules.map((rule) => rule.id));

function checkFindings(text: string, findings: readonly Finding[]): void {
  const starts = lineStartsOf(text);
  for (const finding of findings) {
    const what = `${finding.ruleId} finding`;
    assert.ok(ruleIds.has(finding.ruleId), `unknown rule id ${finding.ruleId}`);
    assert.ok(['error', 'warning', 'info'].includes(finding.severity), `${what}: severity ${finding.severity}`);
    assert.ok(typeof finding.message === 'string' && finding.message.trim().length > 0, `${what}: empty message`);
    checkSpan(what, text, starts, finding.startOffset, finding.endOffset, finding.range);
    for (const fix of finding.fixes) {
      const edits = [...fix.edits].sort((a, b) => a.startOffset - b.startOffset);
      edits.forEach((edit, i) => {
        checkSpan(`${what}, fix "${fix.title}"`, text, starts, edit.startOffset, edit.endOffset, edit.range);
        assert.ok(i === 0 || edits[i - 1].endOffset <= edit.startOffset, `${what}, fix "${fix.title}": edits overlap`);
      });
    }
  }
}

/** Time of the last analysis (ms), for the report of slow cases. */
let lastElapsed = 0;

async function analyzeChecked(filePath: string, text: string, options: { facts?: FileFacts; kind?: FileKind; maxFileSize?: number } = {}): Promise<AnalysisResult> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let result: AnalysisResult;
  try {
    const { maxFileSize, ...input } = options;
    result = await analyzer.analyze({ path: filePath, text, ...input }, { today, ...(maxFileSize ? { maxFileSize } : {}) }, neverCancelled);
  } catch (error) {
    throw new Error(`analyze threw on ${describeInput(filePath, text)}\n${error instanceof Error ? error.stack : String(error)}`);
  }
  // The lesser of wall-clock and CPU time: other processes on a busy machine stretch the first,
  // a slow analysis raises both.
  const cpu = process.cpuUsage(cpuStarted);
  const elapsed = Math.min(performance.now() - started, (cpu.user + cpu.system) / 1000);
  lastElapsed = elapsed;
  assert.deepStrictEqual(result.ruleErrors ?? [], [], `rules threw on ${describeInput(filePath, text)}`);
  assert.ok(elapsed < perCallLimitMs, `analysis took ${elapsed.toFixed(0)} ms (limit ${perCallLimitMs}) on ${describeInput(filePath, text)}`);
  checkFindings(text, result.findings);
  const kind = options.kind ?? fileKindForPath(filePath);
  if (kind && text.includes('\u0000') && text.length <= 1024 * 1024) {
    assert.strictEqual(result.skipped, 'binary content', `text with NUL not skipped: ${describeInput(filePath, text)}`);
  }
  return result;
}

/** Re-analyses the text after applying the first fix offered: a fix must not break the engine. */
async function checkFirstFix(filePath: string, text: string, result: AnalysisResult): Promise<void> {
  const fix = result.findings.find((finding) => finding.fixes.length)?.fixes[0];
  if (fix) {
    await analyzeChecked(filePath, applyEdits(text, fix.edits));
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations of fixture files.

type Mutation =
  | { readonly op: 'delete' | 'duplicate' | 'truncate'; readonly at: number; readonly length: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'splice'; readonly at: number; readonly other: number; readonly from: number }
  | { readonly op: 'crlf' | 'cr' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...tokens), fc.string({ unit: codeUnit, maxLength: 8 })) }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat() }),
  fc.record({ op: fc.constantFrom('crlf' as const, 'cr' as const) }),
);

function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'splice': {
      const other = fixtures[m.other % fixtures.length].text;
      return text.slice(0, at) + other.slice(m.from % (other.length + 1));
    }
    case 'crlf':
      return text.replace(/\r\n|\r|\n/g, '\r\n');
    case 'cr':
      return text.replace(/\r\n|\r|\n/g, '\r');
  }
}

// ---------------------------------------------------------------------------------------------
// Pathological inputs, built per kind.

/** One line holding every prefilter literal, so every rule of the kind runs on what follows. */
function literalLine(kind: FileKind): string {
  const all = literals.join(' ');
  switch (kind) {
    case 'javascript':
    case 'typescript':
    case 'tsx':
    case 'json':
      return `// ${all}\n`;
    case 'html':
    case 'markdown':
      return `<!-- ${all} -->\n`;
    default:
      return `# ${all}\n`;
  }
}

const jsKinds = new Set<FileKind>(supportedLanguages);
const depth = 20_000;
const big = 500 * 1024;

function jsBundle(size: number): string {
  const code = fixtures
    .filter((fixture) => jsKinds.has(fileKindForPath(fixture.path) ?? 'json'))
    .map((fixture) =>
      fixture.text
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join(' '),
    )
    .join(';');
  const snippet =
    "var c=require('ucanpay');c.init({apiKey:process.env.UCANPAY_KEY,baseUrl:'http://api.ucanpay.com/v1'});" +
    "fetch('http://pay.shop.io/charge',{method:'POST',body:JSON.stringify({amount:100})}).then(function(r){return r.json()});" +
    'var x=`ucp_test_${k}`;if(a&&b||c){d=e?f:g}else{for(var i=0;i<9;i++){h[i]=/https?:\\/\\//.test(u)}};';
  let out = `${code};`;
  while (out.length < size) {
    out += snippet;
  }
  return out.slice(0, size);
}

function pathologicalCases(): Array<{ name: string; kind: FileKind; text: string; maxFileSize?: number }> {
  const cases: Array<{ name: string; kind: FileKind; text: string; maxFileSize?: number }> = [];
  // `maxFileSize`: analyse a case over the default limit too (thousands of regions or
  // suppressions once made the engine quadratic; they must stay linear at any size).
  const add = (name: string, kind: FileKind, body: string, maxFileSize?: number) =>
    cases.push({ name, kind, text: literalLine(kind) + body, ...(maxFileSize ? { maxFileSize } : {}) });
  for (const kind of allKinds) {
    // Deep nesting, open and closed.
    add('(×20000', kind, '('.repeat(depth));
    add('{×20000', kind, '{'.repeat(depth));
    add('[×20000', kind, '['.repeat(depth));
    add('nested and closed', kind, `${'f('.repeat(depth)}'http://api.ucanpay.com'${')'.repeat(depth)}`);
    // Unterminated strings, comments, templates, fences.
    add('unterminated', kind, "const a = 'abc\nconst b = \"def\nconst c = `ghi ${ fetch('http://api.ucanpay.com'\n/* never closed\n<!-- nor this\n```js\nfetch('http://x");
    // Huge single tokens.
    add('huge identifier', kind, 'a'.repeat(big));
    add('huge URL', kind, `fetch('http://${'a'.repeat(big)}')`);
    add('huge key-like token', kind, `KEY=ucp_live_${'A1b2'.repeat(big / 4)}`);
    add('huge blank line with a suppression', kind, `// ucanpay-ignore-line plain-http-url -- a${' \t'.repeat(big / 2)}b */`);
    // Long lines of text kinds' own syntax.
    add('one-line bundle', kind, jsBundle(big));
  }
  for (const kind of jsKinds) {
    add('string concatenation ×20000', kind, `const u = ${"'http://api.ucanpay.com/' + ".repeat(depth)}'x';`);
    add('member chain ×20000', kind, `a${'.b'.repeat(depth)}('http://api.ucanpay.com');`);
    add('nested arrows ×5000', kind, `${'() => '.repeat(5000)}fetch('http://api.ucanpay.com');`);
    add('nested objects ×20000', kind, `const o = ${'{a:'.repeat(depth)}'http://api.ucanpay.com'${'}'.repeat(depth)};`);
    add('huge string literal', kind, `fetch('http://api.ucanpay.com/${'x'.repeat(big)}');`);
    add('huge template literal', kind, `fetch(\`http://api.ucanpay.com/${'${a}'.repeat(big / 8)}\`);`);
    add('huge comment', kind, `/* ${'http://api.ucanpay.com '.repeat(big / 24)} */`);
    add('huge number', kind, `const n = ${'9'.repeat(big)};`);
    add('many findings, CRLF', kind, "fetch('http://api.ucanpay.com/v1/x');\r\n".repeat(12_000));
    add('many suppressed findings', kind, "fetch('http://api.ucanpay.com/v1/x'); // ucanpay-ignore-line plain-http-url -- mock\n".repeat(12_000), 2 * 1024 * 1024);
  }
  add('deep JSON, closed', 'json', `${'{"a":'.repeat(depth)}"http://api.ucanpay.com"${'}'.repeat(depth)}`);
  add('deep JSON arrays, closed', 'json', `${'['.repeat(depth)}"http://api.ucanpay.com"${']'.repeat(depth)}`);
  add('huge JSON one line', 'json', `[${'{"url":"http://api.ucanpay.com","key":"ucp_test_EXAMPLEEXAMPLEEXAMPLE00000001"},'.repeat(big / 80)}1]`);
  add('deep YAML', 'yaml', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' http://api.ucanpay.com');
  add('YAML flow nesting', 'yaml', `a: ${'['.repeat(depth)}`);
  add('many fences', 'markdown', '```js\nfetch("http://api.ucanpay.com")\n```\n'.repeat(20_000), 1024 * 1024);
  add('unclosed fences', 'markdown', '~~~js\n'.repeat(100_000));
  add('huge .env value', 'dotenv', `UCANPAY_SECRET=${'Zx9+/'.repeat(big / 5)}\n`);
  add('shell heredoc unterminated', 'shell', `cat <<EOF\n${'curl -k http://api.ucanpay.com\n'.repeat(10_000)}`);
  add('Dockerfile continuation', 'dockerfile', `RUN ${'curl -k http://api.ucanpay.com \\\n'.repeat(10_000)}`);
  add('HTML script soup', 'html', '<script>fetch("http://api.ucanpay.com")</script>\n'.repeat(10_000));
  return cases;
}

function pathFor(kind: FileKind): string {
  const paths = pathsByKind.get(kind);
  assert.ok(paths?.length, `no path maps to ${kind}`);
  return paths[0];
}

// ---------------------------------------------------------------------------------------------

describe(`fuzz: Analyzer.analyze never throws and reports sane ranges (seed ${seed})`, function () {
  this.timeout(120_000);
  const runs = (n: number) => Math.max(1, Math.round(n * runScale));

  before(async () => {
    // Load every grammar once, as a warm editor has.
    for (const kind of allKinds) {
      await analyzer.analyze({ path: pathFor(kind), text: literalLine(kind) }, { today }, neverCancelled);
    }
  });

  it('has a path for every file kind', () => {
    assert.deepStrictEqual(allKinds.filter((kind) => !pathsByKind.has(kind)), []);
  });

  it('random text and token soup, in every kind of file', async () => {
    await fc.assert(
      fc.asyncProperty(anyPath, randomText, facts, fc.option(fc.constantFrom(...allKinds), { freq: 8, nil: undefined }), async (filePath, text, fileFacts, kind) => {
        await analyzeChecked(filePath, text, { facts: fileFacts, ...(kind ? { kind } : {}) });
      }),
      { seed, numRuns: runs(1500) },
    );
  });

  it('text with a NUL is skipped as binary', async () => {
    await fc.assert(
      fc.asyncProperty(anyPath, randomText, randomText, async (filePath, before, after) => {
        const result = await analyzeChecked(filePath, `${before}\u0000${after}`);
        assert.strictEqual(result.findings.length, 0);
      }),
      { seed, numRuns: runs(200) },
    );
  });

  it('mutated fixture files (deletions, duplications, insertions, truncation, splices, line endings)', async () => {
    assert.ok(fixtures.length > 0, 'no fixtures found');
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.option(fc.constantFrom(...allPaths), { freq: 5, nil: undefined }),
        facts,
        async (index, mutations, otherPath, fileFacts) => {
          const fixture = fixtures[index];
          const text = mutations.reduce(mutate, fixture.text);
          const filePath = otherPath ?? fixture.path;
          const result = await analyzeChecked(filePath, text, { facts: fileFacts });
          await checkFirstFix(filePath, text, result);
        },
      ),
      { seed, numRuns: runs(600) },
    );
  });

  it('finds the same things on the same lines with CRLF line endings as with LF', async () => {
    for (const fixture of fixtures) {
      const lf = fixture.text.replace(/\r\n|\r/g, '\n');
      const where = (result: AnalysisResult) => result.findings.map((f) => `${f.range.start.line}:${f.range.start.character}:${f.ruleId}`).sort();
      const lfResult = await analyzeChecked(fixture.path, lf);
      const crlfResult = await analyzeChecked(fixture.path, lf.replace(/\n/g, '\r\n'));
      await analyzeChecked(fixture.path, lf.replace(/\n/g, '\r'));
      assert.deepStrictEqual(where(crlfResult), where(lfResult), `${fixture.path}: CRLF changes the findings`);
    }
  });

  it('deep nesting, unterminated constructs, one-line bundles and huge tokens, in every kind of file', async () => {
    const showOver = Number(process.env.UCANPAY_FUZZ_SHOW_MS ?? 300);
    const slow: string[] = [];
    for (const { name, kind, text, maxFileSize } of pathologicalCases()) {
      for (const variant of [text, ...(name === 'one-line bundle' && jsKinds.has(kind) ? [text.replace(/;/g, ';\r\n'), text.replace(/;/g, ';\r')] : [])]) {
        try {
          await analyzeChecked(pathFor(kind), variant, maxFileSize ? { maxFileSize } : {});
        } catch (error) {
          throw new Error(`[${kind}] ${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (lastElapsed > showOver) {
          slow.push(`${kind} ${name}: ${lastElapsed.toFixed(0)} ms`);
        }
      }
    }
    if (slow.length) {
      console.log(`      slowest (over ${showOver} ms, under the ${perCallLimitMs} ms bound):\n        ${slow.join('\n        ')}`);
    }
  });
});
