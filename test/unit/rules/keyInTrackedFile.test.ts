import * as assert from 'assert';
import type { FileFacts } from '../../../src/core/rules/rule';
import { findingsFor } from '../helpers';
import { fakeKey, fakeSecret } from './fakeSecrets';

const rule = 'key-in-tracked-file';

async function ruleFindings(path: string, text: string, facts: FileFacts = { gitTracked: true }) {
  return (await findingsFor(path, text, {}, facts)).filter((f) => f.ruleId === rule);
}

const live = fakeKey('live');
const test = fakeKey('test');
const whsec = fakeKey('whsec');
const secret = fakeSecret();

describe('rule key-in-tracked-file', () => {
  it('flags every UCanPay key in a tracked .env, as an error', async () => {
    const text = `UCANPAY_API_KEY=${live}\nUCANPAY_SANDBOX_KEY="${test}"\nUCANPAY_WEBHOOK_SECRET='${whsec}'\n# previous: ${live}\n`;
    const findings = await ruleFindings('.env', text);
    assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), [live, test, whsec, live]);
    assert.ok(findings.every((f) => f.severity === 'error'));
  });

  it('flags generic secrets under credential names', async () => {
    const text = `DB_PASSWORD=${secret}\nexport GITHUB_TOKEN=${secret} # ci\nLOG_LEVEL=${secret}\n`;
    const findings = await ruleFindings('config/.env.production', text);
    assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), [secret, secret]);
    assert.match(findings[0].message, /`DB_PASSWORD`/);
  });

  it('says what to do, with the key masked', async () => {
    const [finding] = await ruleFindings('.env', `UCANPAY_API_KEY=${live}\n`);
    assert.match(finding.message, /committed to git/);
    assert.match(finding.message, /\.gitignore/);
    assert.match(finding.message, /Set API Key/);
    assert.match(finding.message, /Rotate/);
    assert.ok(finding.message.includes(`ucp_live_…${live.slice(-4)}`) && !finding.message.includes(live));
  });

  it('flags a tracked template that holds a real key', async () => {
    const findings = await ruleFindings('.env.example', `UCANPAY_API_KEY=${test}\n`);
    assert.strictEqual(findings.length, 1);
  });

  const quiet: Array<[string, string, string, FileFacts]> = [
    ['untracked .env', '.env', `UCANPAY_API_KEY=${live}\n`, { gitTracked: false }],
    ['unknown tracking', '.env', `UCANPAY_API_KEY=${live}\n`, {}],
    ['placeholders', '.env.example', `UCANPAY_API_KEY=ucp_live_${'x'.repeat(32)}\nDB_PASSWORD=changeme\nTOKEN=\${CI_TOKEN}\nJWT_SECRET=<generate one>\n`, { gitTracked: true }],
    ['ordinary settings', '.env', 'PORT=3000\nNODE_ENV=production\nUCANPAY_API_URL=https://api.ucanpay.com/v1\n', { gitTracked: true }],
    ['not a dotenv file', 'config/app.yaml', `key: ${live}\n`, { gitTracked: true }],
    ['a dotenv fence in a tracked README', 'README.md', `\`\`\`env\nUCANPAY_API_KEY=${live}\n\`\`\`\n`, { gitTracked: true }],
  ];
  for (const [title, path, text, tracked] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      assert.deepStrictEqual(await ruleFindings(path, text, tracked), []);
    });
  }

  it('takes over from ucanpay-key-in-code and secret-in-code in a tracked .env (one finding per key)', async () => {
    const text = `UCANPAY_API_KEY=${live}\nJWT_SECRET=${secret}\n`;
    const all = await findingsFor('.env', text, {}, { gitTracked: true });
    assert.deepStrictEqual(all.map((f) => f.ruleId), [rule, rule]);
  });
});
