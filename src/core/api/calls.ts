import { CancelledError, type CancellationToken } from '../cancellation';
import { httpsRequest } from '../https/client';
import { HttpsCallError, InvalidRequestError } from '../https/errors';
import type { HttpsCallOptions, HttpsResult } from '../https/types';
import { defaultEndpoints, endpointUrl, type Endpoint } from './endpoints';
import { environments, resolveEnvironment, type EnvironmentId } from './environments';

/**
 * UCanPay calls on top of the HTTPS client: what the Test Connection and Send Request commands
 * and `ucanpay ping` call. The base URL must come from user/machine settings (or the default),
 * never from a workspace; the key from the key store.
 */
export interface ApiTarget {
  readonly environment: EnvironmentId;
  /** The user's override; the environment's default when absent or empty. */
  readonly baseUrl?: string;
  /** Needed only for endpoints with `auth`. */
  readonly key?: string;
}

export interface EndpointCall {
  readonly endpoint: Endpoint;
  readonly params?: Readonly<Record<string, string>>;
  /** JSON text (the edited body template). */
  readonly body?: string;
  /** Default: a fresh random UUID for every POST. */
  readonly idempotencyKey?: string;
  /** In live, a call that is not read-only is refused unless the user confirmed this one. */
  readonly liveWriteConfirmed?: boolean;
}

function baseUrlOf(target: ApiTarget): string {
  const resolved = resolveEnvironment(target.environment, target.baseUrl);
  if (typeof resolved === 'string') {
    throw new InvalidRequestError(`The ${environments[target.environment].label.toLowerCase()} base URL is not usable: ${resolved}`);
  }
  return resolved.baseUrl;
}

export async function callEndpoint(target: ApiTarget, call: EndpointCall, options: HttpsCallOptions, token: CancellationToken): Promise<HttpsResult> {
  const { endpoint } = call;
  if (target.environment === 'live' && !endpoint.readOnly && !call.liveWriteConfirmed) {
    throw new InvalidRequestError(`${endpoint.title} changes data in live mode and needs your confirmation; nothing was sent.`);
  }
  const baseUrl = baseUrlOf(target);
  let url: string;
  try {
    url = endpointUrl(baseUrl, endpoint, call.params);
  } catch (error) {
    throw new InvalidRequestError(`${(error as Error).message} Nothing was sent.`);
  }
  if (endpoint.auth && !target.key) {
    throw new InvalidRequestError(`${endpoint.title} needs the ${environments[target.environment].label.toLowerCase()} API key. Set it first; nothing was sent.`);
  }
  return httpsRequest(
    {
      method: endpoint.method,
      url,
      body: call.body,
      headers: call.idempotencyKey ? { 'Idempotency-Key': call.idempotencyKey } : undefined,
      credential: endpoint.auth && target.key ? { key: target.key, environment: target.environment, baseUrl } : undefined,
    },
    options,
    token,
  );
}

function builtIn(id: string): Endpoint {
  return defaultEndpoints.find((endpoint) => endpoint.id === id)!;
}

/** `GET /ping`, without the key. */
export function ping(target: ApiTarget, options: HttpsCallOptions, token: CancellationToken): Promise<HttpsResult> {
  return callEndpoint({ environment: target.environment, baseUrl: target.baseUrl }, { endpoint: builtIn('ping') }, options, token);
}

/** `GET /account` with the key. */
export function getAccount(target: ApiTarget, options: HttpsCallOptions, token: CancellationToken): Promise<HttpsResult> {
  return callEndpoint(target, { endpoint: builtIn('get-account') }, options, token);
}

export type AccountCheck =
  | { readonly status: 'skipped' }
  | { readonly status: 'ok'; readonly result: HttpsResult }
  | { readonly status: 'failed'; readonly error: HttpsCallError };

export interface ConnectionTest {
  readonly ping: HttpsResult;
  /** `skipped` without a key; a failure here (a 401) still leaves the ping result to show. */
  readonly account: AccountCheck;
}

/**
 * Test Connection: `GET /ping`, then `GET /account` with the key. A failing ping throws (there is
 * nothing to show but the error); cancellation always throws.
 */
export async function testConnection(target: ApiTarget, options: HttpsCallOptions, token: CancellationToken): Promise<ConnectionTest> {
  const pingResult = await ping(target, options, token);
  if (!target.key) {
    return { ping: pingResult, account: { status: 'skipped' } };
  }
  try {
    return { ping: pingResult, account: { status: 'ok', result: await getAccount(target, options, token) } };
  } catch (error) {
    if (error instanceof CancelledError || !(error instanceof HttpsCallError)) {
      throw error;
    }
    return { ping: pingResult, account: { status: 'failed', error } };
  }
}
