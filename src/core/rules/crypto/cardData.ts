import type { Scopes } from '../js/declarations';
import { calleeOf } from '../js/moduleBindings';
import { lastSegment } from '../js/syntax';
import type { SyntaxNode } from '../rule';
import { propertyName } from './cryptoApi';
import { searchExpression } from '../js/expressionSearch';

/**
 * Names that hold card data, as code spells them (`cardNumber`, `card_number`, `PAN`, `cvv2`,
 * `securityCode`, `card.number`, …), and names that say the value is already protected
 * (`encryptedPan`, `panHash`, `cardLast4`, `maskedPan`, `cardToken`, `fingerprint`, …).
 */
export type CardField = 'pan' | 'cvv' | 'expiry';

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const panNames = new Set([
  'pan',
  'cardnumber',
  'cardnum',
  'cardno',
  'ccnumber',
  'ccnum',
  'ccno',
  'creditcardnumber',
  'creditcardnum',
  'creditcardno',
  'debitcardnumber',
  'paymentcardnumber',
  'primaryaccountnumber',
  'fullcardnumber',
  'fullpan',
  'rawpan',
  'plainpan',
  'clearpan',
  'pannumber',
  'cardpan',
]);

const cvvNames = new Set([
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'cvn',
  'cvn2',
  'csc',
  'securitycode',
  'cardsecuritycode',
  'cardverificationvalue',
  'cardverificationcode',
  'cvvcode',
  'cvccode',
  'cvvnumber',
  'cvcnumber',
  'cvvvalue',
  'cardcvv',
  'cardcvv2',
  'cardcvc',
  'cardcvc2',
  // Authorize.net's name for the CVV.
  'cardcode',
]);

const expiryNames = new Set([
  'expiry',
  'expirydate',
  'expiration',
  'expirationdate',
  'expdate',
  'cardexpiry',
  'cardexpirydate',
  'cardexpiration',
  'cardexpirationdate',
]);

/** Words that only say how the value is held: `rawCardNumber`, `cvvPlain`, `cardNumberValue`. */
const neutralAffix = /^(raw|plain|clear|full|input|value|str|string|text|entered|user|customer|billing|payment|card|bank|debit|credit|saved|stored|default|primary|new|old|current|original)+$/;
/** Words that say the value is protected or is not the value at all. */
const protectedWord =
  /encrypt|cipher|crypt|hash|hmac|digest|mask|redact|last4|lastfour|lastdigits|first6|firstsix|token|fingerprint|hint|length|valid|regex|pattern|placeholder|label|error|format|suffix|prefix|check|result|status|match|required|enabled|bin$|ref$|id$|type$|brand$/;

/** Words that protect a PAN but not a CVV: an encrypted or hashed CVV is still a stored CVV. */
const cvvAffix = /^(encrypted|hashed|hash|enc|ciphertext|raw|plain|clear|card|value|input|entered|user|customer|billing|payment|bank|debit|credit|saved|stored)+$/;

/** What card data a name holds, if any. `includeAccountNumber` adds `accountNumber` to PANs. */
export function classifyCardName(name: string, options: { readonly accountNumber?: boolean } = {}): CardField | undefined {
  const n = normaliseName(name);
  if (n.length === 0 || n.length > 48) {
    return undefined;
  }
  if (isCvvName(n)) {
    return 'cvv';
  }
  if (protectedWord.test(n)) {
    return undefined;
  }
  if (panNames.has(n) || (options.accountNumber && n === 'accountnumber')) {
    return 'pan';
  }
  for (const base of ['cardnumber', 'pan', 'ccnumber']) {
    const at = n.indexOf(base);
    if (at < 0) {
      continue;
    }
    const before = n.slice(0, at);
    const after = n.slice(at + base.length);
    if ((before === '' || neutralAffix.test(before)) && (after === '' || neutralAffix.test(after))) {
      return 'pan';
    }
  }
  return expiryNames.has(n) ? 'expiry' : undefined;
}

function isCvvName(n: string): boolean {
  if (cvvNames.has(n)) {
    return true;
  }
  const match = /(cvv2?|cvc2?|cvn2?|securitycode)/.exec(n);
  if (!match) {
    return false;
  }
  const before = n.slice(0, match.index);
  const after = n.slice(match.index + match[0].length);
  return (before === '' || cvvAffix.test(before)) && (after === '' || cvvAffix.test(after));
}

/** A name protected by its own words: `encryptedCardNumber`, `panHash`, `cardLast4`, `maskedPan`. */
export function isProtectedName(name: string): boolean {
  return protectedWord.test(normaliseName(name));
}

/** Objects whose `number` is a card number: `card.number`, `creditCard.number`, `paymentCard.num`. */
export function isCardObjectName(name: string): boolean {
  const n = normaliseName(name);
  return /card$|^card|carddetails$|carddata$|cardinfo$/.test(n) && !/gift|id$|token|loyalty|library|sim|score|report|key$/.test(n);
}

const cardNumberMembers = new Set(['number', 'num', 'no', 'pan']);

export interface CardDataReference {
  readonly node: SyntaxNode;
  /** As written: `cardNumber`, `card.number`, `req.body.cvv`. */
  readonly name: string;
  readonly field: CardField;
}

/** Callees whose result no longer is the card data: `mask(pan)`, `last4(pan)`, `tokenize(pan)`, `encrypt(pan)`. */
function isProtectingCall(node: SyntaxNode): boolean {
  const callee = calleeOf(node);
  if (!callee) {
    return false;
  }
  if (isProtectedName(callee.name)) {
    return true;
  }
  // `pan.slice(-4)`, `cardNumber.substring(12)`: a part of the number.
  return /^(slice|substring|substr|padStart|replace|replaceAll)$/.test(callee.name) && /-4|last|\*/.test(node.text);
}

/** Whether a value given under a card-data key is a value at all (not `'****'`, `mask(pan)` or `card.last4`). */
function carriesValue(value: SyntaxNode): boolean {
  switch (value.type) {
    case 'identifier':
    case 'member_expression':
    case 'subscript_expression':
      return !isProtectedName(lastSegment(value));
    case 'call_expression':
      return !isProtectingCall(value);
    default:
      return false;
  }
}

/**
 * The first reference to card data inside an expression (`cardNumber`, `` `${card.number}:${cvv}` ``,
 * `req.body.card_number`), looking through same-file `const`s once. Skips what protecting calls
 * (`mask(pan)`, `encrypt(pan)`) return. Bounded: looks at no more than a few hundred nodes.
 */
export function cardDataIn(scopes: Scopes, expression: SyntaxNode | null | undefined, options: { readonly accountNumber?: boolean; readonly fields?: readonly CardField[] } = {}): CardDataReference | undefined {
  const fields = options.fields ?? ['pan', 'cvv', 'expiry'];
  const wanted = (name: string): CardField | undefined => {
    const field = classifyCardName(name, options);
    return field && fields.includes(field) ? field : undefined;
  };
  return searchExpression<CardDataReference>(scopes, expression, (node) => {
    switch (node.type) {
      case 'call_expression':
      case 'new_expression':
        return isProtectingCall(node) ? null : undefined;
      case 'identifier':
      case 'shorthand_property_identifier': {
        const field = wanted(node.text);
        if (field) {
          return { found: { node, name: node.text, field } };
        }
        // A protected name's constant is not looked into (`const masked = mask(pan)`).
        return isProtectedName(node.text) ? null : undefined;
      }
      case 'member_expression': {
        const property = node.childForFieldName('property');
        const object = node.childForFieldName('object');
        const name = property?.text ?? '';
        const field = wanted(name);
        if (field) {
          return { found: { node, name: node.text, field } };
        }
        if (cardNumberMembers.has(name) && isCardObjectName(lastSegment(object)) && fields.includes('pan')) {
          return { found: { node, name: node.text, field: 'pan' } };
        }
        return isProtectedName(name) || !object ? null : [object];
      }
      case 'subscript_expression': {
        const index = node.childForFieldName('index');
        const field = index?.type === 'string' ? wanted(index.text.slice(1, -1)) : undefined;
        return field ? { found: { node, name: node.text, field } } : undefined;
      }
      case 'pair': {
        // `{ cardNumber: x }` passed on: the key names what the value is.
        const key = propertyName(node.childForFieldName('key'));
        const value = node.childForFieldName('value');
        const field = key ? wanted(key) : undefined;
        if (field && value && carriesValue(value)) {
          return { found: { node: value, name: key ?? '', field } };
        }
        return value ? [value] : null;
      }
      default:
        return undefined;
    }
  });
}
