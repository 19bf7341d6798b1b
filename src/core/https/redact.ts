/**
 * Redaction for everything that is shown or logged: request and response headers and bodies,
 * URLs, error details. Used by the HTTPS client, and meant for the extension's log and views too.
 * Over-redacting is fine; leaking is not. Every pattern is linear (bounded, no nested quantifiers).
 */

export const REDACTED = '[REDACTED]';

// UCanPay keys and webhook secrets by prefix, wherever they are (inside words, URLs, JSON).
const ucanpayKey = /ucp_[a-z]{2,10}_[A-Za-z0-9]{8,}/g;
// Webhook signing secrets of other providers' shape, which integrations often keep beside ours.
const genericWebhookSecret = /whsec_[A-Za-z0-9+/=]{8,}/g;
// `Authorization: …` / `"authorization": "…"` / `authorization=…` in free text.
const authorizationField = /(\b(?:proxy-)?authorization["']?\s{0,10}[:=]\s{0,10}["']?)[^"'\r\n,;}]{1,4096}/gi;
const bearerToken = /\b(Bearer|Basic)\s{1,10}[A-Za-z0-9._~+/=-]{4,}/g;
// 13 to 19 digits, optionally grouped by single spaces or dashes; Luhn decides.
const digitRun = /(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])/g;
const sensitiveJsonField =
  /("(?:cvv2?|cvc2?|cid|csc|card_?(?:cvv|cvc|code)|security_?code|(?:webhook_|signing_|client_)?secret|password|api_?key|access_token|refresh_token)"\s{0,10}:\s{0,10})(?:"(?:[^"\\]|\\.){0,4096}"|[0-9]{1,20})/gi;
const sensitiveFormField = /(\b(?:cvv2?|cvc2?|password|secret|api_?key)=)[^&\s"']{1,4096}/gi;
const sensitiveQueryParam = /([?&](?:key|api_?key|token|access_token|secret|password|cvv2?|cvc2?|card|card_?number)=)[^&#\s]*/gi;
const userInfo = /^([a-z][a-z0-9+.-]{0,20}:\/\/)[^/@\s]{1,1024}@/i;

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      return false;
    }
    if (double) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Redacts keys, secrets, authorization values, card numbers and CVV-like fields in any text. */
export function redactText(text: string): string {
  return text
    .replace(authorizationField, `$1${REDACTED}`)
    .replace(bearerToken, `$1 ${REDACTED}`)
    .replace(ucanpayKey, (key) => `${key.slice(0, key.indexOf('_', 4) + 1)}${REDACTED}`)
    .replace(genericWebhookSecret, `whsec_${REDACTED}`)
    .replace(sensitiveJsonField, `$1"${REDACTED}"`)
    .replace(sensitiveFormField, `$1${REDACTED}`)
    .replace(digitRun, (run) => {
      const digits = run.replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? REDACTED : run;
    });
}

/** A URL for display: credentials and sensitive query values removed, then `redactText`. */
export function redactUrl(url: string): string {
  return redactText(url.replace(userInfo, `$1${REDACTED}@`).replace(sensitiveQueryParam, `$1${REDACTED}`));
}

const secretHeaders = new Set(['authorization', 'proxy-authorization']);
const opaqueHeaders = new Set(['cookie', 'set-cookie', 'x-api-key', 'api-key']);

export type HeaderValue = string | readonly string[] | number | undefined;

/** Header names in lower case; values redacted. Authorization keeps its scheme (`Bearer [REDACTED]`). */
export function redactHeaders(headers: Readonly<Record<string, HeaderValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) {
      continue;
    }
    const name = rawName.toLowerCase();
    const value = Array.isArray(rawValue) ? rawValue.join(', ') : String(rawValue);
    if (secretHeaders.has(name)) {
      const scheme = /^([A-Za-z]{1,20})\s/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else if (opaqueHeaders.has(name)) {
      out[name] = REDACTED;
    } else {
      out[name] = redactText(value);
    }
  }
  return out;
}
