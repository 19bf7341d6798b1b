import * as assert from 'assert';
import { isUcanpaySecretName, sideOfPath } from '../../../src/core/rules/keys/clientSide';
import { findingsFor } from '../helpers';
import { fakeKey } from './fakeSecrets';

const rule = 'key-in-client-code';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const live = fakeKey('live');
const test = fakeKey('test');
const whsec = fakeKey('whsec');

const flagged: Array<[string, string, string, string[]]> = [
  ['key literal in public/', 'public/js/pay.js', `UCanPay('${live}');`, [live]],
  ['key literal in static/', 'static/app.js', `const k = "${test}";`, [test]],
  ['key literal in www/', 'www/main.js', `const k = '${live}';`, [live]],
  ['key literal in client/', 'client/src/api.ts', `export const k = '${live}';`, [live]],
  ['key literal in frontend/', 'frontend/src/pay.ts', `// ${live}\nexport {};`, [live]],
  ['key literal in src/components/', 'src/components/Pay.tsx', `export const P = () => <Pay k="${whsec}" />;`, [whsec]],
  ["'use client' module", 'app/checkout/page.tsx', `'use client';\nconst k = '${live}';`, [live]],
  ["'use client' after a comment", 'pages/pay.tsx', `// Checkout\n"use client";\nconst k = '${live}';`, [live]],
  ['process.env secret in client code', 'public/pay.js', 'const k = process.env.UCANPAY_SECRET_KEY;', ['process.env.UCANPAY_SECRET_KEY']],
  ['subscript read', 'client/pay.ts', "const k = process.env['UCANPAY_API_KEY'];", ["process.env['UCANPAY_API_KEY']"]],
  ['import.meta.env', 'src/components/Pay.tsx', 'const k = import.meta.env.VITE_UCANPAY_KEY;', ['import.meta.env.VITE_UCANPAY_KEY']],
  ['destructuring', 'client/pay.ts', 'const { UCANPAY_API_KEY, MODE } = import.meta.env;', ['UCANPAY_API_KEY']],
  ['renamed destructuring', 'client/pay.ts', 'const { UCANPAY_API_KEY: key } = process.env;', ['UCANPAY_API_KEY']],
  ['NEXT_PUBLIC_ secret anywhere but server code', 'lib/ucanpay.ts', 'export const k = process.env.NEXT_PUBLIC_UCANPAY_SECRET_KEY;', ['process.env.NEXT_PUBLIC_UCANPAY_SECRET_KEY']],
  ['VITE_ secret in a neutral file', 'src/config.js', 'export default { key: import.meta.env.VITE_UCANPAY_API_KEY };', ['import.meta.env.VITE_UCANPAY_API_KEY']],
  ['REACT_APP_ secret', 'src/config.js', 'const k = process.env.REACT_APP_UCANPAY_TOKEN;', ['process.env.REACT_APP_UCANPAY_TOKEN']],
  ['HTML inline script key', 'index.html', `<script>\n  UCanPay('${live}');\n</script>`, [live]],
  ['Vue script', 'src/Pay.vue', `<template><b/></template>\n<script setup>\nconst k = '${test}';\n</script>`, [test]],
  ['HTML script env read', 'index.html', '<script type="module">const k = import.meta.env.VITE_UCANPAY_SECRET;</script>', ['import.meta.env.VITE_UCANPAY_SECRET']],
  ['public folder inside a server folder (served as it is)', 'server/public/pay.js', 'const k = process.env.UCANPAY_SECRET_KEY;', ['process.env.UCANPAY_SECRET_KEY']],
  ['dotenv exposed secret name', '.env', 'NEXT_PUBLIC_UCANPAY_SECRET_KEY=\n', ['NEXT_PUBLIC_UCANPAY_SECRET_KEY']],
  ['dotenv exposed name with a key value', '.env.local', `VITE_CHECKOUT=${live}\n`, ['VITE_CHECKOUT']],
  ['dotenv export', '.env', 'export EXPO_PUBLIC_UCANPAY_API_KEY=abc\n', ['EXPO_PUBLIC_UCANPAY_API_KEY']],
  ['dotenv PUBLIC_ (SvelteKit, Astro)', '.env', 'PUBLIC_UCANPAY_KEY=abc\n', ['PUBLIC_UCANPAY_KEY']],
];

const quiet: Array<[string, string, string]> = [
  ['publishable key by name', 'public/pay.js', 'const k = process.env.UCANPAY_PUBLISHABLE_KEY;'],
  ['NEXT_PUBLIC_ publishable key', 'src/components/Pay.tsx', 'const k = process.env.NEXT_PUBLIC_UCANPAY_PUBLISHABLE_KEY;'],
  ['VITE_ public key', 'client/pay.ts', 'const k = import.meta.env.VITE_UCANPAY_PUBLIC_KEY;'],
  ['key id', 'public/pay.js', 'const id = process.env.UCANPAY_KEY_ID;'],
  ['URL', 'public/pay.js', 'const url = process.env.UCANPAY_API_URL;'],
  ['other service', 'public/pay.js', 'const k = process.env.MAPS_API_KEY;'],
  ['pages/api route', 'pages/api/pay.ts', `const k = process.env.UCANPAY_SECRET_KEY; const l = '${live}';`],
  ['app/api route', 'app/api/pay/route.ts', 'const k = process.env.NEXT_PUBLIC_UCANPAY_SECRET_KEY;'],
  ['server folder', 'src/server/pay.ts', 'const k = process.env.NEXT_PUBLIC_UCANPAY_SECRET_KEY;'],
  ['server folder inside a client folder', 'client/server/db.ts', 'const k = process.env.UCANPAY_SECRET_KEY;'],
  ['.server.ts', 'app/pay.server.ts', 'const k = process.env.UCANPAY_SECRET_KEY;'],
  ["'use server'", 'src/components/actions.ts', "'use server';\nconst k = process.env.UCANPAY_SECRET_KEY;"],
  ['unprefixed secret in a neutral file', 'lib/pay.ts', 'const k = process.env.UCANPAY_SECRET_KEY;'],
  ['key literal in a neutral file (ucanpay-key-in-code reports it)', 'lib/pay.ts', `const k = '${live}';`],
  ["'use client' not in the prologue", 'app/page.tsx', `const x = 1;\n'use client';\nconst k = process.env.UCANPAY_SECRET_KEY;`],
  ['HTML outside a script', 'index.html', `<p>${live}</p>`],
  ['HTML script comment', 'index.html', '<script>\n// use process.env.UCANPAY_SECRET_KEY on the server\n</script>'],
  ['dotenv unprefixed secret', '.env', 'UCANPAY_SECRET_KEY=abc\n'],
  ['dotenv exposed publishable key', '.env', 'NEXT_PUBLIC_UCANPAY_PUBLISHABLE_KEY=abc\n'],
  ['dotenv exposed name with a placeholder value', '.env', `VITE_CHECKOUT=ucp_test_${'x'.repeat(32)}\n`],
  ['dotenv exposed URL', '.env', 'NEXT_PUBLIC_UCANPAY_API_URL=https://sandbox.ucanpay.com/v1\n'],
];

describe('rule key-in-client-code', () => {
  for (const [title, path, text, expected] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), expected);
    });
  }

  for (const [title, path, text] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  it('is an error for live keys and webhook secrets, a warning for test keys', async () => {
    const text = `const a = '${live}'; const b = '${test}'; const c = '${whsec}';`;
    assert.deepStrictEqual((await ruleFindings('public/a.js', text)).map((f) => f.severity), ['error', 'warning', 'error']);
  });

  it('masks keys and names the prefix in its messages', async () => {
    const [literal] = await ruleFindings('public/a.js', `const a = '${live}';`);
    assert.ok(literal.message.includes(`ucp_live_…${live.slice(-4)}`) && !literal.message.includes(live));
    const [exposed] = await ruleFindings('lib/a.ts', 'const k = process.env.NEXT_PUBLIC_UCANPAY_SECRET_KEY;');
    assert.match(exposed.message, /NEXT_PUBLIC_/);
  });

  it('classifies paths and names', () => {
    assert.strictEqual(sideOfPath('public/a.js'), 'client');
    assert.strictEqual(sideOfPath('web/src/components/A.tsx'), 'client');
    assert.strictEqual(sideOfPath('components/A.tsx'), 'unknown');
    assert.strictEqual(sideOfPath('pages/api/a.ts'), 'server');
    assert.strictEqual(sideOfPath('api/a.ts'), 'unknown');
    assert.strictEqual(sideOfPath('public.js'), 'unknown');
    assert.ok(isUcanpaySecretName('NEXT_PUBLIC_UCANPAY_SECRET_KEY'));
    assert.ok(isUcanpaySecretName('ucanpayApiKey'.toUpperCase()));
    assert.ok(!isUcanpaySecretName('NEXT_PUBLIC_UCANPAY_PUBLISHABLE_KEY'));
    assert.ok(!isUcanpaySecretName('STRIPE_SECRET_KEY'));
  });
});
