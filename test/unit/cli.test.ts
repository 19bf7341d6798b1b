import * as assert from 'assert';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Sarif from 'sarif';
import { PassThrough } from 'stream';
import { run } from '../../src/cli/run';
import { packagedWasmDir } from './helpers';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await run(args, { stdout, stderr, cwd, env: { UCANPAY_WASM_DIR: packagedWasmDir() } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

describe('ucanpay scan', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-cli-'));
    write(dir, {
      'src/pay.ts': "export const base = 'http://api.ucanpay.com/v1';\n",
      'src/ok.js': "fetch('https://api.ucanpay.com/v1');\n",
      'node_modules/dep/index.js': "fetch('http://api.ucanpay.com/v1');\n",
    });
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports findings with file:line:col and rule id, skips node_modules, exits 1', async () => {
    const result = await cli(['scan'], dir);
    assert.strictEqual(result.code, 1);
    assert.match(result.stdout, /^src\/pay\.ts:1:22 {2}error {2}The UCanPay API is called over plain HTTP.*\[plain-http-url\]$/m);
    assert.match(result.stdout, /^1 finding \(1 error\) in 2 files$/m);
  });

  it('honours .gitignore in a git repository, and scans a file that is named even if ignored', async () => {
    execFileSync('git', ['init', '-q', dir]);
    write(dir, { '.gitignore': 'generated/\n', 'generated/api.js': "fetch('http://api.ucanpay.com/v1');\n" });
    const all = await cli(['scan', '--format', 'json'], dir);
    const files = (JSON.parse(all.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file);
    assert.deepStrictEqual(files, ['src/pay.ts']);
    const named = await cli(['scan', 'generated/api.js', '--format', 'json'], dir);
    assert.deepStrictEqual((JSON.parse(named.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file), ['generated/api.js']);
  });

  it('applies .ucanpay.jsonc: rule levels, ignore globs and allowed hosts', async () => {
    write(dir, {
      'src/internal.js': "fetch('http://ci-mock.internal/pay');\n",
      'legacy/old.js': "fetch('http://api.ucanpay.com/v1');\n",
      '.ucanpay.jsonc': '{\n  // team decisions\n  "rules": { "plain-http-url": "info" },\n  "ignore": ["legacy/**"],\n  "allowedHttpHosts": ["ci-mock.internal"],\n}\n',
    });
    const result = await cli(['scan', '--format', 'json'], dir);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ file: string; severity: string }> }).findings;
    assert.deepStrictEqual(findings.map((f) => [f.file, f.severity]), [['src/pay.ts', 'info']]);
    assert.strictEqual(result.code, 0, 'info is below the default --fail-on warning');
    assert.strictEqual((await cli(['scan', '--fail-on', 'info'], dir)).code, 1);
  });

  it('refuses an invalid .ucanpay.jsonc with the exact position, and exits 2', async () => {
    write(dir, { '.ucanpay.jsonc': '{\n  "rules": { "plain-http-ur": "warning" }\n}\n' });
    const result = await cli(['scan'], dir);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /^\.ucanpay\.jsonc:2:14 {2}Unknown rule "plain-http-ur"/m);
  });

  it('writes SARIF 2.1.0 that validates against the official schema, with rule help and mappings', async () => {
    const result = await cli(['scan', '--format', 'sarif', '--output', 'out/report.sarif'], dir);
    assert.strictEqual(result.code, 1);
    assert.strictEqual(result.stdout, '');
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'report.sarif'), 'utf8')) as Sarif.Log;
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    // The schema's "language" pattern is not valid in Unicode mode (a stray "]"), so patterns run without it.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const [runLog] = log.runs;
    const rule = runLog.tool.driver.rules?.find((r) => r.id === 'plain-http-url');
    assert.match(rule?.helpUri ?? '', /docs\/rules\/plain-http-url\.md$/);
    assert.deepStrictEqual(rule?.properties?.pciDss, ['4.2.1']);
    assert.deepStrictEqual(rule?.properties?.cwe, ['CWE-319']);
    const [finding] = runLog.results ?? [];
    assert.strictEqual(finding.ruleId, 'plain-http-url');
    const location = finding.locations?.[0].physicalLocation;
    assert.deepStrictEqual(location?.region, { startLine: 1, startColumn: 22, endLine: 1, endColumn: 44 });
    assert.strictEqual(location?.artifactLocation?.uri, 'src/pay.ts');
  });

  it('exits 0 on clean files and 2 on usage errors', async () => {
    assert.strictEqual((await cli(['scan', 'src/ok.js'], dir)).code, 0);
    assert.strictEqual((await cli(['scan', '--format', 'xml'], dir)).code, 2);
    assert.strictEqual((await cli(['scan', 'missing-folder'], dir)).code, 2);
    assert.strictEqual((await cli(['frobnicate'], dir)).code, 2);
  });

  it('scans a project folder outside the current one as its own root', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-cwd-'));
    try {
      const result = await cli(['scan', dir, '--format', 'json'], elsewhere);
      assert.strictEqual(result.code, 1);
      assert.deepStrictEqual((JSON.parse(result.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file), ['src/pay.ts']);
      assert.strictEqual((await cli(['scan', path.join(dir, 'src', 'pay.ts')], elsewhere)).code, 2, 'a single file outside is refused');
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('gives the same report with --jobs 3 (worker threads) as in one thread, over the whole fixture corpus', async function () {
    this.timeout(120_000);
    const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-jobs-'));
    try {
      // A copy outside the repository: git would otherwise skip what the fixtures' .gitignore hides.
      fs.cpSync(fixtures, copy, { recursive: true });
      const one = await cli(['scan', '--format', 'json', '--jobs', '1'], copy);
      const three = await cli(['scan', '--format', 'json', '--jobs', '3'], copy);
      assert.strictEqual(one.code, 1, one.stderr);
      assert.strictEqual(three.code, one.code, three.stderr);
      const findings = (JSON.parse(one.stdout) as { findings: unknown[] }).findings;
      assert.ok(findings.length > 100, `${findings.length} findings`);
      assert.deepStrictEqual(JSON.parse(three.stdout), JSON.parse(one.stdout));
      assert.strictEqual((await cli(['scan', '--jobs', '0'], copy)).code, 2);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('fails only at or above --fail-on', async () => {
    assert.strictEqual((await cli(['scan', '--fail-on', 'error'], dir)).code, 1);
    write(dir, { 'src/pay.ts': "export const apiUrl = 'http://shop.io/v1';\n" });
    assert.strictEqual((await cli(['scan', '--fail-on', 'error'], dir)).code, 0);
    assert.strictEqual((await cli(['scan', '--fail-on', 'warning'], dir)).code, 1);
  });
});
