/**
 * UCanPay API keys: `ucp_test_` (sandbox) or `ucp_live_` (live) followed by 32 letters and
 * digits. Checked before anything is stored, with messages that say what to do; never echoing
 * the value.
 */
export type Environment = 'sandbox' | 'live';

export const environments: readonly Environment[] = ['sandbox', 'live'];

export const keyPrefixes: Readonly<Record<Environment, string>> = { sandbox: 'ucp_test_', live: 'ucp_live_' };

const keyBody = /^[A-Za-z0-9]{32}$/;
const maxReasonableLength = 200;

export type KeyCheck = { readonly ok: true; readonly key: string } | { readonly ok: false; readonly message: string };

export function checkKey(environment: Environment, input: string | undefined): KeyCheck {
  if (input === undefined || input.length === 0) {
    return { ok: false, message: 'Enter the API key (it starts with ' + keyPrefixes[environment] + ').' };
  }
  if (input.length > maxReasonableLength) {
    return { ok: false, message: `That is ${input.length} characters; a UCanPay key has ${keyPrefixes[environment].length + 32}. Paste only the key.` };
  }
  if (/\s/.test(input)) {
    return { ok: false, message: 'The key contains spaces or line breaks. Paste only the key, on one line.' };
  }
  const other: Environment = environment === 'live' ? 'sandbox' : 'live';
  if (input.startsWith(keyPrefixes[other])) {
    return {
      ok: false,
      message:
        environment === 'sandbox'
          ? 'This is a live key (ucp_live_…). Store it for the live environment, not the sandbox.'
          : 'This is a sandbox key (ucp_test_…). Store it for the sandbox, not the live environment.',
    };
  }
  if (!input.startsWith(keyPrefixes[environment])) {
    return { ok: false, message: `A ${environment} key starts with ${keyPrefixes[environment]}. Copy it again from the UCanPay dashboard.` };
  }
  if (!keyBody.test(input.slice(keyPrefixes[environment].length))) {
    return { ok: false, message: `After ${keyPrefixes[environment]} a key has exactly 32 letters and digits. Copy it again from the UCanPay dashboard.` };
  }
  return { ok: true, key: input };
}

/** `ucp_live_…a1b2`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const prefix = Object.values(keyPrefixes).find((p) => key.startsWith(p)) ?? '';
  return `${prefix}…${key.slice(-4)}`;
}

export function isEnvironment(value: unknown): value is Environment {
  return value === 'sandbox' || value === 'live';
}
