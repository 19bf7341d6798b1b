import * as assert from 'assert';
import { findingsFor } from '../helpers';
import { fakeKey, fakeSecret } from './fakeSecrets';

const rule = 'key-in-url';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const live = fakeKey('live');
const test = fakeKey('test');
const secret = fakeSecret(24);

/** title, path, text, flagged texts, severities */
const flagged: Array<[string, string, string, string[], string[]]> = [
  ['UCanPay env in a template', 'a.js', 'fetch(`https://api.ucanpay.com/v1/account?api_key=${process.env.UCANPAY_API_KEY}`);', ['api_key=${process.env.UCANPAY_API_KEY}'], ['error']],
  ['UCanPay key literal in any parameter', 'a.ts', `fetch('https://api.ucanpay.com/v1/ping?auth=${live}');`, [`auth=${live}`], ['error']],
  ['UCanPay key in the user-info part', 'a.ts', `const u = 'https://${live}:@api.ucanpay.com/v1';`, [live], ['error']],
  ['UCanPay key as a user-info password', 'a.js', `const u = \`https://merchant:${test}@api.ucanpay.com/v1\`;`, [test], ['error']],
  ['UCanPay variable under any parameter name', 'a.js', 'fetch(`https://hooks.shop.io/in?k=${UCANPAY_WEBHOOK_SECRET}`);', ['k=${UCANPAY_WEBHOOK_SECRET}'], ['error']],
  ['concatenation', 'a.js', "fetch('https://api.shop.io/v1/me?access_token=' + token);", ["access_token=' + token"], ['warning']],
  ['concatenation in a chain', 'a.js', "const u = base + '/v1/me?api_key=' + apiKey + '&format=json';", ["api_key=' + apiKey"], ['warning']],
  ['encoded credential', 'a.ts', 'const u = `https://api.shop.io/x?client_secret=${encodeURIComponent(clientSecret)}`;', ['client_secret=${encodeURIComponent(clientSecret)}'], ['warning']],
  ['credential parameter with any expression', 'a.ts', 'const u = `${base}/report?apikey=${k}&day=${day}`;', ['apikey=${k}'], ['warning']],
  ['key= with a credential expression', 'a.ts', 'const u = `https://maps.shop.io/tile?key=${mapsApiKey}`;', ['key=${mapsApiKey}'], ['warning']],
  ['key= with a generated literal', 'a.js', `const u = 'https://geo.shop.io/v1?key=${secret}';`, [`key=${secret}`], ['warning']],
  ['credential literal after &', 'a.js', `const u = '/v1/report?day=1&access_token=${secret}';`, [`access_token=${secret}`], ['warning']],
  ['relative URL with a ?', 'a.js', `fetch('/proxy?api_key=${secret}');`, [`api_key=${secret}`], ['warning']],
  ['two parameters', 'a.js', `const u = 'https://x.shop.io/?api_key=${secret}&secret=${secret}';`, [`api_key=${secret}`, `secret=${secret}`], ['warning', 'warning']],
  ['shell variable', 'run.sh', 'curl "https://api.ucanpay.com/v1/account?api_key=$UCANPAY_API_KEY"\n', ['api_key=$UCANPAY_API_KEY'], ['error']],
  ['shell braces', 'run.sh', 'curl "https://api.shop.io/v1?token=1&access_token=${TOKEN}"\n', ['access_token=${TOKEN}'], ['warning']],
  ['YAML', 'ci.yaml', `hook: https://hooks.shop.io/in?api_key=${secret}\n`, [`api_key=${secret}`], ['warning']],
  ['JSON', 'a.json', `{ "url": "https://api.ucanpay.com/v1/ping?api_key=${live}" }`, [`api_key=${live}`], ['error']],
  ['dotenv', '.env', `STATUS_URL=https://api.ucanpay.com/v1/account?api_key=${test}\n`, [`api_key=${test}`], ['error']],
  ['properties', 'a.properties', `report.url=https://x.shop.io/r?secret=${secret}\n`, [`secret=${secret}`], ['warning']],
  ['Dockerfile', 'Dockerfile', 'HEALTHCHECK CMD curl -f "https://api.ucanpay.com/v1/account?api_key=${UCANPAY_API_KEY}"\n', ['api_key=${UCANPAY_API_KEY}'], ['error']],
  ['Markdown', 'README.md', `Open https://api.ucanpay.com/v1/account?api_key=${test} in a browser.\n`, [`api_key=${test}`], ['error']],
  ['Markdown Postman variable', 'README.md', 'GET https://api.shop.io/v1/me?api_key={{apiKey}}\n', ['api_key={{apiKey}}'], ['warning']],
  ['HTML attribute with &amp;', 'a.html', `<img src="https://t.shop.io/p.gif?a=1&amp;access_token=${secret}">`, [`access_token=${secret}`], ['warning']],
];

const quiet: Array<[string, string, string]> = [
  ['key= with a non-credential expression', 'a.js', 'fetch(`https://cache.shop.io/get?key=${encodeURIComponent(id)}`);'],
  ['key= with an ordinary literal', 'a.js', "fetch('https://cache.shop.io/get?key=orders-2024-eu');"],
  ['header', 'a.js', "fetch('https://api.ucanpay.com/v1/account', { headers: { Authorization: `Bearer ${process.env.UCANPAY_API_KEY}` } });"],
  ['placeholder', 'a.js', "const docs = 'https://api.ucanpay.com/v1/account?api_key=YOUR_API_KEY';"],
  ['angle-bracket placeholder', 'README.md', 'https://api.ucanpay.com/v1/account?api_key=<your key>\n'],
  ['short literal', 'a.js', "fetch('https://api.shop.io/v1?api_key=abc123');"],
  ['form body', 'a.js', "const body = 'grant_type=client_credentials&client_secret=' + clientSecret;"],
  ['form body literal', 'a.js', `const body = 'grant_type=client_credentials&client_secret=${secret}';`],
  ['signed URL signature', 'a.js', `const u = 'https://bucket.s3.amazonaws.com/f.pdf?X-Amz-Signature=${secret}&X-Amz-Credential=AKIAFAKE';`],
  ['signature parameter', 'a.js', 'const u = `https://cdn.shop.io/f.pdf?expires=${exp}&signature=${sig}`;'],
  ['Google browser key', 'a.html', '<script src="https://maps.googleapis.com/maps/api/js?key=AIzaSyFAKEFAKEFAKE0000000000000000000000"></script>'],
  ['token= (invite and reset tokens are made for URLs)', 'a.js', 'const u = `https://shop.io/reset?token=${resetToken}`;'],
  ['prefix alone', 'a.js', "const u = 'https://api.shop.io/v1?api_key=' ;"],
  ['key in a comment', 'a.js', `// https://api.shop.io/v1?api_key=${secret}\nconst x = 1;`],
  ['UCanPay key placeholder', 'a.js', `const u = 'https://api.ucanpay.com/v1?api_key=ucp_test_${'x'.repeat(32)}';`],
  ['text URL with a placeholder', 'run.sh', 'curl "https://api.shop.io/v1?api_key=xxx"\n'],
  ['otpauth URI (its secret becomes a QR code)', 'a.js', 'const uri = `otpauth://totp/Shop:${email}?secret=${base32Secret}&issuer=Shop`;'],
  ['otpauth URI in docs', 'README.md', 'Scan otpauth://totp/Shop:me?secret=$SECRET&issuer=Shop with your app.\n'],
  ['text URL without credential parameters', 'a.yaml', 'url: https://shop.io/search?q=api_key&page=2\n'],
];

describe('rule key-in-url', () => {
  for (const [title, path, text, expected, severities] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), expected);
      assert.deepStrictEqual(findings.map((f) => f.severity), severities);
    });
  }

  for (const [title, path, text] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  it('says to use the Authorization header, and masks keys', async () => {
    const [literal] = await ruleFindings('a.js', `fetch('https://api.ucanpay.com/v1?api_key=${live}');`);
    assert.match(literal.message, /Authorization: Bearer/);
    assert.match(literal.message, /logs/);
    assert.ok(literal.message.includes(`ucp_live_…${live.slice(-4)}`) && !literal.message.includes(live));
    const [generic] = await ruleFindings('a.js', 'fetch(`https://x.shop.io/?access_token=${token}`);');
    assert.ok(!generic.message.includes('UCanPay'));
  });
});
