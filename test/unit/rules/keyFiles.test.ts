import * as assert from 'assert';
import fc from 'fast-check';
import type { TextKind } from '../../../src/core/files/fileKinds';
import { configEntries } from '../../../src/core/rules/keys/entries';
import { dotenvRole, isLockfile } from '../../../src/core/rules/keys/fileRoles';
import type { TextContext, TextLine } from '../../../src/core/rules/rule';
import * as Jsonc from 'jsonc-parser';
import { findingsFor } from '../helpers';

function textContext(kind: TextKind, text: string, path = 'x', gitTracked?: boolean): TextContext {
  const lines: TextLine[] = [];
  let offset = 0;
  text.split('\n').forEach((line, number) => {
    lines.push({ number, offset, text: line });
    offset += line.length + 1;
  });
  return {
    kind,
    text,
    path,
    facts: gitTracked === undefined ? {} : { gitTracked },
    options: { allowedHttpHosts: [] },
    lines: undefined as never,
    report: () => undefined,
    textLines: () => lines,
    jsonTree: () => Jsonc.parseTree(text, [], { allowTrailingComma: true, disallowComments: false }),
  };
}

describe('key rules: file roles and settings', () => {
  it('tells tracked, template and local dotenv files apart', () => {
    assert.strictEqual(dotenvRole(textContext('dotenv', '', '.env', true)), 'tracked');
    assert.strictEqual(dotenvRole(textContext('dotenv', '', '.env.example')), 'template');
    assert.strictEqual(dotenvRole(textContext('dotenv', '', 'config/.env.sample', false)), 'template');
    assert.strictEqual(dotenvRole(textContext('dotenv', '', 'example.env')), 'template');
    assert.strictEqual(dotenvRole(textContext('dotenv', '', '.env.local', false)), 'local');
    assert.strictEqual(dotenvRole(textContext('dotenv', '', '.env.production')), 'local');
    assert.strictEqual(dotenvRole(textContext('dotenv', '', 'README.md', true)), undefined);
    assert.strictEqual(dotenvRole(textContext('yaml', '', 'app.yaml', true)), undefined);
  });

  it('knows lockfiles', () => {
    assert.ok(isLockfile('web/package-lock.json'));
    assert.ok(isLockfile('pnpm-lock.yaml'));
    assert.ok(!isLockfile('package.json'));
  });

  it('reads settings of every kind, with the offsets of names and values', () => {
    const cases: Array<[TextKind, string, Array<[string, string]>]> = [
      ['dotenv', 'A=1\nexport B="two words" # c\n# C=3\nD=x # comment\nE=\'q\'', [['A', '1'], ['B', 'two words'], ['D', 'x'], ['E', 'q']]],
      ['shell', 'export A=1 && run\nlocal B="x y"\nC=$(cmd)\necho D=4', [['A', '1'], ['B', 'x y'], ['C', '$(cmd)']]],
      ['properties', 'a.b=1\nc: 2\n# d=3\n[section]\ne = "five"\n//registry.npmjs.org/:_authToken=t', [['a.b', '1'], ['c', '2'], ['e', 'five'], ['//registry.npmjs.org/:_authToken', 't']]],
      ['yaml', 'a: 1\n  b: "two" # c\n- c: x\nd: |\n  e: f\ng: &anchor x\n"h": i', [['a', '1'], ['b', 'two'], ['c', 'x'], ['e', 'f'], ['h', 'i']]],
      // docker-compose's environment list; `- --flag=x` is an argument, not a setting.
      ['yaml', 'env:\n  - A=1\n  - "B=two" \n  - C=x # c\n  - --d=4\n  - E: 5', [['A', '1'], ['B', 'two'], ['C', 'x'], ['E', '5']]],
      ['dockerfile', 'ENV A=1 B="two words"\nARG C\nENV D legacy value\nRUN E=5', [['A', '1'], ['B', 'two words'], ['D', 'legacy value']]],
      ['json', '{ "a": "1", "b": { "c": "2" }, "d": 3, "e": ["x"] }', [['a', '1'], ['c', '2']]],
    ];
    for (const [kind, text, expected] of cases) {
      const entries = configEntries(textContext(kind, text));
      assert.deepStrictEqual(entries.map((e) => [e.name, e.value]), expected, kind);
      for (const entry of entries) {
        assert.strictEqual(text.slice(entry.valueStart, entry.valueEnd), entry.value, `${kind} ${entry.name}`);
        assert.strictEqual(text.slice(entry.nameStart, entry.nameEnd).replace(/^["']|["']$/g, ''), entry.name, `${kind} ${entry.name}`);
      }
    }
  });
});

describe('key and compliance rules on odd input', () => {
  const fragment = fc.constantFrom(
    'ucp_live_', 'ucp_test_', 'FAKEFAKEFAKEFAKE0000000000000001', '?', '&', '=', '${', '}', '`', "'", '"', ':', '@', '://',
    'https://api.ucanpay.com/v1?api_key=', '<script>', '</script>', '```js\n', '```\n', '\n', '\r\n', ' ', '4242', '4539 5260 ',
    'process.env.', 'import.meta.env.', 'NEXT_PUBLIC_UCANPAY_SECRET_KEY', 'apiKey', ' = ', "'use client';\n", 'const a', '(', ')',
    '{', '[', '/', '\\', '#', 'ENV ', 'export ', '- ', '\uD800', '💳', 'password: ', 'token=', 'x'.repeat(40),
  );
  const paths = ['a.js', 'public/a.ts', 'a.tsx', '.env', '.env.example', 'a.json', 'a.yaml', 'a.properties', 'Dockerfile', 'a.sh', 'a.md', 'a.html'];
  it('never throws, in any file kind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 40 }), fc.constantFrom(...paths), fc.boolean(), async (parts, path, gitTracked) => {
        // findingsFor throws when a rule threw.
        await findingsFor(path, parts.join(''), {}, { gitTracked });
      }),
      { numRuns: 300 },
    );
  });
});
