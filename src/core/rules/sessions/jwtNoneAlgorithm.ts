import { pairSites } from '../js/pairSites';
import { isTestPath, stringValue, unchangedValueOfName, unwrap } from '../js/express';
import { sharedScopes } from '../js/declarations';
import type { FixSpec, Rule, SyntaxContext, SyntaxNode } from '../rule';

// JWT option names that choose or allow the signing algorithm: jsonwebtoken's `algorithm` (sign)
// and `algorithms` (verify), express-jwt's and passport-jwt's `algorithms`, a header's `alg`.
const algorithmKeys = new Set(['algorithm', 'algorithms', 'alg']);

/** The `'none'` strings of an algorithm option's value: the string itself, or elements of an array. */
function noneValues(context: SyntaxContext, value: SyntaxNode | null | undefined): SyntaxNode[] {
  let node = unwrap(value);
  if (node?.type === 'identifier') {
    // `const ALLOWED = ['HS256', 'none']`: only an array nothing changes later.
    node = unwrap(unchangedValueOfName(context, node));
  }
  if (!node) {
    return [];
  }
  if (node.type === 'array') {
    return node.namedChildren.filter((element): element is SyntaxNode => element !== null && isNone(element));
  }
  return isNone(node) ? [node] : [];
}

function isNone(node: SyntaxNode): boolean {
  return stringValue(node)?.toLowerCase() === 'none';
}

/** Removes `element` from its array with the comma that separates it, when other algorithms remain. */
function removeFromArray(element: SyntaxNode): FixSpec | undefined {
  const array = element.parent;
  if (array?.type !== 'array') {
    return undefined;
  }
  const elements = array.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'comment');
  const at = elements.findIndex((child) => child.id === element.id);
  if (at < 0 || elements.length < 2) {
    // `algorithms: ['none']` alone: which algorithm to allow instead is the developer's choice.
    return undefined;
  }
  const edit = at > 0 ? { start: elements[at - 1].endIndex, end: element.endIndex, newText: '' } : { start: element.startIndex, end: elements[1].startIndex, newText: '' };
  return { title: "Remove 'none' from the allowed algorithms", preferred: true, edits: [edit] };
}

const switchedOnAlgorithm = /(?:^|\.)(?:alg|algorithm)\b/;
const noneCase = /\bcase\s*(['"])none\1\s*:/gi;

/**
 * A verifier written by hand that lets `none` through: `switch (jwt.header.alg) { case 'none':
 * break; … }`. A `case 'none':` that throws is a refusal, and stays quiet.
 */
function checkHandRolled(context: SyntaxContext): void {
  if (!/case\s*['"]none['"]/i.test(context.text)) {
    return;
  }
  const scopes = sharedScopes(context);
  for (const match of context.text.matchAll(noneCase)) {
    const start = match.index + match[0].indexOf(match[1]);
    const none = scopes.nodeSpanning(start, start + 6);
    const switchCase = none?.parent;
    const switchStatement = switchCase?.type === 'switch_case' ? switchCase.parent?.parent : undefined;
    if (!none || switchStatement?.type !== 'switch_statement') continue;
    // `header.alg`, also normalised first: `header.alg.toString().toLowerCase()`.
    const subject = unwrap(switchStatement.childForFieldName('value'))?.text ?? '';
    if (subject.length > 200 || !switchedOnAlgorithm.test(subject)) continue;
    if (switchCase?.namedChildren.some((statement) => statement?.type === 'throw_statement')) continue;
    context.report({
      start: none.startIndex,
      end: none.endIndex,
      message: "Tokens with the 'none' algorithm are let through here: a token without a signature can claim anything. Refuse 'none' and check the signature of every token (better: use a JWT library).",
    });
  }
}

export const jwtNoneAlgorithm: Rule = {
  id: 'jwt-none-algorithm',
  title: "JWT 'none' algorithm",
  section: 'Session Management',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['jwt', 'jose'],
  mappings: {
    cwe: ['CWE-347'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['6.2.4', '8.3.1'],
  },
  description: [
    "A JWT signed with the `none` algorithm carries no signature: anyone can write one, for any user, with any",
    "claims. A server that accepts `none` among its algorithms accepts such tokens — the best-known way around JWT",
    'authentication, and the reason libraries refuse it unless told otherwise.',
    '',
    'The rule reports `none` where a JWT algorithm is chosen or allowed (in files that use JWTs):',
    '',
    "- `algorithms: ['HS256', 'none']` in the options of `jwt.verify` (jsonwebtoken), `expressjwt(…)` or passport-jwt,",
    '  also through a same-file `const` array;',
    "- `algorithm: 'none'` given to `jwt.sign`, or `alg: 'none'` in a token header;",
    "- jose's unsecured tokens: `JWK.None` (jose 1–2), `new UnsecuredJWT(…)` and `UnsecuredJWT.decode(…)`;",
    "- a verifier written by hand that lets it through: `switch (header.alg) { case 'none': break; … }` (a case that",
    '  throws is a refusal, and stays quiet).',
    '',
    "It stays quiet in test files, which forge `none` tokens on purpose to check that they are refused.",
    '',
    "**Fix:** allow only the algorithm your tokens are signed with (`algorithms: ['HS256']`, or `RS256`/`ES256` with a",
    "key pair). The quick fix removes `'none'` from an algorithm list that has others.",
    '',
    '```js',
    '// Flagged',
    "const claims = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256', 'none'] });",
    '// Secure',
    "const claims = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    // Tests forge 'none' tokens on purpose, to check that the server refuses them.
    if (isTestPath(context.path)) {
      return;
    }
    const text = context.text;
    if (/\bnone\b/i.test(text)) {
      for (const pair of pairSites(context)) {
        if (pair.key === undefined || !algorithmKeys.has(pair.key)) continue;
        for (const none of noneValues(context, pair.value)) {
          const fix = pair.key === 'algorithms' ? removeFromArray(none) : undefined;
          context.report({
            start: none.startIndex,
            end: none.endIndex,
            message:
              pair.key === 'algorithms'
                ? "'none' is among the accepted JWT algorithms: a token without a signature passes verification, so anyone can log in as anyone. Allow only the algorithm your tokens are signed with."
                : "This JWT is issued with the 'none' algorithm: it has no signature, so anyone can write one. Sign it with HS256 and a secret from the environment, or RS256/ES256.",
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
    checkHandRolled(context);
    if (text.includes('JWK.None') || text.includes('UnsecuredJWT')) {
      for (const call of context.nodes('call_expression', 'new_expression')) {
        const isNew = call.type === 'new_expression';
        const callee = call.childForFieldName(isNew ? 'constructor' : 'function');
        if (!callee) continue;
        const calleeText = callee.text;
        if (isNew && calleeText === 'UnsecuredJWT') {
          context.report({ start: callee.startIndex, end: callee.endIndex, message: "An unsecured JWT ('none' algorithm) is issued here: it has no signature, so anyone can write one. Sign tokens with SignJWT." });
        } else if (!isNew && calleeText === 'UnsecuredJWT.decode') {
          context.report({ start: callee.startIndex, end: callee.endIndex, message: "Unsecured JWTs ('none' algorithm) are accepted here: a token without a signature can claim anything. Verify signed tokens with jwtVerify." });
        } else if (!isNew) {
          for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
            if (arg?.type === 'member_expression' && arg.text === 'JWK.None') {
              context.report({ start: arg.startIndex, end: arg.endIndex, message: "JWK.None verifies tokens that have no signature ('none' algorithm): anyone can write one. Verify with the key the tokens are signed with." });
            }
          }
        }
      }
    }
  },
};
