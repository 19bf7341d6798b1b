import * as assert from 'assert';
import { itFlags, itStaysQuiet, spans } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'sensitive-data-in-logs';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const flagged: Array<[string, string, string, string[]]> = [
  ['card number', 'a.js', "console.log('card', cardNumber);", ['cardNumber']],
  ['snake_case PAN', 'a.js', 'logger.info({ card_number: body.card_number });', ['body.card_number']],
  ['CVV shorthand', 'a.ts', 'logger.info({ cvv, amount });', ['cvv']],
  ['card object number', 'a.ts', 'console.log(`paying with ${card.number}`);', ['card.number']],
  ['card expiry', 'a.js', 'log.debug(cardExpiry);', ['cardExpiry']],
  ['authorization header', 'a.js', 'this.logger.info(req.headers.authorization);', ['req.headers.authorization']],
  ['authorization subscript', 'a.js', "console.log(req.headers['Authorization']);", ["req.headers['Authorization']"]],
  ['header getter', 'a.ts', "logger.warn(request.headers.get('authorization'));", ["request.headers.get('authorization')"]],
  ['api key env', 'a.js', 'console.log(process.env.UCANPAY_API_KEY);', ['process.env.UCANPAY_API_KEY']],
  ['secret env word', 'a.js', 'console.log(process.env.WEBHOOK_SECRET);', ['process.env.WEBHOOK_SECRET']],
  ['whole environment', 'a.js', 'console.log(process.env);', ['process.env']],
  ['password in object', 'a.js', "console.error('login failed', { email, password });", ['password']],
  ['key names the value', 'a.js', 'logger.info({ apiKey: cfg.k });', ['apiKey: cfg.k']],
  ['concatenated token', 'a.js', "console.log('token: ' + accessToken);", ['accessToken']],
  ['whole body', 'a.js', 'logger.info(req.body);', ['req.body']],
  ['stringified body', 'a.js', 'console.log(`got ${JSON.stringify(req.body)}`);', ['JSON.stringify(req.body)']],
  ['Koa body', 'a.js', 'ctx.log.info(ctx.request.body);', ['ctx.request.body']],
  ['whole headers', 'a.js', 'console.log(req.headers);', ['req.headers']],
  ['debug package', 'a.js', "debug('secret %s', clientSecret);", ['clientSecret']],
  ['winston instance', 'a.js', "winston.log('info', 'cfg', { password: config.db.password });", ['config.db.password']],
  ['named logger', 'a.ts', 'paymentLogger.error(cvc);', ['cvc']],
  ['getter', 'a.ts', 'console.log(getApiKey());', ['getApiKey()']],
  ['TSX', 'a.tsx', 'const F = () => { console.log(props.token); return <div />; };', ['props.token']],
];

const quiet: Array<[string, string, string]> = [
  ['words in a string', 'a.js', "console.log('token refreshed'); console.log('card number invalid'); console.log(`password reset for ${email}`);"],
  ['last four', 'a.js', 'console.log(last4, cardLast4, card.last4);'],
  ['masked', 'a.js', 'console.log(maskedPan, maskPan(pan), redact(token), mask(cardNumber), sha256(password));'],
  ['sliced', 'a.js', 'console.log(cardNumber.slice(-4), apiKey.substring(0, 12));'],
  ['single body field', 'a.js', 'logger.info({ amount: req.body.amount, currency: req.body.currency });'],
  ['lengths and booleans', 'a.js', 'console.log(password.length, !!token, typeof apiKey, token === undefined);'],
  ['masked literal value', 'a.js', "console.log({ password: '***', token: '[redacted]' });"],
  ['public env', 'a.js', 'console.log(process.env.NODE_ENV, process.env.UCANPAY_PUBLISHABLE_KEY, process.env.PORT);'],
  ['error object', 'a.js', "logger.error({ err }, 'failed');"],
  ['boolean and pagination names', 'a.js', 'console.log(hasToken, isPasswordValid, nextPageToken, passwordHash, tokenType);'],
  ['not a logger', 'a.js', 'dialog.error(token); catalog.info(password); res.json({ token });'],
  ['other headers', 'a.js', "console.log(req.headers['content-type'], req.get('user-agent'));"],
  ['hashed value under a sensitive key', 'a.js', 'logger.info({ password: user.passwordHash });'],
  ['enum member naming a secret', 'a.ts', 'logger.info(`${EnvVarNames.MSI_SECRET} is not set`); console.log(HeaderNames.AUTHORIZATION);'],
  ['in a comment', 'a.js', '// console.log(cardNumber)\nconst x = 1;'],
];

describe('rule sensitive-data-in-logs', () => {
  itFlags(flagged, (path, text) => spans(ruleFindings(path, text), text));

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  it('is an error for card data and secrets, a warning for whole bodies and headers', async () => {
    const text = 'console.log(cvv); console.log(apiKey); console.log(req.body); console.log(req.headers);';
    assert.deepStrictEqual((await ruleFindings('a.js', text)).map((f) => f.severity), ['error', 'error', 'warning', 'warning']);
  });

  it('names what leaks and suggests redaction, without a fix', async () => {
    const [finding] = await ruleFindings('a.js', 'console.log(process.env.UCANPAY_API_KEY);');
    assert.match(finding.message, /process\.env\.UCANPAY_API_KEY/);
    assert.match(finding.message, /[Rr]edact/);
    assert.deepStrictEqual(finding.fixes, []);
  });

  it('reports one finding per log call', async () => {
    assert.strictEqual((await ruleFindings('a.js', 'console.log(cardNumber, cvv, password);')).length, 1);
  });
});
