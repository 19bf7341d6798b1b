import { namedSecretKind } from '../keys/secrets';
import type { SyntaxContext, SyntaxNode } from '../rule';
import { callSites } from './callSites';
import { pairSites } from './pairSites';
import { declaredName } from './syntax';

/** A value given a name that says which secret it is: `cookieSecret: …`, `const JWT_SECRET = …`, `aesKey = …`. */
export interface NamedSecretSite {
  readonly name: string;
  readonly kind: 'session' | 'jwt' | 'encryption';
  readonly value: SyntaxNode | null;
}

/**
 * Calls that store a value under the name given first: Express `app.set('jwtSecret', …)`, config
 * stores (`config.set`, `nconf.set`), Angular `.constant`/`.value`, `localStorage.setItem`,
 * `res.setHeader`.
 */
export const keyValueSetters: ReadonlySet<string> = new Set(['set', 'setItem', 'constant', 'value', 'put', 'setHeader', 'setConfig', 'config']);

// Words one of which a name `namedSecretKind` accepts contains: read in the text before the tree.
const secretWords = /secret|key|pass|jwt|session|cookie|crypt|cipher|aes|enc/i;
const identifierChar = /[\w$]/;

/**
 * The name a declaration, field or assignment starting at `start` gives, read from the text: the
 * last name before the first `=` or `:` of its head (`JWT_SECRET` in `JWT_SECRET = …`, `jwtSecret`
 * in `private readonly jwtSecret: string = …`, `sessionSecret` in `config.sessionSecret = …`).
 * Undefined when the text does not say plainly.
 */
function nameFromText(text: string, start: number): string | undefined {
  const head = text.slice(start, start + 200);
  let end = head.search(/[=:;(\n]/);
  while (end > 0 && (head[end - 1] === ' ' || head[end - 1] === '\t' || head[end - 1] === "'" || head[end - 1] === '"')) {
    end--;
  }
  let begin = end;
  while (begin > 0 && identifierChar.test(head[begin - 1])) {
    begin--;
  }
  return begin < end && /[A-Za-z_$]/.test(head[begin]) ? head.slice(begin, end) : undefined;
}

/**
 * Every object entry, key-value setter call (`app.set('jwtSecret', …)`), declaration, class field
 * and assignment whose name says it holds a session or JWT secret or an encryption key, in
 * document order by kind of node. Shared by
 * hard-coded-session-secret and hard-coded-encryption-key: names are read from the text (object
 * keys from `pairSites`, the others from the start of the node) before any node is asked.
 */
export function namedSecretSites(context: SyntaxContext): readonly NamedSecretSite[] {
  return context.shared(namedSecretSites, () => {
    const sites: NamedSecretSite[] = [];
    for (const pair of pairSites(context)) {
      const kind = pair.key !== undefined && secretWords.test(pair.key) ? namedSecretKind(pair.key) : undefined;
      if (kind && pair.key !== undefined) {
        sites.push({ name: pair.key, kind, value: pair.value });
      }
    }
    for (const site of callSites(context)) {
      if (site.method === undefined || !keyValueSetters.has(site.method) || site.args[0]?.type !== 'string') {
        continue;
      }
      const name = site.args[0].text.slice(1, -1);
      const kind = secretWords.test(name) ? namedSecretKind(name) : undefined;
      if (kind) {
        sites.push({ name, kind, value: site.args[1] ?? null });
      }
    }
    for (const node of context.nodes('variable_declarator', 'assignment_expression', 'field_definition', 'public_field_definition')) {
      // The name is at the start of these nodes (after modifiers, or an object for `a.b = …`); the
      // tree is asked only when the text says it may be a secret's name (or cannot say).
      const fromText = nameFromText(context.text, node.startIndex);
      if (fromText !== undefined && (!secretWords.test(fromText) || !namedSecretKind(fromText))) {
        continue;
      }
      const declared = declaredName(node);
      const kind = declared ? namedSecretKind(declared.name) : undefined;
      if (declared && kind) {
        sites.push({ name: declared.name, kind, value: declared.value });
      }
    }
    return sites;
  });
}
