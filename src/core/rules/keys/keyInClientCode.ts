import { sharedScopes } from '../js/declarations';
import type { Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { browserPrefix, envDestructured, envRead, exposedToBrowser, inRanges, isUcanpaySecretName, scriptBodies, sideOfModule } from './clientSide';
import { configEntries } from './entries';
import { describeKey, findUcanpayKeys, maskKey, ucanpayKeyLiterals, type UcanpayKeyMatch } from './ucanpayKeys';

function keyMessage(key: UcanpayKeyMatch): string {
  return `A ${describeKey(key.kind)} (${maskKey(key.value)}) is in client-side code: every visitor's browser receives it. Call UCanPay from your server with the key in its environment, and rotate this one.`;
}

function envMessage(name: string, side: 'client' | 'unknown'): string {
  const prefix = browserPrefix(name);
  return side === 'client'
    ? `\`${name}\` is read in client-side code: a bundler that inlines it ships the key to every browser. Call UCanPay from a server route that reads the key instead.`
    : `\`${name}\` is a UCanPay secret under a prefix${prefix ? ` (${prefix})` : ''} that the build inlines into the browser bundle. Drop the prefix and read the key only in server code.`;
}

// Severity by what leaks: a test key reaches only the sandbox.
function keySeverity(key: UcanpayKeyMatch) {
  return key.kind === 'test' ? { severity: 'warning' as const } : {};
}

const envInScript = /\b(?:process\.env|import\.meta\.env)(?:\.([A-Za-z_$][\w$]{0,127})|\[\s*["'`]([A-Za-z_$][\w$]{0,127})["'`]\s*\])/g;

function lineCommentBefore(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /(?:^|[^:])\/\//.test(text.slice(lineStart, offset));
}

// `process.env.NAME`, `process.env['NAME']`, `import.meta.env.NAME` as written (spaces allowed around the dots).
const envReadPattern = /\b(?:process|import\s*\.\s*meta)\s*\.\s*env\s*(?:\?\.\s*(?:[A-Za-z_$][\w$]*|\[\s*(?:'[^'\n]*'|"[^"\n]*")\s*\])|\.\s*[A-Za-z_$][\w$]*|\[\s*(?:'[^'\n]*'|"[^"\n]*")\s*\])/g;

export const keyInClientCode: Rule = {
  id: 'key-in-client-code',
  title: 'UCanPay secret key in client-side code or exposed to the browser',
  section: 'Authentication and Authorization',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'html'],
  literals: [...ucanpayKeyLiterals, 'ucanpay_'],
  mappings: {
    cwe: ['CWE-522', 'CWE-798'],
    owasp: ['A07:2021 Identification and Authentication Failures', 'A05:2021 Security Misconfiguration'],
    pciDss: ['8.6.2', '8.3.2'],
  },
  description: [
    'UCanPay keys are secret keys: every UCanPay key, test or live, authenticates as your merchant account. Code that runs in',
    "the browser is public — anyone can open the developer tools, or your bundle's source map, and copy the key.",
    '',
    'The rule reports:',
    '',
    '- a UCanPay key literal in client-side code: files under `public/`, `static/`, `www/`, `client/`, `frontend/` or',
    "  `src/components/`, modules with a `'use client'` directive (Next.js client components), and the `<script>` elements",
    '  of `.html`, `.vue`, `.svelte` and `.astro` files (live keys and webhook secrets as **errors**, test keys as **warnings**);',
    '- `process.env.UCANPAY_SECRET_KEY`, `import.meta.env.VITE_UCANPAY_KEY` and `const { UCANPAY_API_KEY } = process.env`',
    '  read in client-side code;',
    '- anywhere but server code, a UCanPay secret read under a prefix that build tools inline into the browser bundle:',
    '  `NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `PUBLIC_`, `EXPO_PUBLIC_`, `NUXT_PUBLIC_`, `GATSBY_`, `VUE_APP_`;',
    '- in dotenv files, such a variable when its name names a UCanPay secret (`NEXT_PUBLIC_UCANPAY_SECRET_KEY=`) or its',
    '  value is a UCanPay key (`VITE_PAYMENTS=ucp_live_…`).',
    '',
    'It stays quiet for publishable or public keys by name (`NEXT_PUBLIC_UCANPAY_PUBLISHABLE_KEY`, `…_PUBLIC_KEY`), key',
    'ids and URLs (`UCANPAY_KEY_ID`, `UCANPAY_API_URL`), and server code: `pages/api/**`, `app/api/**`, `server/` and',
    "`backend/` folders, `*.server.ts` files, and modules with a `'use server'` directive. When folders disagree, the",
    'innermost decides: `server/public/app.js` is served to browsers, `client/server/db.ts` is not.',
    '',
    '**Fix:** make the UCanPay call from your server (an API route, a server action) that reads `process.env.UCANPAY_API_KEY`,',
    'and have the browser call that route. Rotate any key that has shipped to browsers.',
    '',
    '```js',
    '// Flagged (app/checkout/page.tsx, a client component)',
    "'use client';",
    "const res = await fetch('https://api.ucanpay.com/v1/payments', { headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_UCANPAY_SECRET_KEY}` } });",
    '// Secure: the browser calls your route; app/api/payments/route.ts calls UCanPay with process.env.UCANPAY_API_KEY',
    "const res = await fetch('/api/payments', { method: 'POST', body: JSON.stringify(order) });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const side = sideOfModule(context);
    if (side === 'server') {
      return;
    }
    if (side === 'client') {
      for (const key of findUcanpayKeys(context.text)) {
        context.report({ start: key.start, end: key.end, message: keyMessage(key), ...keySeverity(key) });
      }
    }
    const report = (name: string, node: SyntaxNode) => {
      if (isUcanpaySecretName(name) && (side === 'client' || exposedToBrowser(name))) {
        context.report({ start: node.startIndex, end: node.endIndex, message: envMessage(name, side) });
      }
    };
    // Only UCanPay names are reported, so a file that never says "ucanpay" has nothing more to find.
    if (!/ucanpay/i.test(context.text)) {
      return;
    }
    const { text } = context;
    const scopes = sharedScopes(context);
    // The text says where `process.env.X` and `import.meta.env['X']` are; the tree says which of
    // those are code (the smallest node spanning one is the member expression itself, or a
    // comment or string around it). Cheaper than asking the tree about every member expression.
    envReadPattern.lastIndex = 0;
    for (let match = envReadPattern.exec(text); match; match = envReadPattern.exec(text)) {
      const node = scopes.nodeSpanning(match.index, match.index + match[0].length - 1);
      const read = node && (node.type === 'member_expression' || node.type === 'subscript_expression') ? envRead(node) : undefined;
      if (read) {
        report(read.name, node as SyntaxNode);
      }
    }
    for (const node of context.nodes('variable_declarator')) {
      if (text.charCodeAt(node.startIndex) !== 123 /* { */) continue;
      for (const read of envDestructured(node)) {
        report(read.name, read.node);
      }
    }
  },

  checkText(context: TextContext): void {
    if (context.kind === 'html') {
      const scripts = scriptBodies(context.text);
      for (const key of findUcanpayKeys(context.text)) {
        if (inRanges(key.start, scripts)) {
          context.report({ start: key.start, end: key.end, message: keyMessage(key), ...keySeverity(key) });
        }
      }
      for (const script of scripts) {
        const body = context.text.slice(script.start, script.end);
        envInScript.lastIndex = 0;
        for (let match = envInScript.exec(body); match; match = envInScript.exec(body)) {
          const name = match[1] ?? match[2];
          const start = script.start + match.index;
          if (isUcanpaySecretName(name) && !lineCommentBefore(context.text, start)) {
            context.report({ start, end: start + match[0].length, message: envMessage(name, 'client') });
          }
        }
      }
      return;
    }
    for (const entry of configEntries(context)) {
      if (!exposedToBrowser(entry.name)) {
        continue;
      }
      const keys = findUcanpayKeys(entry.value);
      if (!isUcanpaySecretName(entry.name) && keys.length === 0) {
        continue;
      }
      context.report({
        start: entry.nameStart,
        end: entry.nameEnd,
        message: keys.length
          ? `\`${entry.name}\` holds a ${describeKey(keys[0].kind)} (${maskKey(keys[0].value)}) under a prefix that the build inlines into the browser bundle. Drop the prefix, read the key only in server code, and rotate it.`
          : envMessage(entry.name, 'unknown'),
        ...(keys.length && keys.every((key) => key.kind === 'test') ? { severity: 'warning' as const } : {}),
      });
    }
  },
};
