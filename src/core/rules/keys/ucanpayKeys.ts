/**
 * UCanPay key shapes (SPEC.md): `ucp_test_` / `ucp_live_` + 32 of [A-Za-z0-9] for API keys,
 * `ucp_whsec_` + 32 for webhook signing secrets. Shared by every rule that looks for keys.
 */

export type UcanpayKeyKind = 'live' | 'test' | 'webhook';

export interface UcanpayKeyMatch {
  readonly kind: UcanpayKeyKind;
  /** Offsets of the whole key (prefix included) in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

// Exactly 32 characters after the prefix, not part of a longer word on either side.
const keyPattern = /(?<![A-Za-z0-9_])ucp_(live|test|whsec)_[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;
const prefixLength: Record<UcanpayKeyKind, number> = { live: 9, test: 9, webhook: 10 };

/** Literals a text must contain to hold a key (for rule prefilters). */
export const ucanpayKeyLiterals: readonly string[] = ['ucp_live_', 'ucp_test_', 'ucp_whsec_'];

// Words that only a documentation placeholder carries. FAKE and EXAMPLE are deliberately not
// here: a key-shaped value that says so is still copied around like a key, and our own test
// corpus uses them for keys that must be flagged.
const placeholderWords = /your|here|placeholder|replace|redacted|insert|changeme|xxxx/i;

/** `ucp_test_xxxxxxxx…`, `ucp_live_0000…0001`, `ucp_test_YOURKEYHERE…`, `ucp_live_0123456789abcdef…`. */
export function isPlaceholderKeyBody(body: string): boolean {
  if (new Set(body.toLowerCase()).size < 4 || placeholderWords.test(body)) {
    return true;
  }
  // A run of 8 consecutive ascending characters (0123456789, abcdefgh) is typed, not generated.
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    run = body.charCodeAt(i) === body.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 8) {
      return true;
    }
  }
  return false;
}

/** Real-looking UCanPay keys in `text` (placeholders left out), in order. */
export function findUcanpayKeys(text: string): UcanpayKeyMatch[] {
  const found: UcanpayKeyMatch[] = [];
  keyPattern.lastIndex = 0;
  for (let match = keyPattern.exec(text); match; match = keyPattern.exec(text)) {
    const kind: UcanpayKeyKind = match[1] === 'whsec' ? 'webhook' : match[1] === 'live' ? 'live' : 'test';
    if (isPlaceholderKeyBody(match[0].slice(prefixLength[kind]))) {
      continue;
    }
    found.push({ kind, start: match.index, end: match.index + match[0].length, value: match[0] });
  }
  return found;
}

/** The kind of a value that is exactly one real-looking key, if it is one. */
export function ucanpayKeyKind(value: string): UcanpayKeyKind | undefined {
  const [match] = findUcanpayKeys(value);
  return match && match.start === 0 && match.end === value.length ? match.kind : undefined;
}

export { maskKey } from '../../keys/keyFormat';

export function describeKey(kind: UcanpayKeyKind): string {
  switch (kind) {
    case 'live':
      return 'live UCanPay API key';
    case 'test':
      return 'UCanPay test (sandbox) API key';
    case 'webhook':
      return 'UCanPay webhook signing secret';
  }
}

/** The environment variable our docs, snippets and `ucanpay exec` use for a kind of key. */
export function envVariableFor(kind: UcanpayKeyKind): string {
  return kind === 'webhook' ? 'UCANPAY_WEBHOOK_SECRET' : 'UCANPAY_API_KEY';
}
