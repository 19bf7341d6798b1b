import * as assert from 'assert';
import { applyEdits, findingsFor } from '../helpers';
import { fakeKey } from './fakeSecrets';

const rule = 'ucanpay-key-in-code';

async function ruleFindings(path: string, text: string, gitTracked?: boolean) {
  return (await findingsFor(path, text, {}, gitTracked === undefined ? {} : { gitTracked })).filter((f) => f.ruleId === rule);
}

const live = fakeKey('live');
const test = fakeKey('test');
const whsec = fakeKey('whsec');

/** Each case: title, path, text, and the texts the rule must flag (in order). */
const flagged: Array<[string, string, string, string[]]> = [
  ['string argument', 'src/pay.js', `new UCanPay('${live}');`, [live]],
  ['double-quoted', 'src/pay.ts', `const key = "${test}";`, [test]],
  ['template string', 'src/pay.ts', `const key = \`${live}\`;`, [live]],
  ['inside a longer string', 'src/pay.js', `const header = 'Bearer ${live}';`, [live]],
  ['line comment', 'src/pay.js', `// old key: ${live}\nconst x = 1;`, [live]],
  ['block comment', 'src/pay.ts', `/* sandbox: ${test} */ export {};`, [test]],
  ['webhook secret', 'src/hooks.ts', `verify(body, sig, '${whsec}');`, [whsec]],
  ['JSX attribute', 'src/App.jsx', `const App = () => <Pay apiKey="${live}" />;`, [live]],
  ['JSX text', 'src/Help.tsx', `export const H = () => <p>${test}</p>;`, [test]],
  ['two keys', 'src/pay.js', `const keys = ['${live}', '${test}'];`, [live, test]],
  ['JSON', 'config/app.json', `{ "apiKey": "${live}" }`, [live]],
  ['YAML', 'config/app.yaml', `ucanpay:\n  key: ${test}\n`, [test]],
  ['properties', 'config/app.properties', `ucanpay.key=${live}\n`, [live]],
  ['Dockerfile', 'Dockerfile', `ENV UCANPAY_API_KEY=${live}\n`, [live]],
  ['shell', 'run.sh', `export UCANPAY_API_KEY=${live}\n`, [live]],
  ['Markdown prose', 'README.md', `Use the key ${test} for the demo.\n`, [test]],
  ['Markdown fence', 'README.md', `\`\`\`js\nnew UCanPay('${live}');\n\`\`\`\n`, [live]],
  ['HTML outside scripts', 'site/about.html', `<p>Key: ${live}</p>`, [live]],
  ['.env.example (a committed template)', '.env.example', `UCANPAY_API_KEY=${test}\n`, [test]],
  ['.env.sample', 'config/.env.sample', `UCANPAY_API_KEY=${live}\n`, [live]],
  ['live key in an untracked .env', '.env', `UCANPAY_API_KEY=${live}\n`, [live]],
  ['server route', 'pages/api/pay.ts', `const key = '${live}';`, [live]],
];

const quiet: Array<[string, string, string]> = [
  ['prefix alone', 'src/pay.js', "if (key.startsWith('ucp_live_')) {}"],
  ['key pattern', 'src/pay.js', 'const valid = /^ucp_(live|test)_[A-Za-z0-9]{32}$/.test(key);'],
  ['regex literal with a key in it', 'src/pay.js', `const re = /${live}/;`],
  ['one character short', 'src/pay.js', `const k = '${live.slice(0, -1)}';`],
  ['one character long', 'src/pay.js', `const k = '${live}Z';`],
  ['inside an identifier', 'src/pay.js', `const my_${live} = 1;`],
  ['x placeholder', 'src/pay.js', `const k = 'ucp_test_${'x'.repeat(32)}';`],
  ['zero placeholder', 'src/pay.js', `const k = 'ucp_live_${'0'.repeat(31)}1';`],
  ['word placeholder', 'src/pay.js', "const k = 'ucp_test_YOURKEYHERE0000000000000000000';"],
  ['sequence placeholder', 'src/pay.js', "const k = 'ucp_live_0123456789abcdef0123456789abcdef';"],
  ['angle-bracket placeholder', 'README.md', 'UCANPAY_API_KEY=<your key>'],
  ['environment', 'src/pay.ts', 'const ucanpay = new UCanPay(process.env.UCANPAY_API_KEY);'],
  ['test key in an untracked .env', '.env', `UCANPAY_API_KEY=${test}\n`],
  ['webhook secret in an untracked .env.local', '.env.local', `UCANPAY_WEBHOOK_SECRET=${whsec}\n`],
  ['tracked .env (key-in-tracked-file reports it)', '.env', `UCANPAY_API_KEY=${live}\n`],
  ['client-side file (key-in-client-code reports it)', 'public/app.js', `UCanPay('${live}');`],
  ["'use client' module", 'app/pay/page.tsx', `'use client';\nconst k = '${live}';`],
  ['HTML script (key-in-client-code reports it)', 'site/index.html', `<script>UCanPay('${live}')</script>`],
];

describe('rule ucanpay-key-in-code', () => {
  for (const [title, path, text, expected] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), expected);
    });
  }

  for (const [title, path, text] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      const tracked = title.startsWith('tracked');
      const findings = await ruleFindings(path, text, tracked ? true : undefined);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  it('is an error for live keys, a warning for test keys and webhook secrets', async () => {
    const text = `const a = '${live}'; const b = '${test}'; const c = '${whsec}';`;
    assert.deepStrictEqual((await ruleFindings('a.js', text)).map((f) => f.severity), ['error', 'warning', 'warning']);
  });

  it('reports a live key in an untracked .env as a warning only', async () => {
    const [finding] = await ruleFindings('.env', `UCANPAY_API_KEY=${live}\n`, false);
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /keychain/);
  });

  it('never shows the key in its message, only the masked form', async () => {
    const findings = await ruleFindings('a.js', `const a = '${live}'; // ${whsec}`);
    assert.strictEqual(findings.length, 2);
    for (const finding of findings) {
      assert.ok(!finding.message.includes(live.slice(9)) && !finding.message.includes(whsec.slice(10)), finding.message);
    }
    assert.ok(findings[0].message.includes(`ucp_live_…${live.slice(-4)}`));
    assert.ok(findings[1].message.includes(`ucp_whsec_…${whsec.slice(-4)}`));
  });

  it('offers a preferred fix that reads the key from the environment', async () => {
    const text = `const é = 1;\nconst ucanpay = new UCanPay('${live}', { timeout: 5000 });\n`;
    const [finding] = await ruleFindings('src/pay.ts', text);
    const [fix] = finding.fixes;
    assert.strictEqual(fix.title, 'Read the key from the environment (process.env.UCANPAY_API_KEY)');
    assert.strictEqual(fix.preferred, true);
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(fixed, "const é = 1;\nconst ucanpay = new UCanPay(process.env.UCANPAY_API_KEY, { timeout: 5000 });\n");
    assert.deepStrictEqual(await ruleFindings('src/pay.ts', fixed), []);
  });

  it('fixes a webhook secret with UCANPAY_WEBHOOK_SECRET, and template strings, object values and class fields', async () => {
    const cases: Array<[string, string]> = [
      [`const secret = \`${whsec}\`;`, 'const secret = process.env.UCANPAY_WEBHOOK_SECRET;'],
      [`const c = { apiKey: '${live}' };`, 'const c = { apiKey: process.env.UCANPAY_API_KEY };'],
      [`class C { key = '${test}'; }`, 'class C { key = process.env.UCANPAY_API_KEY; }'],
      [`const k = process.env.KEY ?? '${test}';`, 'const k = process.env.KEY ?? process.env.UCANPAY_API_KEY;'],
    ];
    for (const [text, expected] of cases) {
      const [finding] = await ruleFindings('a.ts', text);
      assert.strictEqual(applyEdits(text, finding.fixes[0].edits), expected);
    }
    const [webhook] = await ruleFindings('a.ts', cases[0][0]);
    assert.strictEqual(webhook.fixes[0].title, 'Read the secret from the environment (process.env.UCANPAY_WEBHOOK_SECRET)');
  });

  it('wraps the fix in braces in a JSX attribute', async () => {
    const text = `export const A = () => <Pay apiKey="${live}" />;`;
    const [finding] = await ruleFindings('a.tsx', text);
    assert.strictEqual(applyEdits(text, finding.fixes[0].edits), 'export const A = () => <Pay apiKey={process.env.UCANPAY_API_KEY} />;');
  });

  it('offers no fix where the literal is not a whole expression', async () => {
    const texts = [
      `const h = 'Bearer ${live}';`,
      `// ${live}`,
      `const m = { '${live}': true };`,
      `type K = '${live}';`,
      `import x from '${live}';`,
    ];
    for (const text of texts) {
      const findings = await ruleFindings('a.ts', text);
      assert.strictEqual(findings.length, 1, text);
      assert.deepStrictEqual(findings[0].fixes, [], text);
    }
  });

  it('reports a key in a Markdown fence once, with the exact range', async () => {
    const text = `# Setup\n\n\`\`\`js\nconst k = '${live}';\n\`\`\`\n`;
    const findings = await ruleFindings('README.md', text);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range.start, { line: 3, character: 11 });
  });
});
