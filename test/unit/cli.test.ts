import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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
  const code = await run(args, { stdout, stderr, cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('ucanpay scan', () => {
  let dir: string;

  before(() => {
    process.env.UCANPAY_WASM_DIR = packagedWasmDir();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-cli-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'pay.ts'), "export const base = 'http://api.ucanpay.com/v1';\n");
    fs.writeFileSync(path.join(dir, 'src', 'ok.js'), "fetch('https://api.ucanpay.com/v1');\n");
    fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'index.js'), "fetch('http://api.ucanpay.com/v1');\n");
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports findings with file:line:col and rule id, skips node_modules, exits 1', async () => {
    const result = await cli(['scan'], dir);
    assert.strictEqual(result.code, 1);
    assert.match(result.stdout, /^src[/\\]pay\.ts:1:22 {2}error {2}The UCanPay API is called over plain HTTP.*\[plain-http-url\]$/m);
    assert.match(result.stdout, /1 finding in 2 files/);
  });

  it('writes JSON with --format json', async () => {
    const result = await cli(['scan', 'src', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout) as { files: number; findings: Array<{ ruleId: string; file: string }> };
    assert.deepStrictEqual(report.findings.map((f) => [f.file, f.ruleId]), [[path.join('src', 'pay.ts'), 'plain-http-url']]);
  });

  it('exits 0 on clean files and 2 on usage errors', async () => {
    assert.strictEqual((await cli(['scan', 'src/ok.js'], dir)).code, 0);
    assert.strictEqual((await cli(['scan', '--format', 'xml'], dir)).code, 2);
    assert.strictEqual((await cli(['scan', 'missing-folder'], dir)).code, 2);
    assert.strictEqual((await cli(['frobnicate'], dir)).code, 2);
  });

  it('fails only at or above --fail-on', async () => {
    assert.strictEqual((await cli(['scan', '--fail-on', 'error'], dir)).code, 1);
    fs.writeFileSync(path.join(dir, 'src', 'pay.ts'), "export const apiUrl = 'http://shop.io/v1';\n");
    assert.strictEqual((await cli(['scan', '--fail-on', 'error'], dir)).code, 0);
    assert.strictEqual((await cli(['scan', '--fail-on', 'warning'], dir)).code, 1);
  });
});
