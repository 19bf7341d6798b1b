/**
 * The two UCanPay environments as this project assumes them (SPEC.md, "The UCanPay API as this
 * project assumes it"): where each lives by default and what its keys look like.
 */

export type EnvironmentId = 'sandbox' | 'live';

export interface Environment {
  readonly id: EnvironmentId;
  readonly label: string;
  readonly defaultBaseUrl: string;
  /** Every key of this environment starts with it. */
  readonly keyPrefix: string;
}

export const environments: Readonly<Record<EnvironmentId, Environment>> = Object.freeze({
  sandbox: Object.freeze({ id: 'sandbox', label: 'Sandbox', defaultBaseUrl: 'https://sandbox.ucanpay.com/v1', keyPrefix: 'ucp_test_' }),
  live: Object.freeze({ id: 'live', label: 'Live', defaultBaseUrl: 'https://api.ucanpay.com/v1', keyPrefix: 'ucp_live_' }),
});

export const environmentIds: readonly EnvironmentId[] = ['sandbox', 'live'];

export const webhookSecretPrefix = 'ucp_whsec_';

/** What follows the prefix in a key or webhook secret. */
export const keyBodyLength = 32;
const keyBody = /^[A-Za-z0-9]{32}$/;

/** Without trailing slashes (a loop: a regex for this backtracks on long runs of slashes). */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}

export function isEnvironmentId(value: unknown): value is EnvironmentId {
  return value === 'sandbox' || value === 'live';
}

/** The environment a key belongs to, by its prefix; undefined for anything else. */
export function keyEnvironment(key: string): EnvironmentId | undefined {
  return environmentIds.find((id) => key.startsWith(environments[id].keyPrefix));
}

export function isWebhookSecret(value: string): boolean {
  return value.startsWith(webhookSecretPrefix) && keyBody.test(value.slice(webhookSecretPrefix.length));
}

/**
 * Validates and normalises a base URL: https only, no credentials, no query or fragment, no
 * trailing slash. A string result is the problem, for the user.
 */
export function normalizeBaseUrl(value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `${JSON.stringify(value)} is not a URL.`;
  }
  if (url.protocol !== 'https:') {
    return `The base URL must use https:, not ${url.protocol}`;
  }
  if (url.username || url.password) {
    return 'The base URL must not contain a user name or password.';
  }
  if (url.search || url.hash) {
    return 'The base URL must not have a query or fragment.';
  }
  url.pathname = trimTrailingSlashes(url.pathname);
  return url;
}

export interface ResolvedEnvironment extends Environment {
  /** Normalised, without a trailing slash; the key of this environment is sent only under it. */
  readonly baseUrl: string;
}

/**
 * The environment with its base URL: the user's override (from user or machine settings only —
 * the extension must never take it from a workspace) or the default.
 */
export function resolveEnvironment(id: EnvironmentId, baseUrlOverride?: string): ResolvedEnvironment | string {
  const normalized = normalizeBaseUrl(baseUrlOverride?.trim() ? baseUrlOverride : environments[id].defaultBaseUrl);
  if (typeof normalized === 'string') {
    return normalized;
  }
  return { ...environments[id], baseUrl: normalized.href.replace(/\/$/, '') };
}

/**
 * Whether `url` is the base URL or under it: same origin (scheme, host, port) and a path below
 * the base path. Dot segments are resolved by the URL parser first, so `/v1/../admin` is not.
 */
export function isUnderBaseUrl(url: string | URL, baseUrl: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = typeof url === 'string' ? new URL(url) : url;
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  if (target.origin !== base.origin || target.protocol !== 'https:' || target.username || target.password) {
    return false;
  }
  const basePath = trimTrailingSlashes(base.pathname);
  return target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
}
