import { trimTrailingSlashes } from './environments';

/**
 * The endpoint catalogue: the API contract of SPEC.md as data, which a user can extend or adjust
 * from user settings. Whether a call writes is derived from its method, never declared, so an
 * override cannot make a POST pass for read-only in live mode.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const methods: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface Endpoint {
  /** Stable kebab-case id, e.g. `create-payment`. */
  readonly id: string;
  readonly title: string;
  readonly method: HttpMethod;
  /** Below the base URL, starting with `/`; `{name}` marks a path parameter. */
  readonly path: string;
  /** Sends the environment's key as `Authorization: Bearer`. */
  readonly auth: boolean;
  /** GET only; anything else changes state and needs confirmation in live mode. */
  readonly readOnly: boolean;
  /** Writes get an `Idempotency-Key` (the client adds one to every POST anyway). */
  readonly idempotent: boolean;
  /** The JSON body offered for editing, for writes. */
  readonly bodyTemplate?: unknown;
  readonly description?: string;
}

function endpoint(e: Omit<Endpoint, 'readOnly' | 'idempotent'>): Endpoint {
  return Object.freeze({ ...e, readOnly: e.method === 'GET', idempotent: e.method !== 'GET' });
}

export const defaultEndpoints: readonly Endpoint[] = Object.freeze([
  endpoint({ id: 'ping', title: 'Ping', method: 'GET', path: '/ping', auth: false, description: 'Checks that the API answers; needs no key.' }),
  endpoint({ id: 'get-account', title: 'Get account', method: 'GET', path: '/account', auth: true, description: 'The account the key belongs to.' }),
  endpoint({
    id: 'create-payment',
    title: 'Create payment',
    method: 'POST',
    path: '/payments',
    auth: true,
    description: 'Charges a payment source. Use a token, never a card number.',
    bodyTemplate: { amount: 1000, currency: 'usd', source: 'tok_visa', description: 'Test payment from UCanPay Secure' },
  }),
  endpoint({ id: 'get-payment', title: 'Get payment', method: 'GET', path: '/payments/{id}', auth: true, description: 'One payment by id.' }),
  endpoint({
    id: 'create-refund',
    title: 'Create refund',
    method: 'POST',
    path: '/refunds',
    auth: true,
    description: 'Refunds a payment, in full or in part.',
    bodyTemplate: { payment: 'pay_123', amount: 1000 },
  }),
]);

const idPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
// Path segments of unreserved characters or whole {param} placeholders; no dot segments, no
// query, no scheme or authority (the base URL alone decides where a call goes).
const pathPattern = /^(?:\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,99}|\{[A-Za-z][A-Za-z0-9_]{0,39}\}))+$/;

export interface MergedCatalogue {
  readonly endpoints: readonly Endpoint[];
  /** One line per override that was ignored, saying why (for the log and a settings warning). */
  readonly problems: readonly string[];
}

/**
 * Merges user overrides into a catalogue. `overrides` is data from settings: an array of objects
 * with an `id`; an id already in the catalogue changes the fields given, a new id adds an
 * endpoint (then `method` and `path` are required). An invalid entry is skipped as a whole.
 */
export function mergeEndpoints(base: readonly Endpoint[], overrides: unknown): MergedCatalogue {
  const endpoints = [...base];
  const problems: string[] = [];
  if (overrides === undefined || overrides === null) {
    return { endpoints, problems };
  }
  if (!Array.isArray(overrides)) {
    return { endpoints, problems: ['The endpoint overrides must be an array of objects.'] };
  }
  overrides.forEach((entry: unknown, index) => {
    const where = `Endpoint override #${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} is not an object.`);
      return;
    }
    const o = entry as Record<string, unknown>;
    const known = new Set(['id', 'title', 'method', 'path', 'auth', 'bodyTemplate', 'description']);
    const unknownKeys = Object.keys(o).filter((key) => !known.has(key));
    if (unknownKeys.length) {
      problems.push(`${where} has unknown field(s) ${unknownKeys.join(', ')} (readOnly is derived from the method).`);
      return;
    }
    if (typeof o.id !== 'string' || !idPattern.test(o.id)) {
      problems.push(`${where} needs an "id" in kebab-case.`);
      return;
    }
    const existingIndex = endpoints.findIndex((e) => e.id === o.id);
    const existing = existingIndex >= 0 ? endpoints[existingIndex] : undefined;
    const label = `Endpoint override "${o.id}"`;
    const method = o.method === undefined ? existing?.method : typeof o.method === 'string' ? (o.method.toUpperCase() as HttpMethod) : undefined;
    if (!method || !methods.includes(method)) {
      problems.push(`${label}: "method" must be one of ${methods.join(', ')}.`);
      return;
    }
    const path = o.path === undefined ? existing?.path : o.path;
    if (typeof path !== 'string' || !pathPattern.test(path)) {
      problems.push(`${label}: "path" must start with / and hold only path segments and {parameters} (no query, no "..", no host).`);
      return;
    }
    for (const field of ['title', 'description'] as const) {
      if (o[field] !== undefined && (typeof o[field] !== 'string' || (o[field] as string).length > 200)) {
        problems.push(`${label}: "${field}" must be a string of at most 200 characters.`);
        return;
      }
    }
    if (o.auth !== undefined && typeof o.auth !== 'boolean') {
      problems.push(`${label}: "auth" must be true or false.`);
      return;
    }
    const bodyTemplate = o.bodyTemplate === undefined ? (method === existing?.method ? existing?.bodyTemplate : undefined) : o.bodyTemplate;
    if (bodyTemplate !== undefined && (method === 'GET' || typeof bodyTemplate !== 'object' || bodyTemplate === null)) {
      problems.push(`${label}: "bodyTemplate" must be a JSON object or array, and only for methods other than GET.`);
      return;
    }
    const merged = endpoint({
      id: o.id,
      title: (o.title as string | undefined) ?? existing?.title ?? o.id,
      method,
      path,
      auth: (o.auth as boolean | undefined) ?? existing?.auth ?? true,
      bodyTemplate,
      description: (o.description as string | undefined) ?? existing?.description,
    });
    if (existing) {
      endpoints[existingIndex] = merged;
    } else {
      endpoints.push(merged);
    }
  });
  return { endpoints, problems };
}

/** The `{name}` parameters of a path template, in order. */
export function pathParameters(endpointOrPath: Endpoint | string): string[] {
  const path = typeof endpointOrPath === 'string' ? endpointOrPath : endpointOrPath.path;
  return [...path.matchAll(/\{([A-Za-z][A-Za-z0-9_]{0,39})\}/g)].map((m) => m[1]);
}

/**
 * The full URL of an endpoint under a base URL, each parameter percent-encoded as one segment.
 * Throws a RangeError naming a missing or empty parameter.
 */
export function endpointUrl(baseUrl: string, endpoint: Endpoint, params: Readonly<Record<string, string>> = {}): string {
  let missing: string | undefined;
  const path = endpoint.path.replace(/\{([A-Za-z][A-Za-z0-9_]{0,39})\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '' || value === '.' || value === '..') {
      missing ??= name;
      return '';
    }
    return encodeURIComponent(value);
  });
  if (missing !== undefined) {
    throw new RangeError(`The ${endpoint.title} call needs a value for {${missing}}.`);
  }
  return `${trimTrailingSlashes(baseUrl)}${path}`;
}

/** The template as the text a user edits (two-space JSON), or undefined for reads. */
export function bodyTemplateText(endpoint: Endpoint): string | undefined {
  return endpoint.bodyTemplate === undefined ? undefined : `${JSON.stringify(endpoint.bodyTemplate, null, 2)}\n`;
}
