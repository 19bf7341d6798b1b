import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { createHmac, randomBytes } from 'crypto';
import * as path from 'path';
import { expandProgram, loadSnippets } from './catalogue';
import { FakeResponse, loadSnippet, luhnCardNumber, repoRoot, withEnv } from './run';

/**
 * The snippets do what their descriptions promise: the expanded JavaScript, and the TypeScript
 * transpiled, run against fakes of fetch, Express and express-session (neither package is
 * installed here, and the API is not called).
 */

type Fn = (...args: never[]) => unknown;
const call = <T = unknown>(fn: unknown, ...args: unknown[]): T => (fn as (...a: unknown[]) => T)(...args);

function fakeApiKey(): string {
  // Key-shaped, made at run time: no key-like literal in the repository.
  return `ucp_test_${randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(32, 'x').slice(0, 32)}`;
}

function capturingConsole(): { lines: string[]; console: Pick<Console, 'info' | 'warn' | 'error' | 'log'> } {
  const lines: string[] = [];
  const record = (...args: unknown[]): void => {
    lines.push(args.map(String).join(' '));
  };
  return { lines, console: { info: record, warn: record, error: record, log: record } };
}

interface FetchCall {
  readonly url: string;
  readonly init: RequestInit;
}

function fakeFetch(answers: Array<() => Response>): { calls: FetchCall[]; fetch: (url: string, init: RequestInit) => Promise<Response> } {
  const calls: FetchCall[] = [];
  return {
    calls,
    fetch: (url, init) => {
      calls.push({ url, init });
      const answer = answers.shift();
      return answer ? Promise.resolve(answer()) : Promise.reject(new Error('no more answers'));
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** A stand-in for Express: records the routes a Router gets and the body-parser options. */
function fakeExpress(): { routes: Array<{ path: string; handlers: Fn[] }>; rawOptions: unknown[]; module: unknown } {
  const routes: Array<{ path: string; handlers: Fn[] }> = [];
  const rawOptions: unknown[] = [];
  const module = {
    Router: () => ({
      post: (path: string, ...handlers: Fn[]) => {
        routes.push({ path, handlers });
      },
    }),
    raw: (options: unknown) => {
      rawOptions.push(options);
      return () => undefined;
    },
  };
  return { routes, rawOptions, module };
}

for (const language of ['javascript', 'typescript'] as const) {
  describe(`the ${language} snippets at run time`, () => {
    describe('ucanpay-client, ucanpay-payment-create, ucanpay-payment-get, ucanpay-refund', () => {
      const load = (sandbox: Parameters<typeof loadSnippet>[3]) => ({
        ...loadSnippet(language, 'ucanpay-payment-create', ['ucanpayRequest', 'createPayment', 'UCanPayError'], sandbox),
        ...loadSnippet(language, 'ucanpay-payment-get', ['getPayment'], sandbox),
        ...loadSnippet(language, 'ucanpay-refund', ['refundPayment'], sandbox),
      });

      it('reads the key and the environment from process.env, and refuses to run without a key', async () => {
        const key = fakeApiKey();
        const api = fakeFetch([() => json(200, { id: 'pay_1' }), () => json(200, { id: 'pay_2' })]);
        const { getPayment } = load({ fetch: api.fetch, console: capturingConsole().console });
        await withEnv({ UCANPAY_API_KEY: undefined, UCANPAY_ENV: undefined }, () =>
          assert.rejects(call<Promise<unknown>>(getPayment, 'pay_1'), /UCANPAY_API_KEY is not set/),
        );
        await withEnv({ UCANPAY_API_KEY: key, UCANPAY_ENV: undefined }, () => call(getPayment, 'pay_1'));
        await withEnv({ UCANPAY_API_KEY: key, UCANPAY_ENV: 'live' }, () => call(getPayment, 'pay_2'));
        await withEnv({ UCANPAY_API_KEY: key, UCANPAY_ENV: 'staging' }, () =>
          assert.rejects(call<Promise<unknown>>(getPayment, 'pay_3'), /UCANPAY_ENV must be "sandbox" or "live"/),
        );
        assert.deepStrictEqual(api.calls.map((c) => c.url), ['https://sandbox.ucanpay.com/v1/payments/pay_1', 'https://api.ucanpay.com/v1/payments/pay_2']);
        const headers = api.calls[0].init.headers as Record<string, string>;
        assert.strictEqual(headers.Authorization, `Bearer ${key}`);
        assert.strictEqual(api.calls[0].init.redirect, 'error', 'redirects are refused');
        assert.ok(api.calls[0].init.signal instanceof AbortSignal, 'every call has a timeout');
      });

      it('creates a payment with the Idempotency-Key, validates amounts and ids, refunds with a key too', async () => {
        const api = fakeFetch([() => json(201, { id: 'pay_9', status: 'succeeded' }), () => json(201, { id: 're_1' })]);
        const { createPayment, getPayment, refundPayment } = load({ fetch: api.fetch, console: capturingConsole().console });
        await withEnv({ UCANPAY_API_KEY: fakeApiKey(), UCANPAY_ENV: undefined }, async () => {
          const payment = await call<Promise<{ id: string }>>(createPayment, { amount: 1250, paymentMethod: 'pm_tok_1', orderId: 'order-7', idempotencyKey: 'checkout-7-1' });
          assert.strictEqual(payment.id, 'pay_9');
          await assert.rejects(call<Promise<unknown>>(createPayment, { amount: 12.5, paymentMethod: 'pm', idempotencyKey: 'k' }), RangeError);
          await assert.rejects(call<Promise<unknown>>(createPayment, { amount: 100, paymentMethod: 'pm', idempotencyKey: '' }), /idempotencyKey is required/);
          await assert.rejects(call<Promise<unknown>>(getPayment, '../account'), /not a UCanPay payment id/);
          await call(refundPayment, { paymentId: 'pay_9', amount: 250, idempotencyKey: 'refund-9-1' });
        });
        const [create, refund] = api.calls;
        assert.strictEqual(create.url, 'https://sandbox.ucanpay.com/v1/payments');
        assert.strictEqual(create.init.method, 'POST');
        assert.strictEqual((create.init.headers as Record<string, string>)['Idempotency-Key'], 'checkout-7-1');
        assert.deepStrictEqual(JSON.parse(String(create.init.body)), { amount: 1250, currency: 'EUR', payment_method: 'pm_tok_1', metadata: { order_id: 'order-7' } });
        assert.strictEqual(refund.url, 'https://sandbox.ucanpay.com/v1/refunds');
        assert.strictEqual((refund.init.headers as Record<string, string>)['Idempotency-Key'], 'refund-9-1');
        assert.deepStrictEqual(JSON.parse(String(refund.init.body)), { payment_id: 'pay_9', reason: 'requested_by_customer', amount: 250 });
        assert.strictEqual(api.calls.length, 2, 'invalid input never reaches the API');
      });

      it('waits out 429 Retry-After (with the same Idempotency-Key), then reports API errors without the key', async () => {
        const key = fakeApiKey();
        const log = capturingConsole();
        const limited = () => json(429, { error: { type: 'rate_limit_error', code: 'too_many_requests', message: 'slow down' } }, { 'Retry-After': '0.01' });
        const api = fakeFetch([limited, limited, () => json(200, { id: 'pay_1' }), limited, limited, limited, () => json(401, { error: { type: 'authentication_error', code: 'invalid_api_key' } })]);
        const { ucanpayRequest, UCanPayError } = load({ fetch: api.fetch, console: log.console });
        await withEnv({ UCANPAY_API_KEY: key, UCANPAY_ENV: undefined }, async () => {
          assert.deepStrictEqual(await call(ucanpayRequest, 'POST', '/payments', { body: { amount: 1 }, idempotencyKey: 'k-1' }), { id: 'pay_1' });
          await assert.rejects(call<Promise<unknown>>(ucanpayRequest, 'GET', '/account'), (error: { status: number; type: string; retryAfterSeconds: number }) => {
            assert.ok(error instanceof (UCanPayError as new () => Error));
            assert.deepStrictEqual([error.status, error.type, error.retryAfterSeconds], [429, 'rate_limit_error', 0.01]);
            return true;
          });
          await assert.rejects(call<Promise<unknown>>(ucanpayRequest, 'GET', '/account'), (error: Error & { status: number; code: string }) => {
            assert.deepStrictEqual([error.status, error.code], [401, 'invalid_api_key']);
            assert.ok(!error.message.includes(key));
            return true;
          });
        });
        assert.deepStrictEqual(api.calls.slice(0, 3).map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']), ['k-1', 'k-1', 'k-1']);
        assert.strictEqual(api.calls.length, 7);
        assert.strictEqual(log.lines.length, 7, 'one log line per call');
        assert.ok(log.lines.every((line) => !line.includes(key) && !line.includes('amount')), 'no key and no body in the log');
        assert.deepStrictEqual(Object.keys(JSON.parse(log.lines[0]) as object).sort(), ['durationMs', 'event', 'method', 'path', 'status']);
      });
    });

    describe('ucanpay-webhook', () => {
      const secret = randomBytes(24).toString('hex');
      const body = Buffer.from(JSON.stringify({ id: 'evt_1', type: 'payment.succeeded', data: { id: 'pay_1' } }));
      const sign = (payload: Buffer, t: number, withSecret = secret): string =>
        `t=${t},v1=${createHmac('sha256', withSecret).update(`${t}.`).update(payload).digest('hex')}`;

      it('accepts a fresh signature of the raw body (also among rotated ones) and nothing else', async () => {
        const express = fakeExpress();
        const { verifyUcanpaySignature: verify } = loadSnippet(language, 'ucanpay-webhook', ['verifyUcanpaySignature'], { modules: { express: express.module } });
        const now = Math.floor(Date.now() / 1000);
        await withEnv({ UCANPAY_WEBHOOK_SECRET: secret }, () => {
          assert.strictEqual(call(verify, body, sign(body, now)), true);
          assert.strictEqual(call(verify, body, sign(body, now - 240)), true, 'within the 300 s tolerance');
          const rotated = `${sign(body, now, 'old-secret')},${sign(body, now).split(',')[1]}`;
          assert.strictEqual(call(verify, body, rotated), true);
          assert.strictEqual(call(verify, Buffer.from(body.toString().replace('evt_1', 'evt_2')), sign(body, now)), false, 'tampered body');
          assert.strictEqual(call(verify, body, sign(body, now - 360)), false, 'too old');
          assert.strictEqual(call(verify, body, sign(body, now + 360)), false, 'too far ahead');
          assert.strictEqual(call(verify, body, sign(body, now, 'another-secret')), false, 'wrong secret');
          assert.strictEqual(call(verify, body, sign(body, now).replace(/v1=../, 'v1=')), false, 'truncated signature');
          assert.strictEqual(call(verify, body, `v1=${sign(body, now).split('v1=')[1]}`), false, 'no timestamp');
          assert.strictEqual(call(verify, body, undefined), false, 'no header');
          assert.strictEqual(call(verify, JSON.parse(body.toString()), sign(body, now)), false, 'a parsed body is not the raw body');
        });
        await withEnv({ UCANPAY_WEBHOOK_SECRET: undefined }, () => assert.throws(() => call(verify, body, sign(body, now)), /UCANPAY_WEBHOOK_SECRET is not set/));
      });

      it('mounts a route that reads the raw body, answers 400 to a bad signature and 200 to a good one', async () => {
        const express = fakeExpress();
        const log = capturingConsole();
        loadSnippet(language, 'ucanpay-webhook', ['verifyUcanpaySignature'], { modules: { express: express.module }, console: log.console });
        assert.deepStrictEqual(express.rawOptions, [{ type: 'application/json', limit: '1mb' }]);
        assert.strictEqual(express.routes.length, 1);
        assert.strictEqual(express.routes[0].path, '/webhooks/ucanpay');
        const handler = express.routes[0].handlers[1];
        const now = Math.floor(Date.now() / 1000);
        const deliver = (header: string | undefined, raw: unknown = body): FakeResponse => {
          const res = new FakeResponse();
          call(handler, { body: raw, get: (name: string) => (name.toLowerCase() === 'ucanpay-signature' ? header : undefined) }, res);
          return res;
        };
        await withEnv({ UCANPAY_WEBHOOK_SECRET: secret }, () => {
          const good = deliver(sign(body, now));
          assert.deepStrictEqual([good.statusCode, good.body], [200, { received: true }]);
          const bad = deliver(sign(body, now, 'forged'));
          assert.deepStrictEqual([bad.statusCode, bad.body], [400, { error: 'invalid signature' }]);
          assert.strictEqual(deliver(sign(body, now), JSON.parse(body.toString())).statusCode, 400, 'a body some JSON parser already consumed');
        });
        assert.ok(log.lines.every((line) => !line.includes(secret) && !line.includes('v1=')), 'no secret or signature in the log');
      });
    });

    describe('ucanpay-error-handler', () => {
      it('answers a generic message with a correlation id, and logs the details redacted under that id', () => {
        const log = capturingConsole();
        const { ucanpayErrorHandler: handler } = loadSnippet(language, 'ucanpay-error-handler', ['ucanpayErrorHandler'], { console: log.console });
        const card = luhnCardNumber('4000001234');
        const key = fakeApiKey();
        const res = new FakeResponse();
        call(handler, new Error(`charge failed for card ${card} cvv: 123 with key ${key}`), { method: 'POST', path: '/checkout' }, res, () => assert.fail('next'));
        assert.strictEqual(res.statusCode, 500);
        const answer = res.body as { error: { message: string; correlationId: string } };
        assert.deepStrictEqual(Object.keys(answer.error).sort(), ['correlationId', 'message']);
        assert.strictEqual(answer.error.message, 'Something went wrong. Please try again later.');
        assert.match(answer.error.correlationId, /^[0-9a-f-]{36}$/);
        assert.strictEqual(res.headers['x-correlation-id'], answer.error.correlationId);
        const [line] = log.lines;
        assert.ok(line.includes(answer.error.correlationId) && line.includes('charge failed'), 'the log has the details and the id');
        assert.ok(!line.includes(card) && !line.includes(key) && !line.includes('123 with'), `the log is redacted: ${line}`);

        const clientError = new FakeResponse();
        call(handler, Object.assign(new Error('Unexpected token } in JSON at position 7'), { status: 400 }), { method: 'POST', path: '/x' }, clientError, () => assert.fail('next'));
        assert.deepStrictEqual([clientError.statusCode, (clientError.body as { error: { message: string } }).error.message], [400, 'The request could not be processed.']);

        const streaming = new FakeResponse();
        streaming.headersSent = true;
        let forwarded: unknown;
        const error = new Error('late');
        call(handler, error, { method: 'GET', path: '/y' }, streaming, (e: unknown) => (forwarded = e));
        assert.strictEqual(forwarded, error, 'once headers are sent, Express closes the connection');
      });
    });

    describe('ucanpay-aes-gcm', () => {
      const key = randomBytes(32).toString('base64');

      it('round-trips with a fresh IV each time, and refuses tampered data, another context or a short key', async () => {
        const { encryptField, decryptField } = loadSnippet(language, 'ucanpay-aes-gcm', ['encryptField', 'decryptField']);
        await withEnv({ DATA_ENCRYPTION_KEY: key }, () => {
          const secret = 'Jöhn Dœ, 221B Baker Street';
          const first = call<string>(encryptField, secret, 'customer-1');
          const second = call<string>(encryptField, secret, 'customer-1');
          assert.notStrictEqual(first, second);
          assert.notDeepStrictEqual(Buffer.from(first, 'base64').subarray(0, 12), Buffer.from(second, 'base64').subarray(0, 12));
          assert.strictEqual(Buffer.from(first, 'base64').length, 12 + Buffer.byteLength(secret) + 16, 'IV | ciphertext | 16-byte tag');
          assert.strictEqual(call(decryptField, first, 'customer-1'), secret);
          const tampered = Buffer.from(first, 'base64');
          tampered[14] ^= 1;
          assert.throws(() => call(decryptField, tampered.toString('base64'), 'customer-1'));
          assert.throws(() => call(decryptField, first, 'customer-2'), 'bound to its context');
          assert.throws(() => call(decryptField, 'c2hvcnQ='), /not an encrypted value/);
        });
        await withEnv({ DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') }, () =>
          assert.throws(() => call(encryptField, 'x'), /DATA_ENCRYPTION_KEY must hold 32 random bytes/),
        );
      });
    });

    describe('ucanpay-session and ucanpay-cookie', () => {
      it('configures express-session with secure cookie flags, an idle timeout and an absolute lifetime', async () => {
        let options: Record<string, unknown> = {};
        const expressSession = (given: Record<string, unknown>) => {
          options = given;
          return () => undefined;
        };
        const secret = randomBytes(32).toString('hex');
        await withEnv({ SESSION_SECRET: undefined }, () =>
          assert.throws(() => loadSnippet(language, 'ucanpay-session', ['secureSession'], { modules: { 'express-session': expressSession } }), /SESSION_SECRET is not set/),
        );
        const { secureSession, startSecureSession } = await withEnv({ SESSION_SECRET: secret }, () =>
          loadSnippet(language, 'ucanpay-session', ['secureSession', 'startSecureSession'], { modules: { 'express-session': expressSession } }),
        );
        assert.strictEqual(options.secret, secret);
        assert.deepStrictEqual([options.rolling, options.resave, options.saveUninitialized, options.name], [true, false, false, '__Host-sid']);
        assert.deepStrictEqual(options.cookie, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: 15 * 60 * 1000 });

        const absolute = (secureSession as Fn[])[1];
        const request = (createdAt?: number) => {
          const events: string[] = [];
          const session: Record<string, unknown> = {
            createdAt,
            regenerate: (cb: (err?: unknown) => void) => {
              events.push('regenerate');
              cb();
            },
            save: (cb: (err?: unknown) => void) => {
              events.push('save');
              cb();
            },
          };
          return { events, req: { session } };
        };
        const old = request(Date.now() - 8 * 60 * 60 * 1000 - 1000);
        call(absolute, old.req, {}, () => old.events.push('next'));
        assert.deepStrictEqual(old.events, ['regenerate', 'next'], 'past 8 hours: a fresh session');
        const recent = request(Date.now() - 60 * 1000);
        call(absolute, recent.req, {}, () => recent.events.push('next'));
        assert.deepStrictEqual(recent.events, ['next']);

        const signIn = request();
        await call(startSecureSession, signIn.req, 'user-1');
        assert.deepStrictEqual(signIn.events, ['regenerate', 'save'], 'a new session id at sign-in');
        assert.strictEqual(signIn.req.session.userId, 'user-1');
        assert.ok(Math.abs(Number(signIn.req.session.createdAt) - Date.now()) < 5000);
      });

      it('sets and clears cookies with Secure, HttpOnly, SameSite and an expiry', () => {
        const { setSecureCookie, clearSecureCookie } = loadSnippet(language, 'ucanpay-cookie', ['setSecureCookie', 'clearSecureCookie']);
        const res = new FakeResponse();
        call(setSecureCookie, res, '__Host-cart', 'c-1');
        call(clearSecureCookie, res, '__Host-cart');
        assert.deepStrictEqual(res.cookies, [
          { name: '__Host-cart', value: 'c-1', options: { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: 30 * 60 * 1000 }, cleared: false },
          { name: '__Host-cart', options: { httpOnly: true, secure: true, sameSite: 'strict', path: '/' }, cleared: true },
        ]);
      });
    });

    describe('ucanpay-logger', () => {
      it('masks keys, credentials, card numbers and CVV in messages and fields, and keeps the rest', () => {
        const { logger } = loadSnippet(language, 'ucanpay-logger', ['logger']);
        const card = luhnCardNumber('4000009876');
        const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
        const key = fakeApiKey();
        const written: string[] = [];
        const original = process.stdout.write.bind(process.stdout);
        process.stdout.write = ((chunk: string) => {
          written.push(chunk);
          return true;
        }) as typeof process.stdout.write;
        const cyclic: Record<string, unknown> = { orderId: 'order-7' };
        cyclic.self = cyclic;
        try {
          (logger as { info: Fn }).info.call(undefined, `paid with ${spaced} using ${key}` as never, {
            cvv: '123',
            card: { number: card, expMonth: 12 },
            headers: { Authorization: `Bearer ${randomBytes(16).toString('hex')}` },
            note: 'raw "cvc": "987" seen',
            amount: 1250,
            timestampMs: 1_712_345_678_901,
            cyclic,
          } as never);
        } finally {
          process.stdout.write = original;
        }
        assert.strictEqual(written.length, 1);
        const entry = JSON.parse(written[0]) as Record<string, unknown>;
        const text = written[0];
        assert.ok(!text.includes(card) && !text.includes(spaced) && !text.includes(key) && !text.includes('Bearer '), text);
        // (Not a search of the whole line for "987": the log's own timestamp may contain it.)
        assert.ok(!String(entry.note).includes('987'), text);
        assert.match(String(entry.message), new RegExp(`paid with \\[CARD \\.\\.\\.${card.slice(-4)}\\] using ucp_test_\\[REDACTED\\]`));
        assert.strictEqual(entry.cvv, '[REDACTED]');
        assert.strictEqual((entry.card as Record<string, unknown>).expMonth, '[REDACTED]');
        assert.deepStrictEqual([entry.amount, entry.timestampMs, entry.level], [1250, 1_712_345_678_901, 'info']);
        assert.deepStrictEqual(entry.cyclic, { orderId: 'order-7', self: '[...]' });
      });
    });
  });
}

describe('the python snippets at run time', () => {
  // One interpreter runs every check (test/unit/snippets/python_behaviour.py); a check whose
  // snippet needs a package that is not installed (Flask, FastAPI, cryptography, requests) is
  // reported as pending, with the package named, rather than passed.
  const checks: Array<[string, string]> = [
    ['webhook', 'ucanpay-webhook verifies signatures made by the JavaScript side, and refuses forged, stale and tampered ones'],
    ['logger', 'ucanpay-logger masks card numbers, keys and CVV in messages, arguments and tracebacks'],
    ['aes-gcm', 'ucanpay-aes-gcm reads what JavaScript wrote and the other way round, and refuses tampering'],
    ['client', 'ucanpay-client and the payment snippets send the key, the Idempotency-Key and a timeout, and log no secret'],
    ['error-handler-flask', 'ucanpay-error-handler-flask answers generically and logs redacted'],
    ['error-handler-fastapi', 'ucanpay-error-handler-fastapi answers generically, invalid input included'],
    ['session-flask', 'ucanpay-session (Flask) sets the cookie flags and ends sessions past the absolute lifetime'],
    ['cookie', 'ucanpay-cookie sets and clears cookies with Secure, HttpOnly, SameSite and an expiry'],
  ];
  let results: Record<string, { status: 'ok' | 'skip' | 'fail'; detail: string; ciphertext?: string }> | undefined;
  let unavailable: string | undefined;
  const dataKey = randomBytes(32).toString('base64');
  const plaintext = 'Jöhn Dœ, 221B Baker Street';
  let javascriptAes: Record<string, unknown>;

  before(function () {
    this.timeout(60_000);
    const pythonSnippets = loadSnippets(repoRoot, 'python');
    javascriptAes = loadSnippet('javascript', 'ucanpay-aes-gcm', ['encryptField', 'decryptField']);
    const webhookSecret = randomBytes(24).toString('hex');
    const webhookBody = JSON.stringify({ id: 'evt_1', type: 'payment.succeeded' });
    const t = Math.floor(Date.now() / 1000);
    const input = {
      snippets: Object.fromEntries(pythonSnippets.map((s) => [s.prefix, expandProgram(pythonSnippets, s, `/workspace/src/${s.prefix}.py`)])),
      node: {
        webhookSecret,
        webhookBody,
        webhookHeader: `t=${t},v1=${createHmac('sha256', webhookSecret).update(`${t}.${webhookBody}`).digest('hex')}`,
        cardNumber: luhnCardNumber('4000001111'),
        apiKey: fakeApiKey(),
        dataKey,
        plaintext,
        aad: 'customer-1',
        ciphertext: '',
        sessionSecret: randomBytes(32).toString('hex'),
      },
    };
    const previous = process.env.DATA_ENCRYPTION_KEY;
    process.env.DATA_ENCRYPTION_KEY = dataKey;
    try {
      input.node.ciphertext = call<string>(javascriptAes.encryptField, plaintext, 'customer-1');
    } finally {
      if (previous === undefined) {
        delete process.env.DATA_ENCRYPTION_KEY;
      } else {
        process.env.DATA_ENCRYPTION_KEY = previous;
      }
    }
    const run = spawnSync('python3', [path.join(repoRoot, 'test', 'unit', 'snippets', 'python_behaviour.py')], {
      input: JSON.stringify(input),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    if (run.error || run.status !== 0) {
      unavailable = run.error ? `python3 could not be run (${run.error.message})` : `the harness failed:\n${run.stderr}`;
      return;
    }
    results = JSON.parse(run.stdout) as typeof results;
  });

  for (const [name, title] of checks) {
    it(title, async function () {
      if (!results) {
        if (unavailable?.startsWith('python3 could not be run')) {
          console.log(`      note: ${unavailable}`);
          this.skip();
        }
        assert.fail(unavailable);
      }
      const result = results[name];
      assert.ok(result, `the harness ran no ${name} check`);
      if (result.status === 'skip') {
        console.log(`      note: ${name} not run: ${result.detail}`);
        this.skip();
      }
      assert.strictEqual(result.status, 'ok', result.detail);
      if (name === 'aes-gcm') {
        await withEnv({ DATA_ENCRYPTION_KEY: dataKey }, () => {
          assert.strictEqual(call(javascriptAes.decryptField, result.ciphertext, 'customer-1'), plaintext, 'JavaScript reads what Python wrote');
        });
      }
    });
  }
});
