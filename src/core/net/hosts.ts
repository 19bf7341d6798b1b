/**
 * Host names that are never a risk for plain HTTP (the traffic does not leave the machine, or the
 * name cannot resolve on the internet), and hosts of UCanPay itself.
 */

const loopbackV4 = /^127(?:\.\d{1,3}){3}$/;

export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    loopbackV4.test(h) ||
    h === '0.0.0.0' ||
    h === '[::1]' ||
    h === '::1' ||
    h === 'host.docker.internal'
  );
}

const linkLocalV4 = /^169\.254\.\d{1,3}\.\d{1,3}$/;

/**
 * Link-local addresses and cloud instance-metadata names (`169.254.169.254`,
 * `metadata.google.internal`): reachable only from the machine itself, and served over plain HTTP
 * by design.
 */
export function isLinkLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return linkLocalV4.test(h) || h.startsWith('[fe80:') || h === 'metadata.google.internal' || h === 'metadata';
}

/** RFC 2606 / 6761 names reserved for documentation and tests. */
export function isReservedExampleHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    /(^|\.)example\.(com|net|org)$/.test(h) ||
    /\.(example|test|invalid)$/.test(h) ||
    h === 'example' ||
    h === 'test'
  );
}

/** Hosts whose `http://` URLs are identifiers (XML namespaces, schema ids), never fetched. */
export function isIdentifierHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    h === 'www.w3.org' ||
    h === 'w3.org' ||
    h === 'purl.org' ||
    h === 'xmlns.com' ||
    h === 'json-schema.org' ||
    h === 'ns.adobe.com' ||
    h === 'www.opengis.net' ||
    h.startsWith('schemas.')
  );
}

export function isUcanpayHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'ucanpay.com' || h.endsWith('.ucanpay.com');
}

export function hostMatches(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p;
  });
}
