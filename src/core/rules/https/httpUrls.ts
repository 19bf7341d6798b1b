import { hostMatches, isIdentifierHost, isLinkLocalHost, isLocalHost, isReservedExampleHost } from '../../net/hosts';

/** What plain-http-url's code and text matchers share: host parsing, exempt hosts, endpoint names. */

// Names that hold an endpoint: baseURL, apiUrl, API_ENDPOINT, webhookUrl, host, origin, …
export const endpointName = /(ur[il]s?|endpoint|host|origin|base|api|server|webhook|gateway)$|^(ur[il]|endpoint|host|origin|base|api|server)/i;
// Forward proxies are addressed with http:// (the tunnel inside is TLS), so proxy settings are fine.
export const proxyName = /proxy/i;

export const httpAtStart = /^http:\/\//i;
export const httpAnywhere = /\bhttp:\/\/([^\s/?#:'"`$\\]*)/gi;

export function hostOf(afterScheme: string): string {
  const match = /^([^\s/?#'"`$\\]*)/.exec(afterScheme);
  const authority = match ? match[1] : '';
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    return close >= 0 ? hostPort.slice(0, close + 1) : hostPort;
  }
  return hostPort.split(':')[0].toLowerCase();
}

/**
 * Hosts where plain HTTP is no risk or no request: loopback, link-local (instance metadata),
 * reserved examples, XML namespaces, allowed hosts, and text that cannot be a host name at all
 * (`%6c%6f…`, an unclosed `[`: URL-parsing test data).
 */
export function isExemptHost(host: string, allowedHttpHosts: readonly string[]): boolean {
  return (
    isLocalHost(host) ||
    isLinkLocalHost(host) ||
    isReservedExampleHost(host) ||
    isIdentifierHost(host) ||
    hostMatches(host, allowedHttpHosts) ||
    host.includes('%') ||
    (host.startsWith('[') && !host.endsWith(']'))
  );
}

export const ucanpayMessage =
  'The UCanPay API is called over plain HTTP: your API key and card data would cross the network unencrypted. Use https:// instead.';

export function otherHostMessage(host: string): string {
  return `Plain HTTP request to ${host || 'a remote host'}: the traffic can be read and changed in transit. Use https:// instead.`;
}
