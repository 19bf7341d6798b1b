import type { Scopes } from '../js/declarations';
import { callArguments } from '../js/express';
import { lastSegment } from '../js/syntax';
import type { SyntaxContext, SyntaxNode } from '../rule';
import { cryptoCalls, resolvedString } from './cryptoApi';
import { CryptoFile } from './cryptoFile';

/**
 * What a file gives to digests: `createHash(a).update(x)` (in one chain or through the variable
 * holding the hash), `crypto.hash(a, x)`, `subtle.digest(a, x)`, CryptoJS and the md5/sha1
 * packages. Found once per parse and shared by the rules that judge what is hashed (card data,
 * passwords).
 */

/** `weak`: broken or fast legacy digests; `unkeyed`: sound digests used without a key. */
export type HashStrength = 'weak' | 'unkeyed';

export function hashStrength(algorithm: string): { strength: HashStrength; label: string } | undefined {
  const a = algorithm.trim().toLowerCase();
  if (/^(md2|md4|md5|md5-sha1|ssl3-md5|ssl3-sha1|rsa-md5|rsa-sha1)$/.test(a)) {
    return { strength: 'weak', label: a.includes('sha1') ? 'SHA-1' : a.replace(/^(rsa|ssl3)-/, '').toUpperCase() };
  }
  if (/^(sha-?1|rsa-sha1|ripemd(-?160)?|rmd160)$/.test(a)) {
    return { strength: 'weak', label: a.startsWith('sha') ? 'SHA-1' : 'RIPEMD-160' };
  }
  if (/^(sha-?(224|256|384|512)(-224|-256|\/224|\/256)?|sha3-(224|256|384|512)|sha512-(224|256)|blake2[bs](256|512)|shake(128|256))$/.test(a)) {
    return { strength: 'unkeyed', label: a.toUpperCase().replace(/^SHA(?=\d{3})/, 'SHA-') };
  }
  return undefined;
}

/** Digest libraries called as functions: `md5(x)`, `sha1(x)`, `sha256(x)`. */
const digestModules = new Map([
  ['md5', 'md5'],
  ['blueimp-md5', 'md5'],
  ['js-md5', 'md5'],
  ['md5-hex', 'md5'],
  ['crypto-js/md5', 'md5'],
  ['sha1', 'sha1'],
  ['js-sha1', 'sha1'],
  ['crypto-js/sha1', 'sha1'],
  ['js-sha256', 'sha256'],
  ['crypto-js/sha256', 'sha256'],
]);

const cryptoJsDigests = new Map([
  ['MD5', 'md5'],
  ['SHA1', 'sha1'],
  ['SHA224', 'sha224'],
  ['SHA256', 'sha256'],
  ['SHA384', 'sha384'],
  ['SHA512', 'sha512'],
  ['SHA3', 'sha3-512'],
  ['RIPEMD160', 'ripemd160'],
]);

/** The prefilter literals of the rules that read `hashedInputs`: a file without any has no digest. */
export const digestLiterals: readonly string[] = ['createhash', 'md5', 'md4', 'sha1', 'sha-1', 'sha2', 'sha-2', 'sha3', 'sha-3', 'sha5', 'sha-5', 'sha384', 'sha-384', 'ripemd', 'digest'];

export interface HashedInput {
  readonly algorithm: string;
  readonly data: SyntaxNode | undefined;
  /** The call the digest starts from (`createHash(…)`, `md5(…)`): where its result is used is above it. */
  readonly call: SyntaxNode;
}

const hashApis = new Set(['createHash', 'hash'] as const);

/** Every input the file gives to a digest, with the digest's algorithm. */
export function hashedInputs(context: SyntaxContext): readonly HashedInput[] {
  return context.shared(hashedInputs, () => {
    const file = new CryptoFile(context);
    const scopes = file.scopes;
    const inputs: HashedInput[] = [];
    const updates = updateCallsByName(file);
    for (const call of cryptoCalls(file, hashApis)) {
      const algorithm = resolvedString(scopes, call.args[0])?.value;
      if (!algorithm) {
        continue;
      }
      if (call.api === 'hash') {
        inputs.push({ algorithm, data: call.args[1], call: call.call });
        continue;
      }
      for (const data of updatedWith(scopes, call.call, updates)) {
        inputs.push({ algorithm, data, call: call.call });
      }
    }
    collectDigestCalls(file, inputs);
    return inputs;
  });
}

/** `h.update(…)` calls, by the name of `h`. */
function updateCallsByName(file: CryptoFile): Map<string, SyntaxNode[]> {
  const byName = new Map<string, SyntaxNode[]>();
  for (const { node: call, callee } of file.callSites) {
    if (callee?.name !== 'update' || callee.receiver?.type !== 'identifier') {
      continue;
    }
    const list = byName.get(callee.receiver.text) ?? [];
    list.push(call);
    byName.set(callee.receiver.text, list);
  }
  return byName;
}

/**
 * What a hash object made by `createCall` is updated with: `createHash(a).update(x).update(y)`,
 * and `const h = createHash(a); h.update(x)` (the same `h`, by declaration).
 */
function updatedWith(scopes: Scopes, createCall: SyntaxNode, updates: ReadonlyMap<string, SyntaxNode[]>): SyntaxNode[] {
  const data: SyntaxNode[] = [];
  const ancestors = scopes.ancestors(createCall);
  let current: SyntaxNode = createCall;
  let level = 0;
  // createHash(a).update(x).update(y): member, call, member, call, …
  for (; level + 1 < ancestors.length && level < 32; level += 2) {
    const member = ancestors[level];
    const call = ancestors[level + 1];
    if (member.type !== 'member_expression' || member.childForFieldName('property')?.text !== 'update' || call.type !== 'call_expression') {
      break;
    }
    data.push(...callArguments(call).slice(0, 1));
    current = call;
  }
  const declarator = ancestors[level];
  const name = declarator?.type === 'variable_declarator' && declarator.childForFieldName('value')?.id === current.id ? declarator.childForFieldName('name') : null;
  if (name?.type === 'identifier') {
    const scope = ancestors.slice(level).find((node) => node.type === 'statement_block' || node.type === 'program');
    for (const call of updates.get(name.text) ?? []) {
      if (!scope || call.startIndex < scope.startIndex || call.endIndex > scope.endIndex) {
        continue;
      }
      const object = call.childForFieldName('function')?.childForFieldName('object');
      if (object && scopes.find(object)?.name.id === name.id) {
        data.push(...callArguments(call).slice(0, 1));
      }
    }
  }
  return data;
}

const digestMethods = /^(hex|hash|array|digest|base64|create)$/;

function collectDigestCalls(file: CryptoFile, inputs: HashedInput[]): void {
  const libraries = new Map<string, string>();
  for (const record of file.imports) {
    const algorithm = digestModules.get(record.specifier);
    if (algorithm) {
      libraries.set(record.local, algorithm);
    }
  }
  const cryptoJs = file.bindings('crypto-js', (s) => s === 'crypto-js');
  for (const site of file.callSites) {
    const callee = site.callee;
    if (!callee) {
      continue;
    }
    if (site.plain !== undefined) {
      const algorithm = libraries.get(callee.name) ?? (cryptoJs.named.has(callee.name) ? cryptoJsDigests.get(cryptoJs.named.get(callee.name) ?? '') : undefined);
      if (algorithm) {
        inputs.push({ algorithm, data: site.args[0], call: site.node });
      }
      continue;
    }
    // Only the names below matter: the receiver is read from the tree for those alone.
    if (!cryptoJsDigests.has(callee.name) && callee.name !== 'digest' && !digestMethods.test(callee.name)) {
      continue;
    }
    const receiver = callee.receiver;
    if (!receiver) {
      continue;
    }
    // CryptoJS.MD5(x), CryptoJS.SHA256(x)
    if (receiver.type === 'identifier' && (receiver.text === 'CryptoJS' || cryptoJs.namespaces.has(receiver.text)) && cryptoJsDigests.has(callee.name)) {
      inputs.push({ algorithm: cryptoJsDigests.get(callee.name) ?? '', data: site.args[0], call: site.node });
      continue;
    }
    // subtle.digest('SHA-1', data)
    if (callee.name === 'digest' && lastSegment(receiver) === 'subtle') {
      const algorithm = resolvedString(file.scopes, site.args[0])?.value;
      if (algorithm) {
        inputs.push({ algorithm, data: site.args[1], call: site.node });
      }
      continue;
    }
    // md5.hex(x), sha1.hex(x) from js-md5 / js-sha1
    if (receiver.type === 'identifier' && libraries.has(receiver.text) && digestMethods.test(callee.name)) {
      inputs.push({ algorithm: libraries.get(receiver.text) ?? '', data: site.args[0], call: site.node });
    }
  }
}
