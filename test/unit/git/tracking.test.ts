import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gitTrackedFiles, isGitTracked } from '../../../src/core/git/tracking';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

describe('git tracking', () => {
  let root: string;
  let outside: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-git-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-nogit-'));
    git(root, 'init', '-q');
    git(root, 'config', 'user.email', 'tests@ucanpay.invalid');
    git(root, 'config', 'user.name', 'UCanPay Secure tests');
    fs.mkdirSync(path.join(root, 'config'));
    fs.mkdirSync(path.join(root, 'notes dir'));
    fs.writeFileSync(path.join(root, '.env'), 'PORT=3000\n');
    fs.writeFileSync(path.join(root, 'config', '.env.production'), 'PORT=80\n');
    fs.writeFileSync(path.join(root, 'notes dir', 'clé *.md'), 'x\n');
    fs.writeFileSync(path.join(root, '.gitignore'), '.env.local\n');
    fs.writeFileSync(path.join(root, '.env.local'), 'PORT=3001\n');
    fs.writeFileSync(path.join(root, 'untracked.env'), 'PORT=3002\n');
    git(root, 'add', '.env', 'config/.env.production', 'notes dir', '.gitignore');
    git(root, 'commit', '-q', '-m', 'fixture');
    // Staged but not committed counts as tracked: the next commit will hold it.
    fs.writeFileSync(path.join(root, 'staged.env'), 'PORT=3003\n');
    git(root, 'add', 'staged.env');
  });

  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('lists the tracked files relative to the root, with forward slashes', async () => {
    const files = await gitTrackedFiles(root);
    assert.ok(files);
    assert.deepStrictEqual([...files].sort(), ['.env', '.gitignore', 'config/.env.production', 'notes dir/clé *.md', 'staged.env']);
  });

  it('lists paths relative to a sub-folder when the root is one', async () => {
    const files = await gitTrackedFiles(path.join(root, 'config'));
    assert.deepStrictEqual(files && [...files], ['.env.production']);
  });

  it('answers for single files', async () => {
    assert.strictEqual(await isGitTracked(root, '.env'), true);
    assert.strictEqual(await isGitTracked(root, 'config\\.env.production'), true);
    assert.strictEqual(await isGitTracked(root, './staged.env'), true);
    assert.strictEqual(await isGitTracked(root, 'notes dir/clé *.md'), true);
    assert.strictEqual(await isGitTracked(root, '.env.local'), false);
    assert.strictEqual(await isGitTracked(root, 'untracked.env'), false);
    assert.strictEqual(await isGitTracked(root, 'missing.env'), false);
    // A pathspec is a literal name, not a glob: `*.env` matches no file of that name.
    assert.strictEqual(await isGitTracked(root, '*.env'), false);
    // A folder is not a tracked file.
    assert.strictEqual(await isGitTracked(root, 'config'), false);
  });

  it('answers undefined outside a repository', async () => {
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(outside);
    try {
      assert.strictEqual(await gitTrackedFiles(outside), undefined);
      assert.strictEqual(await isGitTracked(outside, '.env'), undefined);
    } finally {
      delete process.env.GIT_CEILING_DIRECTORIES;
    }
  });

  it('answers undefined for a folder that does not exist, or a path outside the root', async () => {
    assert.strictEqual(await gitTrackedFiles(path.join(outside, 'missing')), undefined);
    assert.strictEqual(await isGitTracked(root, '../elsewhere/.env'), undefined);
    assert.strictEqual(await isGitTracked(root, ''), undefined);
  });

  it('answers undefined when git cannot be run', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = outside;
    try {
      assert.strictEqual(await gitTrackedFiles(root), undefined);
      assert.strictEqual(await isGitTracked(root, '.env'), undefined);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
