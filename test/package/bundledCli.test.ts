import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../harness/paths';

describe('the bundled CLI (dist/cli.js)', () => {
  it('runs standalone with the grammars beside it, and exits 1 on a finding', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-bundle-'));
    try {
      fs.writeFileSync(path.join(dir, 'pay.js'), "fetch('http://api.ucanpay.com/v1/ping');\n");
      const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'scan', dir], {
        encoding: 'utf8',
        env: { ...process.env, UCANPAY_WASM_DIR: '' },
      });
      assert.strictEqual(result.status, 1, result.stderr);
      assert.match(result.stdout, /pay\.js:1:8 {2}error .*\[plain-http-url\]/);
      // Worker threads load dist/scanWorker.js from beside the CLI.
      const parallel = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'scan', dir, '--jobs', '2'], {
        encoding: 'utf8',
        env: { ...process.env, UCANPAY_WASM_DIR: '' },
      });
      assert.strictEqual(parallel.status, 1, parallel.stderr);
      assert.strictEqual(parallel.stdout, result.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
