import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findLeaks } from '../harness/leakScan';
import { generateKey } from './keys/generate';

describe('the leak scan used after the host and UI runs', () => {
  it('finds a planted key in a nested file (UTF-8 and UTF-16), and nothing in a clean tree', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-leak-'));
    try {
      const key = generateKey('live');
      fs.mkdirSync(path.join(root, 'User', 'globalStorage'), { recursive: true });
      fs.writeFileSync(path.join(root, 'User', 'settings.json'), '{ "ucanpay.environment": "live" }');
      assert.deepStrictEqual(findLeaks([root], [key]), []);
      fs.writeFileSync(path.join(root, 'User', 'globalStorage', 'state.vscdb'), Buffer.concat([Buffer.from('xx'), Buffer.from(key, 'utf16le')]));
      fs.writeFileSync(path.join(root, 'exthost.log'), `sent Authorization: Bearer ${key}\n`);
      assert.deepStrictEqual(findLeaks([root], [key]).sort(), [path.join(root, 'User', 'globalStorage', 'state.vscdb'), path.join(root, 'exthost.log')].sort());
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
