import * as vscode from 'vscode';
import { defaultEndpoints, mergeEndpoints, type Endpoint } from '../../core/api/endpoints';
import type { EnvironmentId } from '../../core/api/environments';
import { normalizePins, readCaFile, type HttpsCallOptions } from '../../core/https';

/**
 * Settings that decide where a key is sent and which certificates are trusted. They are
 * `machine`-scoped in package.json, and read here from user (global) settings only: a value a
 * workspace's .vscode/settings.json carries is ignored even if VS Code were to surface it, so a
 * cloned repository cannot redirect the user's key or add trust.
 */
function userValue<T>(key: string): T | undefined {
  const inspected = vscode.workspace.getConfiguration('ucanpay').inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function baseUrlSetting(environment: EnvironmentId): string | undefined {
  const value = userValue<string>(environment === 'live' ? 'api.liveBaseUrl' : 'api.sandboxBaseUrl');
  return value?.trim() ? value.trim() : undefined;
}

export function endpointCatalogue(log: vscode.LogOutputChannel): readonly Endpoint[] {
  const merged = mergeEndpoints(defaultEndpoints, userValue<unknown>('api.endpoints'));
  for (const problem of merged.problems) {
    log.warn(`ucanpay.api.endpoints: ${problem}`);
  }
  return merged.endpoints;
}

/** The client options from user settings and VS Code's proxy settings; throws with a user message on a bad CA file or pin. */
export function callOptions(): HttpsCallOptions {
  const caFile = userValue<string>('tls.extraCaFile')?.trim();
  const pinSetting = userValue<Record<string, unknown>>('tls.pins') ?? {};
  const pins: Record<string, string[]> = {};
  for (const [host, values] of Object.entries(pinSetting)) {
    const normalized = normalizePins(host, Array.isArray(values) ? values.map(String) : [String(values)]);
    if (typeof normalized === 'string') {
      throw new Error(normalized);
    }
    pins[host.toLowerCase()] = normalized;
  }
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy')?.trim() || process.env.HTTPS_PROXY || process.env.https_proxy || '';
  const noProxy = http.get<string[]>('noProxy') ?? [];
  return {
    timeoutMs: Math.min(120, Math.max(1, userValue<number>('api.timeoutSeconds') ?? 15)) * 1000,
    extraCaPem: caFile ? readCaFile(caFile) : undefined,
    pins,
    proxy: proxy ? { url: proxy, noProxy } : undefined,
    strictSSLDisabledByUser: http.get<boolean>('proxyStrictSSL') === false,
    userAgent: 'UCanPay-Secure-VSCode',
  };
}
