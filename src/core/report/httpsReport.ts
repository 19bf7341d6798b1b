import type { ConnectionTest } from '../api/calls';
import type { HttpsResult, TlsInspection, TlsReport, Timings } from '../https';

/**
 * Markdown for the result view of the test-call commands. Everything it receives is already
 * redacted by the client; it adds no value of its own that could hold a secret.
 */
function timingLine(t: Timings): string {
  const parts = [
    t.dnsMs !== undefined ? `DNS ${t.dnsMs} ms` : undefined,
    `connect ${t.connectMs} ms`,
    t.proxyMs !== undefined ? `proxy ${t.proxyMs} ms` : undefined,
    `TLS ${t.tlsMs} ms`,
    t.firstByteMs !== undefined ? `first byte ${t.firstByteMs} ms` : undefined,
    `total ${t.totalMs} ms`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function tlsSection(tls: TlsReport): string[] {
  const pin =
    tls.pin.status === 'notConfigured' ? 'no pins configured' : tls.pin.status === 'matched' ? `matched (${tls.pin.pin})` : 'MISMATCH';
  const lines = [
    '### TLS',
    '',
    `- Host: \`${tls.host}:${tls.port}\`${tls.viaProxy ? ' (through the proxy)' : ''}`,
    `- Protocol: **${tls.protocol}**, cipher \`${tls.cipher}\``,
    `- Certificate chain and host name: **validated**`,
    `- Leaf certificate expires in **${tls.daysToExpiry} days**${tls.expiryWarning ? ` — ${tls.expiryWarning}` : ''}`,
    `- Public-key pins: ${pin}`,
    `- HSTS: ${tls.hsts ? `\`${tls.hsts.header}\`` : 'not sent'}`,
    '',
    '| # | subject | issuer | valid until | SPKI SHA-256 |',
    '|---|---|---|---|---|',
    ...tls.chain.map((cert, index) => `| ${index} | ${cert.subjectCN ?? cert.subject} | ${cert.issuerCN ?? cert.issuer} | ${cert.validTo.slice(0, 10)} | \`${cert.spkiSha256}\` |`),
  ];
  const sans = tls.chain[0]?.subjectAltNames ?? [];
  if (sans.length) {
    lines.push('', `Names in the certificate: ${sans.map((san) => `\`${san}\``).join(', ')}`);
  }
  return lines;
}

function responseSection(title: string, result: HttpsResult): string[] {
  const body = result.json !== undefined ? JSON.stringify(result.json, null, 2) : result.body;
  return [
    `## ${title}: ${result.status} ${result.statusText}`,
    '',
    `\`${result.request.method} ${result.request.url}\` — key ${result.authorization === 'sent' ? 'sent' : result.authorization === 'withheld' ? '**withheld** (not this environment\'s base URL)' : 'not needed'}${result.idempotencyKey ? `, Idempotency-Key \`${result.idempotencyKey}\`` : ''}`,
    '',
    `Timing: ${timingLine(result.timings)}`,
    '',
    ...result.warnings.map((warning) => `> ⚠ ${warning}`),
    ...(result.warnings.length ? [''] : []),
    '```json',
    body.length > 20_000 ? `${body.slice(0, 20_000)}\n… (${result.bodyBytes} bytes in all)` : body,
    '```',
    '',
  ];
}

export function renderConnectionTest(environment: string, baseUrl: string, test: ConnectionTest): string {
  const account =
    test.account.status === 'ok'
      ? responseSection('GET /account', test.account.result)
      : test.account.status === 'skipped'
        ? ['## GET /account: skipped', '', 'No API key is stored for this environment: run *UCanPay: Set API Key*.', '']
        : ['## GET /account: failed', '', test.account.error.userMessage, ''];
  return [`# UCanPay ${environment}: connection test`, '', `Base URL: \`${baseUrl}\``, '', ...responseSection('GET /ping', test.ping), ...account, ...tlsSection(test.ping.tls), ''].join('\n');
}

export function renderResponse(environment: string, title: string, result: HttpsResult): string {
  return [`# UCanPay ${environment}: ${title}`, '', ...responseSection(title, result), ...tlsSection(result.tls), ''].join('\n');
}

export function renderInspection(environment: string, inspection: TlsInspection): string {
  return [
    `# UCanPay ${environment}: TLS certificate`,
    '',
    `\`${inspection.url}\` — ${timingLine(inspection.timings)}`,
    '',
    ...inspection.warnings.map((warning) => `> ⚠ ${warning}`),
    '',
    ...tlsSection(inspection.tls),
    '',
  ].join('\n');
}

export function renderFailure(environment: string, title: string, userMessage: string): string {
  return [`# UCanPay ${environment}: ${title}`, '', `**The call failed.** ${userMessage}`, '', 'Details are in the log: *UCanPay: Show Log*.', ''].join('\n');
}
