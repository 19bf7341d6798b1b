import { callSites, type CallSite } from '../js/callSites';
import { calleeOf, callArguments, callsOfAliases, moduleBindings, objectEntries, objectLiteral, optionObjects, stringValue, unwrap } from '../js/express';
import type { SyntaxContext, SyntaxNode } from '../rule';

/** Session middlewares whose options the session rules read. */
export type SessionLibrary = 'express-session' | 'cookie-session' | 'koa-session';

export interface SessionCall {
  readonly call: SyntaxNode;
  readonly library: SessionLibrary;
  /** The callee, where findings about the call as a whole are reported. */
  readonly callee: SyntaxNode;
  /** The options argument as written (an object literal, an identifier, …). */
  readonly optionsArg: SyntaxNode | undefined;
  /**
   * The options object literal: written in the call, or a same-file `const` it names; for
   * `Object.assign({ … }, { … })`, the last literal (where a fix adds what is missing).
   */
  readonly options: SyntaxNode | undefined;
  /** The options' entries, merged over `Object.assign`'s literals; undefined when `options` is. */
  readonly entries: ReadonlyMap<string, SyntaxNode> | undefined;
  /** The literals the options are made of (one, or `Object.assign`'s). */
  readonly parts: readonly SyntaxNode[];
  /** Some options may come from what we cannot see (a spread, a non-literal `Object.assign` argument). */
  readonly partial: boolean;
  /**
   * The name `options` was read through (`session(sess)`). The file may set some of its keys
   * later (`sess.cookie.secure = true`): rules judging absent keys ask `changesPath` first.
   */
  readonly optionsName: SyntaxNode | undefined;
}

const libraries: readonly SessionLibrary[] = ['express-session', 'cookie-session', 'koa-session'];
// Keys only express-session takes: how a `session({...})` call is recognised without its import.
const expressSessionKeys = ['resave', 'saveUninitialized', 'rolling', 'unset', 'genid', 'proxy'];
// The names these middlewares are usually imported under, and `require('express-session')({ … })`.
const usualNames = ['session', 'expressSession', 'cookieSession', 'koaSession'];
const usualNameSet = new Set(usualNames);

/** `session(…)` under a usual name, or `require('…session…')(…)`. */
function isSessionCallCandidate(site: CallSite): boolean {
  if (site.plain !== undefined) {
    return usualNameSet.has(site.plain);
  }
  if (site.callee) {
    return false;
  }
  // The callee is neither a name nor a member: perhaps a call itself, `require('express-session')`.
  const fn = site.node.childForFieldName('function');
  if (fn?.type !== 'call_expression' || fn.childForFieldName('function')?.text !== 'require') {
    return false;
  }
  const args = fn.childForFieldName('arguments');
  return !!args?.namedChildren.some((arg) => arg?.type === 'string' && arg.text.includes('session'));
}

/**
 * Calls of express-session, cookie-session and koa-session: by the name they are imported
 * under, `require('express-session')({...})`, or a `session({...})` call with express-session's
 * own option names when the import is elsewhere.
 */
export function sessionCalls(context: SyntaxContext): readonly SessionCall[] {
  return context.shared(sessionCalls, () => findSessionCalls(context));
}

function findSessionCalls(context: SyntaxContext): SessionCall[] {
  if (!/session/i.test(context.text)) {
    return [];
  }
  const names = new Map<string, SessionLibrary>();
  for (const library of libraries) {
    for (const name of moduleBindings(context, library).whole) {
      names.set(name, library);
    }
  }
  const candidates = [...callSites(context).filter(isSessionCallCandidate).map((site) => site.node), ...callsOfAliases(context, usualNames, names.keys())];
  const calls: SessionCall[] = [];
  for (const node of candidates) {
    const callee = unwrap(calleeOf(node));
    if (!callee) {
      continue;
    }
    let library: SessionLibrary | undefined;
    if (callee.type === 'identifier') {
      library = names.get(callee.text);
      if (!library && (callee.text === 'session' || callee.text === 'expressSession')) {
        const options = objectLiteral(callArguments(node)[0]);
        const keys = options ? objectEntries(options) : undefined;
        if (keys && expressSessionKeys.some((key) => keys.has(key))) {
          library = 'express-session';
        }
      }
      if (!library && callee.text === 'cookieSession') {
        library = 'cookie-session';
      }
    } else if (callee.type === 'call_expression') {
      const module = stringValue(callArguments(callee)[0]);
      library = libraries.find((candidate) => candidate === module);
    }
    if (!library) {
      continue;
    }
    const optionsArg = callArguments(node)[0];
    const objects = optionObjects(context, optionsArg);
    const options = objects?.parts[objects.parts.length - 1];
    const named = unwrap(optionsArg);
    const optionsName = options && named?.type === 'identifier' ? named : undefined;
    calls.push({ call: node, library, callee, optionsArg, options, entries: objects?.entries, parts: objects?.parts ?? [], partial: objects?.partial ?? false, optionsName });
  }
  return calls.sort((a, b) => a.call.startIndex - b.call.startIndex);
}
