import type { Rule, TextContext } from '../rule';
import { configEntries } from './entries';
import { dotenvRole } from './fileRoles';
import { credentialInSetting } from './settingCredential';
import { tokenFormatLiterals } from './tokenFormats';
import { credentialNameLiterals } from './secrets';
import { describeKey, findUcanpayKeys, maskKey, ucanpayKeyLiterals } from './ucanpayKeys';

const advice =
  'Rotate it, keep it in the OS keychain (UCanPay: Set API Key), remove the file from git (`git rm --cached`) and add it to .gitignore.';

export const keyInTrackedFile: Rule = {
  id: 'key-in-tracked-file',
  title: 'Key or secret in a dotenv file that git tracks',
  section: 'Authentication and Authorization',
  defaultSeverity: 'error',
  languages: [],
  textKinds: ['dotenv'],
  literals: [...ucanpayKeyLiterals, ...credentialNameLiterals, ...tokenFormatLiterals],
  mappings: {
    cwe: ['CWE-312', 'CWE-538', 'CWE-798'],
    owasp: ['A05:2021 Security Misconfiguration', 'A07:2021 Identification and Authentication Failures'],
    pciDss: ['8.6.2', '8.3.2'],
  },
  description: [
    'A `.env` file holds real secrets because it is meant to stay on one machine. Once git tracks it, every clone, fork',
    'and CI runner has them, and deleting the line later does not remove it from the history.',
    '',
    'In a dotenv file that git tracks, the rule reports, as **errors**:',
    '',
    '- every UCanPay key, live or test, and webhook signing secret (`ucp_live_…`, `ucp_test_…`, `ucp_whsec_…`), in a value',
    '  or in a comment;',
    '- a generated-looking value under a credential name (`DB_PASSWORD=`, `JWT_SECRET=`, `GITHUB_TOKEN=`), judged as',
    '  [`secret-in-code`](secret-in-code.md) judges them;',
    '- a typed password under a password\'s name (`MYSQL_PASSWORD=passw0rd`), or a secret under a name that says it signs',
    '  sessions or JWTs or encrypts data (`SESSION_SECRET=keyboard cat`), placeholders and local defaults apart;',
    '- under any name, a value whose format says it is a credential: another provider\'s key (AWS, GitHub, Slack, Stripe,',
    '  Google, …), a PEM private key, or a URL with a password (`DATABASE_URL=postgres://app:…@db/shop`).',
    '',
    'Whether git tracks a file is a fact the editor or the CLI finds out (`git ls-files`); without it (no git, an unsaved',
    'file) this rule stays quiet and `ucanpay-key-in-code` applies its rules for untracked `.env` files. Placeholders',
    '(`UCANPAY_API_KEY=ucp_test_xxxx…`, `DB_PASSWORD=changeme`, `TOKEN=${CI_TOKEN}`) are not reported, so a tracked',
    '`.env.example` with placeholders is fine.',
    '',
    '**Fix:** rotate the keys (they are in the history), store the UCanPay key with **UCanPay: Set API Key** (OS keychain)',
    'and run with `ucanpay exec -- <command>`; `git rm --cached .env`, add `.env` to `.gitignore`, and commit a',
    '`.env.example` with placeholders instead.',
    '',
    '```sh',
    '# Flagged: .env, tracked by git',
    'UCANPAY_API_KEY=ucp_live_…',
    '# Secure: .env.example, tracked; the key lives in the OS keychain',
    'UCANPAY_API_KEY=ucp_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    '```',
  ].join('\n'),

  checkText(context: TextContext): void {
    if (dotenvRole(context) !== 'tracked') {
      return;
    }
    const keys = findUcanpayKeys(context.text);
    for (const key of keys) {
      context.report({
        start: key.start,
        end: key.end,
        message: `This file is committed to git, so the ${describeKey(key.kind)} in it (${maskKey(key.value)}) is in the repository. ${advice}`,
      });
    }
    for (const entry of configEntries(context)) {
      if (/ucp_(?:live|test|whsec)_/.test(entry.value)) {
        continue;
      }
      const found = credentialInSetting(entry.name, entry.value);
      if (!found) {
        continue;
      }
      const what = found.why === 'format' ? (found.label ?? 'a credential') : found.why === 'password' ? 'the password' : 'the secret';
      context.report({
        start: entry.valueStart + found.start,
        end: entry.valueStart + found.end,
        message: `This file is committed to git, so ${what} in \`${entry.name}\` is in the repository. Rotate it, move it out of the file and add the file to .gitignore (\`git rm --cached\`).`,
      });
    }
  },
};
