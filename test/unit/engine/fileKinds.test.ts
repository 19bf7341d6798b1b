import * as assert from 'assert';
import { fileKindForDocument, fileKindForPath, watchedEditorLanguageIds } from '../../../src/core/files/fileKinds';
import * as packageJson from '../../../package.json';

describe('file kinds', () => {
  const byPath: Array<[string, string | undefined]> = [
    ['src/app.ts', 'typescript'],
    ['src/types.d.ts', undefined],
    ['.env.production', 'dotenv'],
    ['config/app.yml', 'yaml'],
    ['Dockerfile.dev', 'dockerfile'],
    ['.npmrc', 'properties'],
    ['db/migrations/001_init.sql', 'sql'],
    ['prisma/schema.prisma', 'prisma'],
    ['docs/readme.txt', undefined],
  ];
  for (const [path, kind] of byPath) {
    it(`reads ${path} as ${kind ?? 'nothing'}`, () => {
      assert.strictEqual(fileKindForPath(path), kind);
    });
  }

  it('takes the path over the editor language, and the language for untitled documents', () => {
    assert.strictEqual(fileKindForDocument('plaintext', '/w/schema.prisma'), 'prisma');
    assert.strictEqual(fileKindForDocument('sql', '/Untitled-1'), 'sql');
    assert.strictEqual(fileKindForDocument('plaintext', '/Untitled-1'), undefined);
  });

  it('activates the extension on every editor language it reads', () => {
    const events = new Set(packageJson.activationEvents);
    for (const id of watchedEditorLanguageIds) {
      assert.ok(events.has(`onLanguage:${id}`), `onLanguage:${id} is missing from package.json`);
    }
  });
});
