import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { neverCancelled } from '../../../src/core/cancellation';
import type { LanguageId } from '../../../src/core/languages';
import type { SyntaxNode } from '../../../src/core/parsing/treeSitter';
import { allRules } from '../../../src/core/rules/catalogue';
import { analyzer, findingsFor, treeSitter } from '../helpers';
import {
  expandAll,
  expandProgram,
  loadSnippets,
  requiredPrefixes,
  snippetFiles,
  snippetNeeds,
  type Snippet,
  type SnippetLanguage,
} from './catalogue';
import { tabStops } from './expand';
import { typeStubs } from './typeStubs';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const languages = Object.keys(snippetFiles) as SnippetLanguage[];
const keyLike = /ucp_(live|test|whsec)_[A-Za-z0-9]{32}/;

/** Where a snippet's expansion is written and analysed: server code in a project. */
function fileFor(snippet: Snippet, extension: string): string {
  return `src/${snippet.prefix}${extension}`;
}

function syntaxErrors(node: SyntaxNode, text: string, found: string[] = []): string[] {
  if (node.isError || node.isMissing) {
    const line = text.slice(0, node.startIndex).split('\n').length;
    found.push(`${node.isMissing ? `MISSING ${node.type}` : 'ERROR'} at line ${line}: ${text.split('\n')[line - 1]?.trim()}`);
  }
  if (node.hasError) {
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (child) {
        syntaxErrors(child, text, found);
      }
    }
  }
  return found;
}

async function treeSitterErrors(language: LanguageId, text: string): Promise<string[]> {
  const parsed = await treeSitter.parse(language, text);
  try {
    return syntaxErrors(parsed.tree.rootNode, text);
  } finally {
    parsed.tree.delete();
  }
}

function describeFindings(text: string, findings: Awaited<ReturnType<typeof findingsFor>>): string {
  const lines = text.split('\n');
  return findings.map((f) => `${f.ruleId} at line ${f.range.start.line + 1} (${lines[f.range.start.line]?.trim()}): ${f.message}`).join('\n');
}

function hasPython(): boolean {
  return spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('secure snippets', () => {
  let tmp: string;
  const snippets = Object.fromEntries(languages.map((language) => [language, loadSnippets(root, language)])) as Record<SnippetLanguage, Snippet[]>;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-snippets-'));
  });

  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('the contributed files', () => {
    it('are contributed for JavaScript, TypeScript (JSX/TSX too) and Python, and exist', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        contributes: { snippets?: Array<{ language: string; path: string }> };
      };
      const contributed = (manifest.contributes.snippets ?? []).map((s) => `${s.language} -> ${s.path}`).sort();
      const expected = languages.flatMap((language) => snippetFiles[language].editorLanguages.map((id) => `${id} -> ./${snippetFiles[language].file}`)).sort();
      assert.deepStrictEqual(contributed, expected);
      for (const language of languages) {
        assert.ok(fs.existsSync(path.join(root, snippetFiles[language].file)), snippetFiles[language].file);
      }
    });

    for (const language of languages) {
      it(`${language}: offers the whole checklist, each snippet well-formed, with a prefix that groups them and a description`, () => {
        const list = snippets[language];
        const prefixes = list.map((s) => s.prefix);
        assert.deepStrictEqual([...prefixes].sort(), [...requiredPrefixes[language]].sort());
        for (const snippet of list) {
          assert.match(snippet.prefix, /^ucanpay-[a-z0-9-]+$/, snippet.name);
          assert.match(snippet.name, /^UCanPay: /, snippet.name);
          assert.ok(snippet.description.length >= 60 && snippet.description.length <= 300, `${snippet.prefix}: a description that says what makes it secure`);
          assert.ok(Array.isArray(snippet.body) && snippet.body.every((line) => typeof line === 'string'), `${snippet.prefix}: body is an array of lines`);
          assert.ok(tabStops(snippet.body).length > 0, `${snippet.prefix}: has tab stops`);
          for (const needed of snippetNeeds[snippet.prefix] ?? []) {
            assert.ok(snippet.description.includes(`Needs ${needed}`), `${snippet.prefix}: the description says it needs ${needed}`);
          }
        }
      });
    }

    it('hold no key-shaped strings and no plain-HTTP URLs, and our engine reports nothing on the files themselves', async () => {
      for (const language of languages) {
        const file = snippetFiles[language].file;
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        assert.ok(!keyLike.test(text), `${file} holds a key-shaped string`);
        assert.ok(!/http:\/\//i.test(text), `${file} holds an http:// URL`);
        const findings = await findingsFor(file, text);
        assert.deepStrictEqual(findings, [], describeFindings(text, findings));
      }
    });
  });

  describe('JavaScript, expanded with every default', () => {
    const list = snippets.javascript;

    it('parses with tree-sitter (no ERROR or MISSING nodes) and passes node --check, each snippet and all in one file', async () => {
      const programs = [...list.map((s) => [s.prefix, expandProgram(list, s, `/workspace/${fileFor(s, '.js')}`)]), ['all snippets', expandAll(list, '/workspace/src/all.js')]];
      for (const [what, text] of programs) {
        assert.deepStrictEqual(await treeSitterErrors('javascript', text), [], what);
        const file = path.join(tmp, `${what.replace(/ /g, '-')}.js`);
        fs.writeFileSync(file, text);
        const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
        assert.strictEqual(check.status, 0, `${what}: node --check\n${check.stderr}`);
      }
    });

    it('our engine reports nothing on any snippet (.js and .jsx)', async () => {
      for (const snippet of list) {
        for (const extension of ['.js', '.jsx']) {
          const text = expandProgram(list, snippet, `/workspace/${fileFor(snippet, extension)}`);
          const findings = await findingsFor(fileFor(snippet, extension), text);
          assert.deepStrictEqual(findings, [], `${snippet.prefix}${extension}:\n${describeFindings(text, findings)}`);
        }
      }
      const all = expandAll(list, '/workspace/src/all.js');
      assert.deepStrictEqual(await findingsFor('src/all.js', all), []);
    });
  });

  describe('TypeScript, expanded with every default', () => {
    const list = snippets.typescript;

    it('parses with tree-sitter as TypeScript and as TSX (no ERROR or MISSING nodes)', async () => {
      for (const snippet of list) {
        const text = expandProgram(list, snippet, `/workspace/${fileFor(snippet, '.ts')}`);
        assert.deepStrictEqual(await treeSitterErrors('typescript', text), [], `${snippet.prefix}.ts`);
        assert.deepStrictEqual(await treeSitterErrors('tsx', text), [], `${snippet.prefix}.tsx`);
      }
    });

    for (const [label, moduleOptions] of [
      ['CommonJS', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true }],
      ['NodeNext', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
    ] as const) {
      it(`type-checks under strict settings (${label}), each snippet and all in one file, with @types/node and @types/express`, function () {
        this.timeout(120_000);
        const dir = path.join(tmp, `ts-${label}`);
        const stubs = path.join(dir, 'types');
        fs.mkdirSync(stubs, { recursive: true });
        const paths: Record<string, string[]> = {};
        for (const [name, declaration] of Object.entries(typeStubs)) {
          fs.mkdirSync(path.join(stubs, name), { recursive: true });
          fs.writeFileSync(path.join(stubs, name, 'index.d.ts'), declaration);
          paths[name] = [path.join(stubs, name, 'index.d.ts')];
        }
        paths['*'] = [path.join(root, 'node_modules', '@types', '*'), path.join(root, 'node_modules', '*')];
        const files: string[] = [];
        for (const snippet of list) {
          const file = path.join(dir, `${snippet.prefix}.ts`);
          // `export {}` keeps each file a module of its own, as a user's source file is.
          fs.writeFileSync(file, `${expandProgram(list, snippet, file)}\nexport {};\n`);
          files.push(file);
        }
        const allFile = path.join(dir, 'all.ts');
        fs.writeFileSync(allFile, `${expandAll(list, allFile)}\nexport {};\n`);
        files.push(allFile);
        const program = ts.createProgram(files, {
          ...moduleOptions,
          target: ts.ScriptTarget.ES2022,
          lib: ['lib.es2022.d.ts'],
          strict: true,
          noImplicitReturns: true,
          noImplicitOverride: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noFallthroughCasesInSwitch: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules', '@types')],
          paths,
        });
        const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
          const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
          return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        });
        assert.deepStrictEqual(diagnostics, []);
      });
    }

    it('our engine reports nothing on any snippet (.ts and .tsx)', async () => {
      for (const snippet of list) {
        for (const extension of ['.ts', '.tsx']) {
          const text = expandProgram(list, snippet, `/workspace/${fileFor(snippet, extension)}`);
          const findings = await findingsFor(fileFor(snippet, extension), text);
          assert.deepStrictEqual(findings, [], `${snippet.prefix}${extension}:\n${describeFindings(text, findings)}`);
        }
      }
      assert.deepStrictEqual(await findingsFor('src/all.ts', expandAll(list, '/workspace/src/all.ts')), []);
    });
  });

  describe('Python, expanded with every default', () => {
    const list = snippets.python;

    it('compiles with python3 -m py_compile, each snippet and all in one file', function () {
      if (!hasPython()) {
        console.log('      note: python3 is not installed; the Python snippets were not compiled');
        this.skip();
      }
      const files = list.map((snippet) => {
        const file = path.join(tmp, `${snippet.prefix.replace(/-/g, '_')}.py`);
        fs.writeFileSync(file, expandProgram(list, snippet, file));
        return file;
      });
      const allFile = path.join(tmp, 'all_snippets.py');
      fs.writeFileSync(allFile, expandAll(list, allFile));
      // One interpreter for all files (py_compile takes several and fails if any does not compile).
      const result = spawnSync('python3', ['-m', 'py_compile', ...files, allFile], {
        encoding: 'utf8',
        env: { ...process.env, PYTHONPYCACHEPREFIX: path.join(tmp, 'pycache') },
      });
      assert.strictEqual(result.status, 0, `python3 -m py_compile\n${result.stderr}`);
    });

    const pythonRules = allRules.filter((rule) => (rule.languages as readonly string[]).includes('python'));
    if (pythonRules.length === 0) {
      // Said out loud in the test report (as pending), rather than passing on a file the engine skips.
      it.skip('engine checks Python snippets — no Python rules yet (the engine skips .py files as an unsupported file type)');
    } else {
      it('our engine reports nothing on any Python snippet', async () => {
        for (const snippet of list) {
          const text = expandProgram(list, snippet, `/workspace/${fileFor(snippet, '.py')}`);
          const result = await analyzer.analyze({ path: fileFor(snippet, '.py'), text }, {}, neverCancelled);
          assert.strictEqual(result.skipped, undefined, `${snippet.prefix}.py was not analysed: ${result.skipped}`);
          assert.deepStrictEqual(result.findings, [], `${snippet.prefix}.py:\n${describeFindings(text, [...result.findings])}`);
        }
      });
    }

    it('is, today, a file type the engine skips (so the pending test above is accurate)', async () => {
      const result = await analyzer.analyze({ path: 'src/app.py', text: 'import os\n' }, {}, neverCancelled);
      assert.strictEqual(result.skipped === 'unsupported file type', pythonRules.length === 0);
    });
  });

  describe('the README', () => {
    it('lists every snippet prefix in the "Secure snippets" table, with what it protects against', () => {
      const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
      const start = readme.indexOf('\n## Secure snippets\n');
      assert.ok(start >= 0, 'a "## Secure snippets" section');
      const end = readme.indexOf('\n## ', start + 1);
      const section = readme.slice(start, end < 0 ? undefined : end);
      const listed = new Set([...section.matchAll(/^\| `(ucanpay-[a-z0-9-]+)` \|/gm)].map((m) => m[1]));
      const offered = new Set(languages.flatMap((language) => snippets[language].map((s) => s.prefix)));
      assert.deepStrictEqual([...listed].sort(), [...offered].sort());
      assert.ok(readme.indexOf('\n## Rules\n') < start, 'the section comes after "Rules"');
    });
  });
});
