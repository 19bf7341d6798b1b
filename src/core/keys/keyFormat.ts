/**
 * UCanPay API keys: `ucp_test_` (sandbox) or `ucp_live_` (live) followed by 32 letters and
 * digits. Checked before anything is stored, with messages that say what to do; never echoing
 * the value.
 */
import { environmentIds, environments as environmentData, type EnvironmentId } from '../api/environments';

export type Environment = EnvironmentId;

export const environments: readonly Environment[] = environmentIds;

export const keyPrefixes: Readonly<Record<Environment, string>> = {
  sandbox: environmentData.sandbox.keyPrefix,
  live: environmentData.live.keyPrefix,
};

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

/**
 * `ucp_live_…a1b2`: enough to recognise a key (API key or webhook secret), never enough to use
 * it. Too short a value shows no characters at all.
 */
export function maskKey(key: string): string {
  const prefix = /^ucp_[a-z]+_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  return rest.length >= 12 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}

export function isEnvironment(value: unknown): value is Environment {
  return value === 'sandbox' || value === 'live';
}
