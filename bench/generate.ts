import * as fs from 'fs';
import * as path from 'path';

/**
 * Deterministic generators for the benchmark: JS/TS payment-integration modules of a given length,
 * and a whole corpus of service repositories (code, tests, config, Dockerfiles, scripts, docs)
 * with a small fraction of insecure snippets, as a real monorepo of UCanPay integrations has.
 *
 * Test keys are obviously fake (`ucp_test_` + EXAMPLE…), as the repository's rules require.
 */

/** mulberry32: small, fast, seeded. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const nouns = ['payment', 'refund', 'order', 'invoice', 'customer', 'charge', 'payout', 'subscription', 'checkout', 'receipt', 'dispute', 'ledger'];
const verbs = ['create', 'fetch', 'update', 'cancel', 'capture', 'list', 'sync', 'verify', 'retry', 'settle', 'archive', 'notify'];
const fakeKey = (rng: Rng, kind: 'test' | 'live' = 'test') => `ucp_${kind}_EXAMPLE${String(rng.int(0, 99999999)).padStart(8, '0')}FAKEFAKEFAKE00000`;

function cap(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

function ident(rng: Rng, id: number): { noun: string; verb: string; fn: string; type: string } {
  const noun = rng.pick(nouns);
  const verb = rng.pick(verbs);
  return { noun, verb, fn: `${verb}${cap(noun)}${id}`, type: `${cap(noun)}${cap(verb)}Request${id}` };
}

/** `export ` in TypeScript modules; CommonJS JavaScript exports through module.exports. */
const exp = (ts: boolean) => (ts ? 'export ' : '');

type Lang = 'javascript' | 'typescript';

/** Secure, everyday blocks of an integration. */
const secureBlocks: Array<(rng: Rng, ts: boolean, id: number) => string> = [
  (rng, ts, id) => {
    const { noun, fn, type } = ident(rng, id);
    return [
      ts ? `${exp(ts)}interface ${type} {\n  amount: number;\n  currency: string;\n  ${noun}Id: string;\n  metadata?: Record<string, string>;\n}\n` : '',
      `${exp(ts)}async function ${fn}(input${ts ? `: ${type}` : ''})${ts ? ': Promise<unknown>' : ''} {`,
      `  const response = await fetch(\`\${config.baseUrl}/${noun}s\`, {`,
      `    method: 'POST',`,
      `    headers: {`,
      `      Authorization: \`Bearer \${process.env.UCANPAY_API_KEY}\`,`,
      `      'Content-Type': 'application/json',`,
      `      'Idempotency-Key': randomUUID(),`,
      `    },`,
      `    body: JSON.stringify({ amount: input.amount, currency: input.currency, reference: input.${noun}Id }),`,
      `  });`,
      `  if (!response.ok) {`,
      `    throw new PaymentError(\`${noun} request failed with status \${response.status}\`);`,
      `  }`,
      `  return response.json();`,
      `}`,
      '',
    ].join('\n');
  },
  (rng, ts, id) => {
    const { noun, fn } = ident(rng, id);
    return [
      `router.post('/${noun}s/:id/${rng.pick(verbs)}', async (req${ts ? ': Request' : ''}, res${ts ? ': Response' : ''}) => {`,
      `  try {`,
      `    const result = await ucanpay.${noun}s.${rng.pick(verbs)}(req.params.id, { amount: Number(req.body.amount) });`,
      `    logger.info('${noun} updated', { id: result.id, status: result.status });`,
      `    res.status(200).json({ id: result.id, status: result.status });`,
      `  } catch (error) {`,
      `    logger.error('${fn} failed', { id: req.params.id, code: ${ts ? '(error as { code?: string })' : 'error'}.code });`,
      `    res.status(502).json({ error: 'The payment provider could not process the request.' });`,
      `  }`,
      `});`,
      '',
    ].join('\n');
  },
  (_rng, ts, id) => {
    const secret = `process.env.UCANPAY_WEBHOOK_SECRET${ts ? ' ?? ""' : ''}`;
    return [
      `${exp(ts)}function verifyWebhook${id}(payload${ts ? ': string' : ''}, signature${ts ? ': string' : ''})${ts ? ': boolean' : ''} {`,
      `  const expected = createHmac('sha256', ${secret}).update(payload).digest('hex');`,
      `  const a = Buffer.from(expected, 'hex');`,
      `  const b = Buffer.from(signature, 'hex');`,
      `  return a.length === b.length && timingSafeEqual(a, b);`,
      `}`,
      '',
    ].join('\n');
  },
  (rng, ts, id) => {
    const n = rng.int(2, 6);
    return [
      `${exp(ts)}function formatAmount${id}(minor${ts ? ': number' : ''}, currency${ts ? ': string' : ''} = 'EUR')${ts ? ': string' : ''} {`,
      `  const digits = ['JPY', 'KRW'].includes(currency) ? 0 : ${n > 3 ? 3 : 2};`,
      `  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 10 ** digits);`,
      `}`,
      '',
    ].join('\n');
  },
  (rng, ts, id) => {
    const { noun } = ident(rng, id);
    return [
      `${exp(ts)}class ${cap(noun)}Service${id} {`,
      `  ${ts ? 'private readonly ' : ''}cache = new Map${ts ? '<string, unknown>' : ''}();`,
      '',
      `  constructor(${ts ? 'private readonly ' : ''}client${ts ? ': UCanPayClient' : ''}) {${ts ? '' : '\n    this.client = client;'}}`,
      '',
      `  async get(id${ts ? ': string' : ''}) {`,
      `    if (this.cache.has(id)) {`,
      `      return this.cache.get(id);`,
      `    }`,
      `    const ${noun} = await this.client.${noun}s.retrieve(id);`,
      `    this.cache.set(id, ${noun});`,
      `    return ${noun};`,
      `  }`,
      '',
      `  async list(limit${ts ? ': number' : ''} = ${rng.int(10, 100)}) {`,
      `    const page = await this.client.${noun}s.list({ limit });`,
      `    return page.data.filter((item${ts ? ': { status: string }' : ''}) => item.status !== 'failed');`,
      `  }`,
      `}`,
      '',
    ].join('\n');
  },
  (rng, ts, id) =>
    [
      `const retryPolicy${id}${ts ? ': Partial<Config>' : ''} = {`,
      `  timeoutMs: ${rng.int(2, 30) * 1000},`,
      `  retries: ${rng.int(1, 5)},`,
      `};`,
      '',
    ].join('\n'),
  (rng, ts, id) =>
    [
      `async function withRetry${id}${ts ? '<T>' : ''}(operation${ts ? ': () => Promise<T>' : ''}, attempts = ${rng.int(2, 5)})${ts ? ': Promise<T>' : ''} {`,
      `  let lastError${ts ? ': unknown' : ''};`,
      `  for (let attempt = 0; attempt < attempts; attempt++) {`,
      `    try {`,
      `      return await operation();`,
      `    } catch (error) {`,
      `      lastError = error;`,
      `      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * ${rng.int(50, 400)}));`,
      `    }`,
      `  }`,
      `  throw lastError;`,
      `}`,
      '',
    ].join('\n'),
  (_rng, ts, id) =>
    [
      `${exp(ts)}function encrypt${id}(plain${ts ? ': string' : ''}, key${ts ? ': Buffer' : ''}) {`,
      `  const iv = randomBytes(12);`,
      `  const cipher = createCipheriv('aes-256-gcm', key, iv);`,
      `  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);`,
      `  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };`,
      `}`,
      '',
    ].join('\n'),
  (rng, _ts, _id) =>
    [
      `app.use(session({`,
      `  secret: process.env.SESSION_SECRET,`,
      `  resave: false,`,
      `  saveUninitialized: false,`,
      `  cookie: { secure: true, httpOnly: true, sameSite: 'strict', maxAge: ${rng.int(5, 60)} * 60 * 1000 },`,
      `}));`,
      '',
    ].join('\n'),
  (rng, ts, id) => {
    const { noun } = ident(rng, id);
    return [
      `describe('${noun} flow ${rng.int(1, 999)}', () => {`,
      `  it('charges the sandbox', async () => {`,
      `    const client = new UCanPay({ apiKey: process.env.UCANPAY_TEST_KEY${ts ? '!' : ''}, baseUrl: 'https://sandbox.ucanpay.com/v1' });`,
      `    const ${noun} = await client.${noun}s.create({ amount: ${rng.int(100, 99999)}, currency: 'EUR' });`,
      `    expect(${noun}.status).toBe('succeeded');`,
      `  });`,
      `});`,
      '',
    ].join('\n');
  },
  (rng, ts, id) =>
    [
      `// ${rng.pick(verbs)} the ${rng.pick(nouns)} when the provider reports a final state; see https://docs.ucanpay.com/webhooks`,
      `const finalStates${id} = new Set(['succeeded', 'failed', 'refunded', 'disputed']);`,
      `${exp(ts)}const isFinal${id} = (status${ts ? ': string' : ''}) => finalStates${id}.has(status);`,
      '',
    ].join('\n'),
];

/** Insecure snippets: what the rules are for (a realistic small fraction of blocks). */
const insecureBlocks: Array<(rng: Rng, ts: boolean, id: number) => string> = [
  (_rng, _ts, id) => `const legacyClient${id} = axios.create({ baseURL: 'http://api.ucanpay.com/v1' });\n`,
  (_rng, _ts, id) => `const ping${id} = () => fetch('http://sandbox.ucanpay.com/v1/ping');\n`,
  (_rng, _ts, id) => `const agent${id} = new https.Agent({ rejectUnauthorized: false });\n`,
  (_rng, _ts, _id) => `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n`,
  (rng, _ts, id) => `const apiKey${id} = '${fakeKey(rng)}';\n`,
  (rng, _ts, id) => `const client${id} = new UCanPay({ apiKey: '${fakeKey(rng, 'live')}' });\n`,
  (_rng, _ts, id) => `const cipher${id} = crypto.createCipher('des', password);\n`,
  (_rng, _ts, id) => `const fingerprint${id} = crypto.createHash('md5').update(card.number).digest('hex');\n`,
  (_rng, _ts, _id) => `app.use((err, req, res, next) => res.status(500).send(err.stack));\n`,
  (_rng, _ts, _id) => `console.log('payment request', req.body);\n`,
  (_rng, _ts, _id) => `res.cookie('session', token, { secure: false, httpOnly: false });\n`,
  (_rng, _ts, id) => `const token${id} = jwt.sign({ sub: user.id }, 'dev-secret');\n`,
  (_rng, _ts, id) => `const testCard${id} = '4111111111111111';\n`,
];

function header(lang: Lang, rng: Rng): string {
  const ts = lang === 'typescript';
  const lines = ts
    ? [
        `import { createCipheriv, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'crypto';`,
        `import type { Request, Response } from 'express';`,
        `import { Router } from 'express';`,
        `import { UCanPay, type UCanPayClient } from '@ucanpay/node';`,
        `import { logger } from '../lib/logger';`,
        `import { PaymentError } from '../lib/errors';`,
        '',
        `interface Config {\n  baseUrl: string;\n  timeoutMs: number;\n  retries: number;\n  webhookPath: string;\n}`,
      ]
    : [
        `'use strict';`,
        `const { createCipheriv, createHmac, randomBytes, randomUUID, timingSafeEqual } = require('crypto');`,
        `const { Router } = require('express');`,
        `const { UCanPay } = require('@ucanpay/node');`,
        `const { logger } = require('../lib/logger');`,
        `const { PaymentError } = require('../lib/errors');`,
      ];
  return `${lines.join('\n')}\n\nconst router = Router();\nconst config${ts ? ': Config' : ''} = {\n  baseUrl: process.env.UCANPAY_BASE_URL || 'https://sandbox.ucanpay.com/v1',\n  timeoutMs: ${rng.int(2, 30) * 1000},\n  retries: ${rng.int(1, 5)},\n  webhookPath: '/webhooks/ucanpay',\n};\nconst ucanpay = new UCanPay({ apiKey: process.env.UCANPAY_API_KEY, timeout: ${rng.int(5, 30)}000 });\n\n`;
}

/**
 * A payment-integration module of about `lines` lines. `insecureRate` is the chance that a block
 * is one of the insecure snippets; `ensureInsecure` starts the module with one (a plain-HTTP
 * client), so that the engine parses it whatever the dice say.
 */
export function paymentModule(rng: Rng, lines: number, lang: Lang, insecureRate = 0.02, ensureInsecure = false): string {
  const ts = lang === 'typescript';
  const parts = [header(lang, rng), ...(ensureInsecure ? [insecureBlocks[0](rng, ts, 0)] : [])];
  let count = parts[0].split('\n').length;
  for (let id = 1; count < lines; id++) {
    const block = rng.chance(insecureRate) ? rng.pick(insecureBlocks)(rng, ts, id) : rng.pick(secureBlocks)(rng, ts, id);
    parts.push(block);
    count += block.split('\n').length - 1;
  }
  parts.push(ts ? 'export { router, config };\n' : 'module.exports = { router, config };\n');
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Config files, scripts and docs.

function dotenv(rng: Rng): string {
  const lines = ['NODE_ENV=production', `PORT=${rng.int(3000, 9000)}`, 'LOG_LEVEL=info', `DATABASE_URL=postgres://app@db:5432/payments_${rng.int(1, 99)}`, 'UCANPAY_BASE_URL=https://api.ucanpay.com/v1', 'UCANPAY_API_KEY=', 'SESSION_SECRET='];
  if (rng.chance(0.05)) {
    lines.push(`UCANPAY_API_KEY=${fakeKey(rng)}`);
  }
  if (rng.chance(0.03)) {
    lines.push('NODE_TLS_REJECT_UNAUTHORIZED=0');
  }
  return `# ${rng.pick(nouns)} service\n${lines.join('\n')}\n`;
}

function packageJson(rng: Rng, name: string): string {
  const deps: Record<string, string> = { express: '^4.21.2', '@ucanpay/node': `^${rng.int(1, 4)}.${rng.int(0, 9)}.0`, axios: '^1.7.9', 'express-session': '^1.18.1', jsonwebtoken: '^9.0.2', pino: '^9.6.0' };
  return `${JSON.stringify({ name, version: `1.${rng.int(0, 40)}.${rng.int(0, 9)}`, private: true, main: 'dist/index.js', scripts: { build: 'tsc -p .', start: 'node dist/index.js', test: 'jest' }, dependencies: deps, devDependencies: { typescript: '^5.9.3', jest: '^29.7.0', '@types/express': '^5.0.0' } }, null, 2)}\n`;
}

function configJson(rng: Rng): string {
  const endpoints = Array.from({ length: rng.int(5, 40) }, () => ({
    name: `${rng.pick(verbs)}-${rng.pick(nouns)}`,
    url: rng.chance(0.03) ? `http://api.ucanpay.com/v1/${rng.pick(nouns)}s` : `https://api.ucanpay.com/v1/${rng.pick(nouns)}s`,
    timeoutMs: rng.int(1, 30) * 1000,
    retry: { attempts: rng.int(1, 5), backoffMs: rng.int(50, 500) },
  }));
  return `${JSON.stringify({ environment: rng.pick(['sandbox', 'live']), endpoints, features: { threeDSecure: true, webhooks: true } }, null, 2)}\n`;
}

function testData(rng: Rng, records: number): string {
  const rows = Array.from({ length: records }, (_, i) => ({
    id: `pay_${rng.int(100000, 999999)}${i}`,
    amount: rng.int(100, 500000),
    currency: rng.pick(['EUR', 'USD', 'GBP']),
    status: rng.pick(['succeeded', 'failed', 'pending', 'refunded']),
    customer: { email: `user${i}@example.com`, country: rng.pick(['DE', 'FR', 'GB', 'US']) },
    createdAt: `2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}T10:00:00Z`,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function compose(rng: Rng, service: string): string {
  return [
    'services:',
    `  ${service}:`,
    '    build: .',
    `    ports: ["${rng.int(3000, 9000)}:3000"]`,
    '    environment:',
    '      NODE_ENV: production',
    '      UCANPAY_BASE_URL: https://api.ucanpay.com/v1',
    ...(rng.chance(0.04) ? ['      NODE_TLS_REJECT_UNAUTHORIZED: "0"'] : []),
    '    env_file: .env',
    '  db:',
    '    image: postgres:16',
    '    volumes: ["pgdata:/var/lib/postgresql/data"]',
    'volumes:',
    '  pgdata: {}',
    '',
  ].join('\n');
}

function workflow(rng: Rng): string {
  return [
    'name: ci',
    'on: [push, pull_request]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    `        with: { node-version: ${rng.pick([18, 20, 22])} }`,
    '      - run: npm ci',
    '      - run: npm test',
    '        env:',
    '          UCANPAY_TEST_KEY: ${{ secrets.UCANPAY_TEST_KEY }}',
    `      - run: curl ${rng.chance(0.05) ? '-k ' : ''}-fsS https://sandbox.ucanpay.com/v1/ping`,
    '',
  ].join('\n');
}

function dockerfile(rng: Rng): string {
  return [
    `FROM node:${rng.pick([18, 20, 22])}-alpine AS build`,
    'WORKDIR /app',
    'COPY package*.json ./',
    'RUN npm ci',
    'COPY . .',
    'RUN npm run build',
    '',
    `FROM node:${rng.pick([18, 20, 22])}-alpine`,
    'WORKDIR /app',
    'ENV NODE_ENV=production',
    ...(rng.chance(0.04) ? ['ENV NODE_TLS_REJECT_UNAUTHORIZED=0'] : []),
    'COPY --from=build /app/dist ./dist',
    'COPY --from=build /app/node_modules ./node_modules',
    'USER node',
    'CMD ["node", "dist/index.js"]',
    '',
  ].join('\n');
}

function shell(rng: Rng): string {
  const lines = ['#!/usr/bin/env bash', 'set -euo pipefail', '', `SERVICE=${rng.pick(nouns)}-service`, 'echo "deploying $SERVICE"'];
  for (let i = rng.int(3, 25); i > 0; i--) {
    lines.push(
      rng.pick([
        'npm ci && npm run build',
        'docker build -t "$SERVICE:$GIT_SHA" .',
        `curl -fsS -H "Authorization: Bearer $UCANPAY_API_KEY" https://api.ucanpay.com/v1/account > /dev/null`,
        'kubectl rollout status "deployment/$SERVICE" --timeout=120s',
        `for i in $(seq 1 ${rng.int(2, 9)}); do curl -fsS https://api.ucanpay.com/v1/ping && break; sleep 2; done`,
        rng.chance(0.1) ? 'curl -k https://sandbox.ucanpay.com/v1/ping' : 'echo "ok"',
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

function markdown(rng: Rng, service: string): string {
  const sections = [`# ${service}\n\nHandles ${rng.pick(nouns)}s for the shop through the UCanPay API.\n`];
  for (let i = rng.int(2, 8); i > 0; i--) {
    const noun = rng.pick(nouns);
    sections.push(
      [
        `## ${cap(rng.pick(verbs))} a ${noun}`,
        '',
        `Call the service with a ${noun} id. Amounts are in minor units. Keys come from the environment, never from the code.`,
        '',
        '```js',
        `const result = await ucanpay.${noun}s.${rng.pick(verbs)}('${noun}_${rng.int(1000, 9999)}', { amount: ${rng.int(100, 9999)} });`,
        '```',
        '',
        '```sh',
        `curl -fsS -H "Authorization: Bearer $UCANPAY_API_KEY" https://sandbox.ucanpay.com/v1/${noun}s`,
        '```',
        '',
      ].join('\n'),
    );
  }
  if (rng.chance(0.05)) {
    sections.push(`Quick test (do not do this in production):\n\n\`\`\`js\nfetch('http://api.ucanpay.com/v1/ping')\n\`\`\`\n`);
  }
  return sections.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The corpus.

export interface CorpusManifest {
  readonly version: number;
  readonly targetBytes: number;
  readonly files: number;
  readonly bytes: number;
}

/** Bump when the generator changes, so that an old corpus is regenerated. */
export const corpusVersion = 2;

function write(root: string, relative: string, text: string): number {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** One service repository; returns the bytes written. */
function service(root: string, rng: Rng, index: number): { files: number; bytes: number } {
  const name = `${rng.pick(nouns)}-service-${index}`;
  const dir = `services/${name}`;
  const ts = rng.chance(0.6);
  const ext = ts ? 'ts' : 'js';
  let files = 0;
  let bytes = 0;
  const add = (relative: string, text: string) => {
    files++;
    bytes += write(root, `${dir}/${relative}`, text);
  };
  const modules = rng.int(6, 24);
  for (let i = 0; i < modules; i++) {
    // Mostly small and medium modules, now and then a big one.
    const lines = rng.chance(0.05) ? rng.int(1500, 4000) : rng.int(40, 500);
    const folder = rng.pick(['src', 'src', 'src/routes', 'src/lib', 'src/payments', 'test', 'scripts']);
    const lang = ts ? 'typescript' : 'javascript';
    add(`${folder}/${rng.pick(verbs)}-${rng.pick(nouns)}-${i}.${folder === 'test' ? `test.${ext}` : ext}`, paymentModule(rng, lines, lang));
  }
  add('package.json', packageJson(rng, name));
  if (ts) {
    add('tsconfig.json', `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, outDir: 'dist' }, include: ['src'] }, null, 2)}\n`);
  }
  add('config/default.json', configJson(rng));
  if (rng.chance(0.3)) {
    add('test/fixtures/payments.json', testData(rng, rng.int(50, 600)));
  }
  add('.env.example', dotenv(rng));
  if (rng.chance(0.3)) {
    add('.env', dotenv(rng));
  }
  add('docker-compose.yml', compose(rng, name));
  add('.github/workflows/ci.yml', workflow(rng));
  add('Dockerfile', dockerfile(rng));
  add('scripts/deploy.sh', shell(rng));
  add('README.md', markdown(rng, name));
  if (rng.chance(0.4)) {
    add('docs/integration.md', markdown(rng, name));
  }
  return { files, bytes };
}

/**
 * Generates a corpus of about `targetBytes` under `root` (deterministic for a given size), unless
 * one of this version and size is already there.
 */
export function ensureCorpus(root: string, targetBytes: number, log: (line: string) => void): CorpusManifest {
  const manifestFile = `${root}.json`;
  if (fs.existsSync(manifestFile) && fs.existsSync(root)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as CorpusManifest;
    if (manifest.version === corpusVersion && manifest.targetBytes === targetBytes) {
      return manifest;
    }
  }
  log(`Generating a ${(targetBytes / 1e6).toFixed(0)} MB corpus in ${root} (once; reused afterwards)…`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(manifestFile, { force: true });
  const rng = new Rng(0xc0ffee ^ targetBytes);
  let files = 0;
  let bytes = 0;
  for (let index = 1; bytes < targetBytes; index++) {
    const written = service(root, rng, index);
    files += written.files;
    bytes += written.bytes;
  }
  const manifest: CorpusManifest = { version: corpusVersion, targetBytes, files, bytes };
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
