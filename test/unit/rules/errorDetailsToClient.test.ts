import * as assert from 'assert';
import { itFixes, itStaysQuiet, spans } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'error-details-to-client';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

/** Each case: a title, a file name, its text, and the texts the rule must flag (in order). */
const flagged: Array<[string, string, string, string[]]> = [
  ['message in json', 'a.js', 'try { x(); } catch (err) { res.status(500).json({ error: err.message }); }', ['err.message']],
  ['error object sent', 'a.js', 'try { x(); } catch (e) { res.send(e); }', ['e']],
  ['stack in error middleware', 'a.ts', 'app.use((err: Error, req: Request, res: Response, next: NextFunction) => { res.status(500).send(err.stack); });', ['err.stack']],
  ['middleware with another response name', 'a.js', 'function onError(error, req, response, next) { response.json({ details: error.details }); }', ['error.details']],
  ['promise catch', 'a.js', 'app.get("/", (req, res) => { work().catch(err => res.json(err)); });', ['err']],
  ['then rejection handler', 'a.js', 'work().then(ok, (problem) => res.status(500).end(problem.message));', ['problem.message']],
  ['node callback', 'a.js', 'db.get(id, (err, row) => { if (err) return res.status(500).send(`DB error: ${err}`); });', ['err']],
  ['Koa body', 'a.js', 'app.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.body = { message: err.message }; } });', ['err.message']],
  ['Fastify reply', 'a.js', 'fastify.setErrorHandler(function (error, request, reply) { reply.code(500).send({ error: error.message }); });', ['error.message']],
  ['Next route handler', 'a.ts', 'export async function GET() { try { return ok(); } catch (e) { return NextResponse.json({ error: String(e) }, { status: 500 }); } }', ['String(e)']],
  ['Response constructor', 'a.ts', 'try { x(); } catch (e) { return new Response((e as Error).message, { status: 500 }); }', ['(e as Error).message']],
  ['alias of the message', 'a.ts', 'try { x(); } catch (e) { const msg = e instanceof Error ? e.message : String(e); return Response.json({ msg }); }', ['msg']],
  ['destructured message', 'a.js', 'try { x(); } catch ({ message }) { res.json({ message }); }', ['message']],
  ['upstream response data', 'a.js', 'try { await axios.post(u); } catch (err) { res.status(502).json(err.response.data); }', ['err.response.data']],
  ['util.inspect', 'a.js', 'try { x(); } catch (err) { res.type("text").send(util.inspect(err)); }', ['util.inspect(err)']],
  ['rendered view', 'a.js', 'app.use((err, req, res, next) => res.render("error", { error: err }));', ['err']],
  ['Lambda response', 'a.js', 'try { x(); } catch (err) { return { statusCode: 500, body: JSON.stringify(err) }; }', ['JSON.stringify(err)']],
  ['TSX', 'a.tsx', 'export default async function h(req, res) { try { await x(); } catch (error) { res.status(500).json({ error }); } }', ['error']],
];

const quiet: Array<[string, string, string]> = [
  ['logged only', 'a.js', 'try { x(); } catch (err) { console.error(err); res.status(500).json({ error: "Something went wrong" }); }'],
  ['status and own code', 'a.js', 'try { x(); } catch (err) { res.status(err.statusCode || 500).json({ code: err.code, name: err.name }); }'],
  ['http-errors expose', 'a.js', 'app.use((err, req, res, next) => res.json({ error: err.expose ? err.message : "Internal error" }));'],
  ['environment ternary', 'a.js', 'try { x(); } catch (err) { res.json({ stack: process.env.NODE_ENV !== "production" ? err.stack : undefined }); }'],
  ['environment if', 'a.js', 'app.use((err, req, res, next) => { if (app.get("env") === "development") { res.send(err.stack); } else { res.sendStatus(500); } });'],
  ['early production exit', 'a.js', 'app.use((err, req, res, next) => { if (isProduction) return res.sendStatus(500); res.json({ stack: err.stack }); });'],
  ['deliberate error class', 'a.ts', 'try { x(); } catch (e) { if (e instanceof ValidationError) { return res.status(400).json({ errors: e.errors }); } throw e; }'],
  ['client errors only', 'a.js', 'app.use((err, req, res, next) => { if (err.status < 500) return res.status(err.status).json({ error: err.message }); res.sendStatus(500); });'],
  ['validation results', 'a.js', 'const result = validationResult(req); if (!result.isEmpty()) res.status(400).json({ errors: result.array() });'],
  ['boolean from the message', 'a.js', 'try { x(); } catch (err) { res.json({ retry: err.message.includes("timeout") }); }'],
  ['passed to next', 'a.js', 'try { x(); } catch (err) { next(err); }'],
  ['not a response', 'a.js', 'try { x(); } catch (err) { socket.write(err.message); cache.set("last", err.message); }'],
  ['error outside a catch', 'a.js', 'const err = new Error("x"); res.json({ error: "nope" });'],
  ['logger in middleware', 'a.js', 'app.use((err, req, res, next) => { logger.error({ err }); res.status(500).json({ error: "Internal" }); });'],
  ['event parameter named e', 'a.js', 'button.on("click", (e) => res.json({ x: e.target }));'],
];

describe('rule error-details-to-client', () => {
  for (const [title, path, text, expected] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), expected);
    });
  }

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  it('says which part of the exception leaks', async () => {
    const text = 'try { x(); } catch (err) { res.send(err.stack); }';
    const [finding] = await ruleFindings('a.js', text);
    assert.match(finding.message, /stack trace/);
    assert.match(finding.message, /generic message/);
  });

  const fixes: Array<[string, string, string, string]> = [
    ['replaces a pair value', 'a.js', "try { x(); } catch (err) { res.status(500).json({ ok: false, error: err.message }); }", "try { x(); } catch (err) { res.status(500).json({ ok: false, error: 'Something went wrong' }); }"],
    ['replaces a whole json body', 'a.js', 'try { x(); } catch (err) { res.json(err); }', "try { x(); } catch (err) { res.json({ error: 'Something went wrong' }); }"],
    ['replaces a text body', 'a.js', 'try { x(); } catch (err) { res.end(err.toString()); }', "try { x(); } catch (err) { res.end('Something went wrong'); }"],
    ['expands a shorthand', 'a.ts', 'try { x(); } catch (error) { return Response.json({ error }); }', "try { x(); } catch (error) { return Response.json({ error: 'Something went wrong' }); }"],
    ['keeps JSON.stringify', 'a.js', 'try { x(); } catch (err) { return { statusCode: 500, body: JSON.stringify(err) }; }', "try { x(); } catch (err) { return { statusCode: 500, body: JSON.stringify({ error: 'Something went wrong' }) }; }"],
    ['follows the file quotes', 'a.js', 'try { x("a"); } catch (err) { res.send(err.message); }', 'try { x("a"); } catch (err) { res.send("Something went wrong"); }'],
  ];
  itFixes(fixes, ruleFindings);

  it('offers no fix when the leak is part of a larger text', async () => {
    const [finding] = await ruleFindings('a.js', 'try { x(); } catch (err) { res.send("Failed: " + err.message); }');
    assert.deepStrictEqual(finding.fixes, []);
  });
});
