import { sharedScopes } from '../js/declarations';
import { callSites, inDocumentOrder } from '../js/callSites';
import { pairSites } from '../js/pairSites';
import {
  assignedPropertyName,
  callArguments,
  callbackOf,
  calleeOf,
  chainRoot,
  entryValue,
  objectEntries,
  functionTypes,
  moduleBindings,
  parameterPatterns,
  fileQuote,
  propertyName,
  responseNames,
  unwrap,
} from '../js/express';
import { lastSegment } from '../js/syntax';
import type { FixSpec, Rule, SyntaxContext, SyntaxNode } from '../rule';

/** What of an exception reaches the response. */
type LeakKind = 'error' | 'message' | 'stack' | 'details';

interface Leak {
  readonly node: SyntaxNode;
  readonly kind: LeakKind;
}

/**
 * Names bound to an exception (or to a piece of one) where a sink sits. `carriers` are the
 * objects a piece was stored in (`r.data = err`): they leak it, but are not the exception.
 */
class Bindings extends Map<string, LeakKind> {
  /** Carrier name → the properties that hold a piece of the exception. */
  readonly carriers = new Map<string, Set<string>>();
}

// Parameters that hold an error by convention, in any function: `(err, data) => …`, `handle(error)`.
const errorParameter = /^_?(?:err|error|exception|ex|exc|er)$/i;
// Callbacks whose first parameter is an error: `p.catch(e => …)`, Fastify's `setErrorHandler`,
// Hono's `app.onError`.
const errorCallbackCallees = new Set(['catch', 'setErrorHandler', 'onError', 'errorHandler', 'handleError']);

// Properties of an error that are fine to send: the HTTP status and our own machine-readable code.
const safeErrorProperties = new Set(['status', 'statusCode', 'code', 'name', 'expose', 'length']);
// Methods of a string that produce a boolean or a number, not the text.
const testMethods = new Set(['includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'localeCompare', 'search']);
// Methods that keep the text (or most of it).
const textMethods = new Set([
  'toString', 'toJSON', 'valueOf', 'trim', 'trimStart', 'trimEnd', 'replace', 'replaceAll', 'split', 'slice',
  'substring', 'substr', 'toUpperCase', 'toLowerCase', 'concat', 'join', 'padStart', 'padEnd', 'at',
]);
// Functions that turn an error into text or a plain object.
const stringifiers = new Set(['String', 'stringify', 'inspect', 'format', 'serializeError', 'serialize', 'assign', 'toJSON', 'entries', 'values', 'fromEntries']);
// Helpers that read an error's text: `getErrorMessage(err)`, `errorMessage(e)`, `toErrorString(err)`.
const messageGetter = /^(?:get|to|format|extract|read)?(?:Error|Err|Exception)(?:Message|Msg|Text|String|Details)$|^(?:get|to|format|extract)(?:Message|Msg|Details)$/i;

// Methods that write a response body: Express `res.send/json/end`, Fastify `reply.send`, Hono `c.json/text`.
const sinkMethods = new Set(['send', 'json', 'jsonp', 'end', 'write', 'text', 'html', 'body', 'render', 'flash', 'response']);
// connect-flash: `req.flash(type, message)` shows the message on the next page the user sees.
const requestName = /^_?(?:req|request)$/;
const responseClasses = new Set(['Response', 'NextResponse']);
/**
 * NestJS exceptions whose first argument becomes the response body (`{ statusCode, message }`).
 * The 4xx ones are left out: `throw new BadRequestException(e.message)` is how services pass a
 * domain error they wrote themselves on to the client.
 */
const nestServerErrors = new Set([
  'HttpException',
  'InternalServerErrorException',
  'NotImplementedException',
  'BadGatewayException',
  'ServiceUnavailableException',
  'GatewayTimeoutException',
]);
// `HttpStatus` members of the 5xx range; any other member is a client error.
const serverErrorStatuses = /^(?:INTERNAL_SERVER_ERROR|NOT_IMPLEMENTED|BAD_GATEWAY|SERVICE_UNAVAILABLE|GATEWAY_TIMEOUT|HTTP_VERSION_NOT_SUPPORTED)$/;
const koaContexts = new Set(['ctx', 'context', 'ctx.response', 'context.response']);

// Conditions that say the developer decided what the client may see: environment checks
// (both branches are then deliberate) and checks of the error's kind (the branch taken is).
const environmentCondition =
  /\b(?:NODE_ENV|isDev\w*|isDevelopment|isProd\w*|isProduction|development|production|__DEV__|debug|DEBUG)\b|\benv\b/;
// The error was made to be shown: a flag or class that says so, its kind compared, or an HTTP
// status it carries (`if (err.statusCode)`: the app's own errors and http-errors', whose 5xx
// messages are generic) — not negated (`!err.status`).
const deliberateCondition =
  /\b(?:expose|isOperational|isBoom|isJoi|isClientError|isHttpError|isCelebrateError)\b|\binstanceof\s+(?!(?:Error|TypeError|RangeError|SyntaxError|ReferenceError|Object)\b)[A-Za-z_$]|\.(?:name|code|status|statusCode|type|kind)\s*(?:[<>]=?|[!=]==?)|(?<![!\w$.])[A-Za-z_$][\w$]*\??\.(?:status|statusCode|errorCode|httpCode|httpStatus)\b(?!\s*(?:[<>]=?|[!=]==?|\())/;

const genericMessage = 'Something went wrong';

function leakOf(node: SyntaxNode | null | undefined, names: Bindings, depth = 0): Leak | undefined {
  if (!node || depth > 40) {
    return undefined;
  }
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier': {
      const kind = names.get(node.text);
      return kind ? { node, kind } : undefined;
    }
    case 'member_expression':
    case 'subscript_expression': {
      const property = propertyName(node);
      if (property !== undefined && safeErrorProperties.has(property)) {
        return undefined;
      }
      const inner = leakOf(unwrap(node.childForFieldName('object')), names, depth + 1);
      if (!inner) {
        return undefined;
      }
      if (inner.kind !== 'error') {
        return { node, kind: inner.kind };
      }
      return { node, kind: property === 'stack' ? 'stack' : property === 'message' ? 'message' : 'details' };
    }
    case 'call_expression': {
      const callee = unwrap(node.childForFieldName('function'));
      const name = lastSegment(callee);
      if (callee && (callee.type === 'member_expression' || callee.type === 'subscript_expression')) {
        if (testMethods.has(name)) {
          return undefined;
        }
        if (textMethods.has(name)) {
          const inner = leakOf(unwrap(callee.childForFieldName('object')), names, depth + 1);
          if (inner) {
            return { node, kind: inner.kind === 'error' ? 'message' : inner.kind };
          }
        }
      }
      // An object that carries a piece of the exception stays one when wrapped for sending
      // (`res.json(encryptResponse(r))`). The exception itself passed to a function of ours
      // may be sanitised there (`toPublicError(err)`): not followed.
      for (const arg of callArguments(node)) {
        const carrier = unwrap(arg);
        const kind = carrier?.type === 'identifier' && names.carriers.has(carrier.text) ? names.get(carrier.text) : undefined;
        if (carrier && kind) {
          return { node: carrier, kind };
        }
      }
      if (stringifiers.has(name) || messageGetter.test(name)) {
        for (const arg of callArguments(node)) {
          const inner = leakOf(unwrap(arg), names, depth + 1);
          if (inner) {
            // `String(err)` is its message; `util.inspect(err)` includes the stack.
            const kind = inner.kind !== 'error' ? inner.kind : name === 'inspect' ? 'stack' : stringifiers.has(name) && name !== 'String' ? 'error' : 'message';
            return { node, kind };
          }
        }
      }
      return undefined;
    }
    case 'template_string':
      for (const child of node.namedChildren) {
        if (child?.type === 'template_substitution') {
          const inner = leakOf(unwrap(child.namedChildren[0]), names, depth + 1);
          if (inner) return inner.kind === 'error' ? { node: inner.node, kind: 'message' } : inner;
        }
      }
      return undefined;
    case 'object':
    case 'array':
      for (const child of node.namedChildren) {
        if (!child) continue;
        const value = child.type === 'pair' ? entryValue(child) : child.type === 'spread_element' ? child.namedChildren[0] : child;
        const inner = leakOf(unwrap(value), names, depth + 1);
        if (inner) return inner;
      }
      return undefined;
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.text;
      const left = unwrap(node.childForFieldName('left'));
      const right = unwrap(node.childForFieldName('right'));
      if (operator === '+' || operator === '||' || operator === '??') {
        return leakOf(left, names, depth + 1) ?? leakOf(right, names, depth + 1);
      }
      if (operator !== '&&') {
        return undefined;
      }
      // `...(config.env === 'development' && { stack: err.stack })`: chosen by the environment or the kind of error.
      const condition = left?.text ?? '';
      return environmentCondition.test(condition) || deliberateCondition.test(condition) ? undefined : leakOf(right, names, depth + 1);
    }
    case 'ternary_expression': {
      const condition = node.childForFieldName('condition')?.text ?? '';
      if (environmentCondition.test(condition)) {
        return undefined;
      }
      const consequence = deliberateCondition.test(condition)
        ? undefined
        : leakOf(unwrap(node.childForFieldName('consequence')), names, depth + 1);
      return consequence ?? leakOf(unwrap(node.childForFieldName('alternative')), names, depth + 1);
    }
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
    case 'await_expression':
    case 'spread_element':
      return leakOf(unwrap(node), names, depth + 1);
    default:
      return undefined;
  }
}

/** Names a catch clause or an error callback binds: the error, or `message`/`stack` destructured from it. */
function addPatternBindings(pattern: SyntaxNode | null | undefined, names: Bindings): void {
  if (!pattern) {
    return;
  }
  if (pattern.type === 'identifier') {
    names.set(pattern.text, 'error');
    return;
  }
  if (pattern.type !== 'object_pattern') {
    return;
  }
  for (const member of pattern.namedChildren) {
    if (member?.type === 'shorthand_property_identifier_pattern') {
      const kind = pieceKind(member.text);
      if (kind) names.set(member.text, kind);
    } else if (member?.type === 'pair_pattern') {
      const kind = pieceKind(member.childForFieldName('key')?.text ?? '');
      const value = member.childForFieldName('value');
      if (kind && value?.type === 'identifier') names.set(value.text, kind);
    }
  }
}

function pieceKind(key: string): LeakKind | undefined {
  return key === 'message' ? 'message' : key === 'stack' ? 'stack' : key === 'error' || key === 'err' ? 'error' : undefined;
}

interface Scope {
  readonly names: Bindings;
  readonly responses: Set<string>;
  /** Statement blocks between the sink and the outermost error binding, innermost first, with the statement holding the sink. */
  readonly blocks: Array<{ readonly block: SyntaxNode; readonly statement: SyntaxNode }>;
  guarded: boolean;
}

function isGuard(condition: string, branch: 'consequence' | 'alternative'): boolean {
  return environmentCondition.test(condition) || (branch === 'consequence' && deliberateCondition.test(condition));
}

/** `if (cond) return …;` or `if (cond) { …; return; }`. */
function exitsEarly(statement: SyntaxNode): boolean {
  const consequence = statement.childForFieldName('consequence');
  if (!consequence) {
    return false;
  }
  const last = consequence.type === 'statement_block' ? consequence.namedChildren[consequence.namedChildren.length - 1] : consequence;
  return last?.type === 'return_statement' || last?.type === 'throw_statement';
}

/**
 * Walks from a sink to the root: collects the exception names bound around it, response-object
 * parameter names, the blocks it sits in, and whether an environment or error-kind check guards it.
 */
function scopeOf(context: SyntaxContext, sink: SyntaxNode): Scope {
  const scope: Scope = { names: new Bindings(), responses: new Set(responseNames), blocks: [], guarded: false };
  let child = sink;
  // Shared ancestors: `node.parent` walks down from the root on every call.
  for (const parent of sharedScopes(context).ancestors(sink)) {
    switch (parent.type) {
      case 'if_statement': {
        const condition = parent.childForFieldName('condition')?.text ?? '';
        const branch = parent.childForFieldName('consequence')?.id === child.id ? 'consequence' : 'alternative';
        if (child.type !== 'parenthesized_expression' && isGuard(condition, branch)) {
          scope.guarded = true;
        }
        break;
      }
      case 'ternary_expression': {
        const condition = parent.childForFieldName('condition');
        if (condition && condition.id !== child.id) {
          const branch = parent.childForFieldName('consequence')?.id === child.id ? 'consequence' : 'alternative';
          if (isGuard(condition.text, branch)) scope.guarded = true;
        }
        break;
      }
      case 'statement_block':
        scope.blocks.push({ block: parent, statement: child });
        break;
      case 'catch_clause':
        if (!catchesOnlyWebhookVerification(parent)) {
          addPatternBindings(parent.childForFieldName('parameter'), scope.names);
        }
        break;
      default:
        if (functionTypes.has(parent.type)) {
          addFunctionBindings(parent, scope);
        }
    }
    child = parent;
  }
  return scope;
}

// Webhook signature checks: Stripe's `webhooks.constructEvent`, Medusa's `constructWebhook`, and the usual names.
const webhookVerification = /\b(?:constructEvent(?:Async)?|constructWebhook\w*|verifyWebhook\w*|validateWebhook\w*|verify(?:Webhook)?Signature|webhooks?\s*\.\s*(?:verify|unwrap))\s*\(/;

/**
 * A `try` that only verifies a webhook's signature (`event = stripe.webhooks.constructEvent(…)`):
 * its error says the signature did not match, and the reply goes to the payment provider that
 * sent the webhook (Stripe's own samples send `Webhook Error: ${err.message}`).
 */
function catchesOnlyWebhookVerification(catchClause: SyntaxNode): boolean {
  const body = catchClause.parent?.type === 'try_statement' ? catchClause.parent.childForFieldName('body') : null;
  const statements = body?.namedChildren.filter((statement) => statement !== null && statement.type !== 'comment') ?? [];
  return statements.length > 0 && statements.every((statement) => webhookVerification.test(statement?.text ?? ''));
}

function addFunctionBindings(fn: SyntaxNode, scope: Scope): void {
  const params = parameterPatterns(fn);
  const first = params[0];
  if (!first) {
    return;
  }
  const callback = callbackOf(fn);
  const name = first.type === 'identifier' ? first.text : '';
  const errorCallback =
    (callback && ((errorCallbackCallees.has(callback.callee) && callback.index === 0) || (callback.callee === 'then' && callback.index === 1))) ||
    (fn.type === 'method_definition' && fn.childForFieldName('name')?.text === 'catch');
  // Express error middleware: exactly four parameters, the error first.
  const middleware = params.length === 4 && (errorParameter.test(name) || callback?.callee === 'use');
  if (errorCallback || middleware || errorParameter.test(name)) {
    if (first.type === 'identifier' || (callback && errorCallbackCallees.has(callback.callee))) {
      addPatternBindings(first, scope.names);
    }
  }
  if (middleware && params[2]?.type === 'identifier') {
    scope.responses.add(params[2].text);
  }
  if (callback && errorCallbackCallees.has(callback.callee)) {
    for (const param of params.slice(1, 3)) {
      if (param.type === 'identifier') scope.responses.add(param.text);
    }
  }
  if (/^_?(?:req|request)$/.test(name) && params[1]?.type === 'identifier') {
    scope.responses.add(params[1].text);
  }
}

/**
 * `const message = err.message;` before the sink: `message` carries the leak too. So does an
 * object a piece is stored in, `r.data = err;` (DVBA's handlers build their replies that way).
 */
function addAliases(scope: Scope): void {
  for (let i = scope.blocks.length - 1; i >= 0; i--) {
    const { block, statement } = scope.blocks[i];
    let seen = 0;
    for (const child of block.namedChildren) {
      if (!child || child.id === statement.id || child.startIndex >= statement.startIndex || seen++ > 60) {
        break;
      }
      if (child.type === 'expression_statement') {
        addCarrier(child.namedChildren[0], scope.names);
        continue;
      }
      if (child.type !== 'lexical_declaration' && child.type !== 'variable_declaration') {
        continue;
      }
      for (const declarator of child.namedChildren) {
        const name = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : undefined;
        if (name?.type !== 'identifier') continue;
        const leak = leakOf(unwrap(declarator?.childForFieldName('value')), scope.names);
        if (leak) scope.names.set(name.text, leak.kind === 'error' ? 'error' : leak.kind);
      }
    }
  }
}

/**
 * `r.data = err.message`: `r` (a plain variable, not `res.locals` or `this`) now carries the leak,
 * until a later `r.data = 'Could not save'` overwrites the only property that held it.
 */
function addCarrier(expression: SyntaxNode | null | undefined, names: Bindings): void {
  const target = assignedMember(expression);
  if (!target) {
    return;
  }
  const object = unwrap(target.childForFieldName('object'));
  if (object?.type !== 'identifier' || (names.has(object.text) && !names.carriers.has(object.text))) {
    return;
  }
  const property = propertyName(target) ?? '';
  const held = names.carriers.get(object.text) ?? new Set<string>();
  const leak = leakOf(unwrap(expression?.childForFieldName('right')), names);
  if (leak) {
    held.add(property);
    names.carriers.set(object.text, held);
    names.set(object.text, leak.kind);
  } else if (held.delete(property) && held.size === 0) {
    names.carriers.delete(object.text);
    names.delete(object.text);
  }
}

/** The `x.p` of an assignment `x.p = …` (or `x['p'] = …`). */
function assignedMember(expression: SyntaxNode | null | undefined): SyntaxNode | undefined {
  const target = expression?.type === 'assignment_expression' ? expression.childForFieldName('left') : undefined;
  return target?.type === 'member_expression' || target?.type === 'subscript_expression' ? target : undefined;
}

/** An earlier `if (isProduction) return res.json({ error: 'generic' });` in a block guards the rest. */
function guardedByEarlyExit(scope: Scope): boolean {
  for (const { block, statement } of scope.blocks) {
    let seen = 0;
    for (const child of block.namedChildren) {
      if (!child || child.startIndex >= statement.startIndex || seen++ > 60) break;
      if (child.type === 'if_statement' && exitsEarly(child)) {
        const condition = child.childForFieldName('condition')?.text ?? '';
        if (environmentCondition.test(condition)) return true;
      }
    }
  }
  return false;
}

type SinkShape = 'json' | 'text' | 'either' | 'locals';

interface Sink {
  readonly node: SyntaxNode;
  /** The values that become the response body. */
  readonly values: SyntaxNode[];
  readonly shape: SinkShape;
}

/**
 * Response calls, `new Response(…)`, NestJS server-error exceptions, Koa's `ctx.body = …`, and
 * Lambda results `{ statusCode, body }`, in document order.
 */
function sinkCandidates(context: SyntaxContext): SyntaxNode[] {
  const calls = callSites(context)
    .filter((site) => site.method !== undefined && sinkMethods.has(site.method))
    .map((site) => site.node);
  let nestExceptions: ReadonlyMap<string, string> | undefined;
  const others = context.nodes('new_expression', 'assignment_expression').filter((node) => {
    if (node.type === 'assignment_expression') {
      return assignedPropertyName(node) === 'body';
    }
    const constructor = node.childForFieldName('constructor');
    if (constructor?.type !== 'identifier') {
      return false;
    }
    if (responseClasses.has(constructor.text)) {
      return true;
    }
    nestExceptions ??= context.text.includes('@nestjs/common') ? moduleBindings(context, '@nestjs/common').named : new Map();
    const imported = nestExceptions.get(constructor.text);
    return imported !== undefined && nestServerErrors.has(imported) && !isClientErrorStatus(callArguments(node)[1]);
  });
  const lambdaResults = new Map<number, SyntaxNode>();
  for (const pair of pairSites(context)) {
    const object = pair.keyType === 'property_identifier' && pair.key === 'statusCode' ? pair.object : null;
    if (object?.type === 'object') lambdaResults.set(object.id, object);
  }
  return inDocumentOrder(inDocumentOrder(calls, others), [...lambdaResults.values()]);
}

function sinkOfCall(call: SyntaxNode): Sink | undefined {
  const callee = unwrap(calleeOf(call));
  if (!callee) {
    return undefined;
  }
  const args = callArguments(call);
  if (call.type === 'new_expression') {
    // `new Response(body)`, and NestJS exceptions (`sinkCandidates` checked the import).
    return args[0] ? { node: call, values: [args[0]], shape: 'text' } : undefined;
  }
  if (callee.type !== 'member_expression') {
    return undefined;
  }
  const method = propertyName(callee) ?? '';
  const object = unwrap(callee.childForFieldName('object'));
  if (method === 'json' && object && responseClasses.has(object.text)) {
    return args[0] ? { node: call, values: [args[0]], shape: 'json' } : undefined;
  }
  if (!sinkMethods.has(method)) {
    return undefined;
  }
  if (method === 'render') {
    return args[1] ? { node: call, values: [args[1]], shape: 'locals' } : undefined;
  }
  if (method === 'flash') {
    return args[1] ? { node: call, values: [args[1]], shape: 'text' } : undefined;
  }
  const shape: SinkShape = method === 'json' || method === 'jsonp' ? 'json' : method === 'send' ? 'either' : 'text';
  return args.length ? { node: call, values: method === 'json' || method === 'text' || method === 'html' ? [args[0]] : args, shape } : undefined;
}

/** `new HttpException(body, 404)`, `HttpStatus.BAD_REQUEST`: a status below 500 the code names. */
function isClientErrorStatus(status: SyntaxNode | undefined): boolean {
  const value = unwrap(status);
  if (value?.type === 'number') {
    return Number(value.text) < 500;
  }
  if (value?.type === 'member_expression' && value.childForFieldName('object')?.text === 'HttpStatus') {
    return !serverErrorStatuses.test(value.childForFieldName('property')?.text ?? '');
  }
  return false;
}

function receiverName(sink: SyntaxNode): string | undefined {
  if (sink.type !== 'call_expression') {
    return undefined;
  }
  const root = chainRoot(sink.childForFieldName('function'));
  return root?.type === 'identifier' ? root.text : undefined;
}

function fixFor(sink: Sink, value: SyntaxNode, leak: Leak, names: Bindings, quote: string): FixSpec | undefined {
  const generic = `${quote}${genericMessage}${quote}`;
  const body = unwrap(value);
  if (!body || names.carriers.has(leak.node.text)) {
    // A carrier holds more than the error (`r.status`, `r.data`): no mechanical fix.
    return undefined;
  }
  // `JSON.stringify(err)` / `JSON.stringify({ error: err.message })`: fix inside, keep the JSON.
  if (body.type === 'call_expression' && unwrap(body.childForFieldName('function'))?.text === 'JSON.stringify') {
    const inner = callArguments(body)[0];
    const innerLeak = inner ? leakOf(unwrap(inner), names) : undefined;
    return inner && innerLeak ? fixFor({ ...sink, shape: 'json' }, inner, innerLeak, names, quote) : undefined;
  }
  if (leak.node.id === body.id && sink.shape !== 'locals') {
    const asObject = sink.shape === 'json' || (sink.shape === 'either' && leak.kind === 'error');
    return {
      title: 'Send a generic error message',
      preferred: true,
      edits: [{ start: value.startIndex, end: value.endIndex, newText: asObject ? `{ error: ${generic} }` : generic }],
    };
  }
  if (body.type !== 'object') {
    return undefined;
  }
  const leaking = body.namedChildren.filter((child) => child && leakOf(child.type === 'pair' ? unwrap(entryValue(child)) : child, names));
  const entry = leaking[0];
  if (leaking.length !== 1 || !entry) {
    return undefined;
  }
  if (entry.type === 'shorthand_property_identifier') {
    return { title: 'Send a generic error message', preferred: true, edits: [{ start: entry.startIndex, end: entry.endIndex, newText: `${entry.text}: ${generic}` }] };
  }
  const entryVal = entry.type === 'pair' ? entryValue(entry) : undefined;
  if (!entryVal || unwrap(entryVal)?.id !== leak.node.id) {
    return undefined;
  }
  return { title: 'Send a generic error message', preferred: true, edits: [{ start: entryVal.startIndex, end: entryVal.endIndex, newText: generic }] };
}

const messages: Record<LeakKind, string> = {
  stack:
    "The exception's stack trace is sent to the client: it shows file paths, libraries and code structure to an attacker. Log it on the server and send a generic message.",
  message:
    "The exception's message is sent to the client: it can reveal queries, paths or upstream responses. Log it on the server and send a generic message such as 'Something went wrong'.",
  details:
    "Details of the exception are sent to the client: they can reveal queries, paths or upstream responses. Log them on the server and send a generic message.",
  error:
    "The exception object is sent to the client: its message and properties can reveal internal details. Log it on the server and send a generic message such as 'Something went wrong'.",
};

const carried: Record<LeakKind, string> = {
  stack: "the exception's stack trace",
  message: "the exception's message",
  details: 'details of the exception',
  error: 'the exception object',
};

export const errorDetailsToClient: Rule = {
  id: 'error-details-to-client',
  title: 'Exception details sent in an HTTP response',
  section: 'Error Handling',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['catch', 'err', 'exception', '.then('],
  mappings: {
    cwe: ['CWE-209', 'CWE-210'],
    owasp: ['A04:2021 Insecure Design', 'A05:2021 Security Misconfiguration'],
    pciDss: ['6.2.4'],
  },
  description: [
    "An exception's message, stack trace or properties tell an attacker how the service is built: SQL fragments,",
    'file paths, library versions, upstream API responses, sometimes the data that failed validation (a card number).',
    'The guide asks for generic error messages to the client and the details in server-side logs.',
    '',
    'The rule reports an exception — the parameter of a `catch` clause, of an Express error middleware',
    '`(err, req, res, next)`, of a `.catch(err => …)` callback, Fastify `setErrorHandler` or Hono `onError`, or any',
    'parameter named `err`/`error` — that reaches a response body: `res.send(err)`, `res.json({ error: err.message })`,',
    '`res.status(500).send(err.stack)`, `res.end(String(err))`, `reply.send(error)`, `ctx.body = err.message`,',
    '`c.json({ message: e.message })`, hapi\'s `h.response(err.message)`, `Response.json(…)`, `NextResponse.json(…)`,',
    '`new Response(err.message)`,',
    '`res.render(view, { error: err })`, `req.flash(\'danger\', err)` (connect-flash shows it on the next page), and NestJS',
    "server-error exceptions (`throw new HttpException(e.message, 500)`, `InternalServerErrorException`; the 4xx ones such",
    'as `BadRequestException(e.message)` are how services pass their own domain errors on, and are left alone). It follows',
    'one step of `const message = err.message`, objects the error is stored in before they are sent (`r.data = err;',
    '`res.json(r)`, also wrapped: `res.json(encryptResponse(r))`), and helpers that read the text of an error',
    '(`getErrorMessage(err)`).',
    '',
    "It stays quiet for logging (`console.error(err)`, `logger.error({ err })`), `err.status`, `err.statusCode`,",
    '`err.code` and `err.name` (your own machine-readable codes are fine), values chosen by a condition on the',
    "environment (`process.env.NODE_ENV === 'development' ? err.stack : undefined`) or on the kind of error",
    "(`err.expose`, `err instanceof ValidationError`, `err.status < 500`, an HTTP status the error carries: `if (err.statusCode)`), and for validation results you build",
    'yourself (`validationResult(req).array()`), which are not exceptions. A `try` that only checks a webhook\'s signature',
    '(`stripe.webhooks.constructEvent(…)`) is not read either: its error says the signature did not match, and the reply',
    'goes to the payment provider that sent the webhook.',
    '',
    '**Fix:** log the error server-side (redacted) and send a generic message. The quick fix replaces the leaked',
    "value with `'Something went wrong'` (or `{ error: 'Something went wrong' }`).",
    '',
    '```js',
    '// Flagged',
    'app.use((err, req, res, next) => res.status(500).json({ error: err.message }));',
    '// Secure',
    'app.use((err, req, res, next) => {',
    "  logger.error({ err }, 'request failed');",
    "  res.status(500).json({ error: 'Something went wrong' });",
    '});',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    let quote: string | undefined;
    const sinks: Sink[] = [];
    for (const node of sinkCandidates(context)) {
      if (node.type === 'call_expression' || node.type === 'new_expression') {
        const sink = sinkOfCall(node);
        if (sink) sinks.push(sink);
      } else if (node.type === 'assignment_expression') {
        // Koa: `ctx.body = err.message`.
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const object = left?.childForFieldName('object');
        if (right && object && koaContexts.has(object.text)) {
          sinks.push({ node, values: [right], shape: 'json' });
        }
      } else if (node.type === 'object') {
        // AWS Lambda / API Gateway: `return { statusCode: 500, body: JSON.stringify(err) }`.
        const body = objectEntries(node).get('body');
        const value = body?.type === 'pair' ? entryValue(body) : undefined;
        if (value) sinks.push({ node, values: [value], shape: 'text' });
      }
    }
    for (const sink of sinks) {
      if (sink.node.type === 'call_expression' && !isResponseClassCall(sink.node)) {
        // Cheap test first: `res.json(…)` needs a response-like receiver at all.
        const receiver = receiverName(sink.node);
        if (receiver === undefined) continue;
        const flash = propertyName(sink.node.childForFieldName('function')) === 'flash';
        if (flash && !requestName.test(receiver)) continue;
        const scope = scopeOf(context, sink.node);
        if (!flash && !scope.responses.has(receiver)) continue;
        reportSink(context, sink, scope, () => (quote ??= fileQuote(context)));
      } else {
        reportSink(context, sink, scopeOf(context, sink.node), () => (quote ??= fileQuote(context)));
      }
    }
  },
};

function reportSink(context: SyntaxContext, sink: Sink, scope: Scope, quote: () => string): void {
  if (scope.names.size === 0 || scope.guarded) {
    return;
  }
  addAliases(scope);
  if (guardedByEarlyExit(scope)) {
    return;
  }
  for (const value of sink.values) {
    const leak = leakOf(unwrap(value), scope.names);
    if (!leak) continue;
    const fix = fixFor(sink, value, leak, scope.names, quote());
    const message = scope.names.carriers.has(leak.node.text)
      ? `\`${leak.node.text}\` holds ${carried[leak.kind]} (stored in it earlier in this handler) and is sent to the client: it can reveal queries, paths or upstream responses. Log the error on the server and store a generic message such as '${genericMessage}' instead.`
      : messages[leak.kind];
    context.report({ start: leak.node.startIndex, end: leak.node.endIndex, message, fixes: fix ? [fix] : [] });
    return;
  }
}

function isResponseClassCall(call: SyntaxNode): boolean {
  const callee = unwrap(call.childForFieldName('function'));
  const object = callee?.type === 'member_expression' ? unwrap(callee.childForFieldName('object')) : undefined;
  return !!object && responseClasses.has(object.text);
}
