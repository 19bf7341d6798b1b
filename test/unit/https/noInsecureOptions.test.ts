import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../../harness/paths';

/**
 * No option anywhere turns certificate validation off: there is no code path with
 * rejectUnauthorized false, and nothing sets NODE_TLS_REJECT_UNAUTHORIZED. The rules folder is
 * left out: detecting these patterns in users' code is what it does.
 */
const rulesDir = path.join(repoRoot, 'src', 'core', 'rules');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === rulesDir ? [] : sources(full);
    return /\.(ts|js|json)$/.test(entry.name) ? [full] : [];
  });
}

describe('no code path weakens TLS validation', () => {
  const files = sources(path.join(repoRoot, 'src'));

  it('scans the sources (not vacuously)', () => {
    const client = files.find((f) => f.endsWith(path.join('core', 'https', 'client.ts')));
    assert.ok(client, 'client.ts is scanned');
    const text = fs.readFileSync(client!, 'utf8');
    assert.match(text, /rejectUnauthorized: true,/);
    assert.match(text, /minVersion: 'TLSv1\.2',/);
    assert.ok(!files.some((f) => f.startsWith(rulesDir)));
  });

  it('rejectUnauthorized appears only as `: true`; NODE_TLS_REJECT_UNAUTHORIZED, lower minVersion, maxVersion and SECLEVEL never', () => {
    const problems: string[] = [];
    for (const file of files) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        // Comments may explain these settings; code may not use them.
        if (/^\s*(\/\/|\/?\*)/.test(line)) return;
        const where = `${path.relative(repoRoot, file)}:${i + 1}: ${line.trim()}`;
        for (const match of line.matchAll(/rejectUnauthorized/g)) {
          const after = line.slice(match.index! + 'rejectUnauthorized'.length);
          if (!/^\s*:\s*true\b/.test(after)) problems.push(where);
        }
        if (/NODE_TLS_REJECT_UNAUTHORIZED|@SECLEVEL|maxVersion|minVersion:\s*['"]TLSv1(\.[01])?['"]|secureProtocol|SSL_OP_NO_TLSv1_2/.test(line)) problems.push(where);
      });
    }
    assert.deepStrictEqual(problems, []);
  });
});
