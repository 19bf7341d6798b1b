import * as assert from 'assert';
import * as fs from 'fs';
import * as yauzl from 'yauzl';
import grammarFiles from '../../src/core/parsing/grammars.json';

interface Entry {
  readonly name: string;
  readonly content: Buffer;
}

function readVsix(file: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        reject(error ?? new Error('cannot open'));
        return;
      }
      const entries: Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(streamError ?? new Error('cannot read'));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, content: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

// What a user needs, and nothing else (the same allow-list as .vscodeignore).
const allowed = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/grammars\/[a-z-]+\.wasm$/,
  /^extension\/snippets\/[a-z-]+\.json$/,
  /^extension\/schemas\/ucanpay\.schema\.json$/,
  /^extension\/media\/icon\.png$/,
  /^extension\/node_modules\/keytar\/(package\.json|LICENSE\.md|lib\/keytar\.js|build\/Release\/keytar\.node)$/,
];

const keyShaped = /ucp_(?:live|test|whsec)_([A-Za-z0-9]{32})/g;

/** A key-shaped string that could be a real key: not a placeholder like ucp_test_xxxx… (which rules use to recognise placeholders). */
function keyLike(text: string): boolean {
  return [...text.matchAll(keyShaped)].some(([, body]) => new Set(body).size >= 10 && /\d/.test(body) && /[A-Za-z]/.test(body));
}

describe('the packaged .vsix', () => {
  let entries: Entry[];
  // The manifest is JSON we check field by field; a full type would only restate package.json.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let manifest: Record<string, any>;

  before(async () => {
    const vsix = process.env.UCANPAY_VSIX;
    assert.ok(vsix && fs.existsSync(vsix), `UCANPAY_VSIX must name the packaged extension (got ${vsix})`);
    entries = await readVsix(vsix);
    const packageJson = entries.find((e) => e.name === 'extension/package.json');
    assert.ok(packageJson);
    manifest = JSON.parse(packageJson.content.toString('utf8'));
  });

  it('holds the bundle, every grammar it loads, media, README, CHANGELOG and LICENSE', () => {
    const names = new Set(entries.map((e) => e.name));
    const required = [
      'extension/dist/extension.js',
      'extension/media/icon.png',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/node_modules/keytar/build/Release/keytar.node',
      ...[grammarFiles.runtime, ...Object.values(grammarFiles.grammars)].map((f) => `extension/dist/grammars/${f}`),
    ];
    for (const name of required) {
      assert.ok(names.has(name), `${name} is in the package`);
    }
  });

  it('holds every snippet file the manifest contributes', () => {
    const names = new Set(entries.map((e) => e.name));
    for (const snippet of (manifest.contributes.snippets ?? []) as Array<{ path: string }>) {
      assert.ok(names.has(`extension/${snippet.path.replace(/^\.\//, '')}`), snippet.path);
    }
  });

  it('holds nothing else: no sources, tests, source maps, .env files or build tooling', () => {
    const unexpected = entries.map((e) => e.name).filter((name) => !allowed.some((pattern) => pattern.test(name)));
    assert.deepStrictEqual(unexpected, []);
    assert.ok(!entries.some((e) => /\.(ts|map)$|(^|\/)\.env|\/src\/|\/test\//.test(e.name)));
  });

  it('contains no key-looking strings in any file', () => {
    const hits = entries.filter((e) => keyLike(e.content.toString('latin1'))).map((e) => e.name);
    assert.deepStrictEqual(hits, []);
  });

  it('declares what the Marketplace needs and what VS Code 1.100 (code-server 4.100) accepts', () => {
    assert.strictEqual(manifest.publisher, 'ucanpay');
    assert.strictEqual(manifest.displayName, 'UCanPay Secure');
    assert.strictEqual(manifest.engines.vscode, '^1.100.0');
    assert.ok(manifest.icon && manifest.categories.length && manifest.keywords.length && manifest.repository && manifest.license);
    assert.ok(manifest.capabilities.untrustedWorkspaces.description, 'a reason for restricted mode');
  });

  it('activates lazily: on supported languages and its commands, never at startup', () => {
    const events: string[] = manifest.activationEvents;
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
    assert.ok(events.every((e) => e.startsWith('onLanguage:') || e.startsWith('onCommand:') || e.startsWith('workspaceContains:')));
    for (const command of manifest.contributes.commands as Array<{ category: string }>) {
      assert.strictEqual(command.category, 'UCanPay');
    }
  });
});
