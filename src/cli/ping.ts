import { ping as pingApi } from '../core/api/calls';
import { environments, isEnvironmentId, resolveEnvironment, type EnvironmentId } from '../core/api/environments';
import { neverCancelled } from '../core/cancellation';
import { describeError, InvalidRequestError } from '../core/https/errors';
import { readCaFile } from '../core/https/trust';
import type { HttpsCallOptions, HttpsResult, Timings } from '../core/https/types';
import type { CliIo } from './run';

export const pingUsage = `Usage: ucanpay ping [--env sandbox|live] [--base-url URL] [--ca-file FILE]

Calls GET /ping on the UCanPay API (no key is sent) over validated HTTPS, and prints the status,
the timings and a TLS summary. Certificates are always validated: --ca-file adds a CA to trust
(for a corporate proxy that re-signs HTTPS), it never turns validation off. HTTPS_PROXY and
NO_PROXY are honoured.

Options:
      --env sandbox|live   environment (default: sandbox)
      --base-url URL       the environment's base URL (default: ${environments.sandbox.defaultBaseUrl} / ${environments.live.defaultBaseUrl})
      --ca-file FILE       extra CA certificate(s) to trust, PEM

Exit codes: 0 the API answered, 1 the call failed (TLS, network, HTTP), 2 usage.
`;

interface PingArgs {
  readonly environment: EnvironmentId;
  readonly baseUrl?: string;
  readonly caFile?: string;
}

function parsePingArgs(args: readonly string[]): PingArgs | 'help' | string {
  let environment: EnvironmentId = 'sandbox';
  let baseUrl: string | undefined;
  let caFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--env': {
        const v = value();
        if (!isEnvironmentId(v)) return `--env must be sandbox or live, not ${v ?? 'nothing'}`;
        environment = v;
        break;
      }
      case '--base-url': {
        const v = value();
        if (!v) return '--base-url needs a URL';
        baseUrl = v;
        break;
      }
      case '--ca-file': {
        const v = value();
        if (!v) return '--ca-file needs a file name';
        caFile = v;
        break;
      }
      case '--help':
      case '-h':
        return 'help';
      default:
        return `unknown ${arg.startsWith('-') ? 'option' : 'argument'} ${arg}`;
    }
  }
  return { environment, baseUrl, caFile };
}

/** `ucanpay ping`: the HTTPS client's GET /ping, for a terminal or CI. */
export async function ping(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parsePingArgs(argv);
  if (args === 'help') {
    io.stdout.write(pingUsage);
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr.write(`ucanpay ping: ${args}\n\n${pingUsage}`);
    return 2;
  }
  const resolved = resolveEnvironment(args.environment, args.baseUrl);
  if (typeof resolved === 'string') {
    io.stderr.write(`ucanpay ping: ${resolved}\n`);
    return 2;
  }
  const env = io.env ?? process.env;
  const options: { -readonly [K in keyof HttpsCallOptions]: HttpsCallOptions[K] } = { userAgent: 'ucanpay-cli' };
  try {
    if (args.caFile) {
      options.extraCaPem = readCaFile(args.caFile);
    }
  } catch (error) {
    io.stderr.write(`ucanpay ping: ${error instanceof InvalidRequestError ? error.userMessage : String(error)}\n`);
    return 2;
  }
  const proxy = env.HTTPS_PROXY ?? env.https_proxy;
  if (proxy) {
    options.proxy = { url: proxy, noProxy: (env.NO_PROXY ?? env.no_proxy ?? '').split(',').filter(Boolean) };
  }
  try {
    const result = await pingApi({ environment: args.environment, baseUrl: resolved.baseUrl }, options, neverCancelled);
    io.stdout.write(formatPing(result));
    return 0;
  } catch (error) {
    const { userMessage, detail } = describeError(error);
    io.stderr.write(`ucanpay ping: ${userMessage}\n  detail: ${detail}\n`);
    return 1;
  }
}

function ms(value: number | undefined): string {
  return value === undefined ? '–' : `${value.toFixed(1)} ms`;
}

function formatTimings(t: Timings): string {
  const parts = [`DNS ${ms(t.dnsMs)}`, `connect ${ms(t.connectMs)}`];
  if (t.proxyMs !== undefined) parts.push(`proxy ${ms(t.proxyMs)}`);
  parts.push(`TLS ${ms(t.tlsMs)}`, `first byte ${ms(t.firstByteMs)}`, `total ${ms(t.totalMs)}`);
  return parts.join(' · ');
}

export function formatPing(result: HttpsResult): string {
  const { tls } = result;
  const leaf = tls.chain[0];
  const pin =
    tls.pin.status === 'matched' ? `matched (${tls.pin.pin})` : tls.pin.status === 'mismatch' ? 'mismatch' : 'not configured';
  const lines = [
    `${result.request.method} ${result.request.url} → ${result.status} ${result.statusText}`,
    `Timing   ${formatTimings(result.timings)}`,
    `TLS      ${tls.protocol}, ${tls.cipher}${tls.viaProxy ? ', through the proxy' : ''}`,
  ];
  if (leaf) {
    lines.push(
      `Cert     ${leaf.subjectCN ?? leaf.subject}, issued by ${leaf.issuerCN ?? leaf.issuer}, valid until ${leaf.validTo.slice(0, 10)} (${tls.daysToExpiry} days)`,
      `  SANs   ${leaf.subjectAltNames.join(', ') || '–'}`,
      `  SPKI   sha256/${leaf.spkiSha256}`,
    );
  }
  lines.push(`Chain    ${tls.chain.map((c) => c.subjectCN ?? c.subject).join(' ← ')}`, `Pin      ${pin}`, `HSTS     ${tls.hsts?.header ?? 'not sent'}`);
  for (const warning of result.warnings) {
    lines.push(`Warning: ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}
