import { markdownRegions } from '../../engine/regions';
import { isUcanpayHost } from '../../net/hosts';
import type { ReportSpec, TextContext } from '../rule';
import { textUnits } from '../text/configEntries';
import type { ShellCommand, Word } from '../text/shellWords';
import { endpointName, hostOf, isExemptHost, otherHostMessage, proxyName, ucanpayMessage } from './httpUrls';

/**
 * plain-http-url in configuration, scripts and documentation: a plain `http://` URL as the value
 * of an endpoint-like key or variable, given to curl/wget/HTTPie or Dockerfile ADD, and any
 * `http://` URL of a UCanPay host. Markdown prose counts only for UCanPay hosts.
 */

// In text, a URL also ends at the brackets and punctuation around it: `(http://…)`, `<http://…>`.
const httpInText = /\bhttp:\/\/[^\s/?#'"`$\\<>()[\]{}|,;*]*/gi;

// Keys whose URL is an identifier or a proxy, never an API call: $schema, $id, @context, xmlns…
const identifierKey = /^\$|^@(?:context|id|type|vocab|base)$|xmlns|namespace|schema|^allowedhttphosts$/i;
// Objects of project metadata (package.json, OpenAPI info): links for people, not endpoints.
const metadataParent = /^(?:repository|bugs|author|contributors|maintainers|funding|homepage|contact|licen[cs]es?|externaldocs|links?)$/i;
// Endpoint-like names that are links for people: repo_url, DOCS_URL, logoUrl, site_url…
const linkName = /(?:repo|repository|home|homepage|docs?|documentation|image|img|avatar|logo|icon|licen[cs]e|issues?|bugs?|changelog|source|website|site|help|support|privacy|terms|policy|download)[-_.]?ur[il]s?$/i;
// Package registries are endpoints too (npm_config_registry, .npmrc registry=, --registry).
const registryName = /registry$/i;

function isEndpointKey(key: string): boolean {
  const name = key.replace(/^-+/, '');
  return (endpointName.test(name) || registryName.test(name)) && !proxyName.test(name) && !linkName.test(name);
}

// Programs whose URL arguments are fetched.
const fetchers = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'aria2c', 'add']);
// Options of those whose value is a proxy or a referrer, not the URL fetched.
const notFetchedOptions = new Set(['-x', '--proxy', '--preproxy', '-e', '--referer', '--noproxy']);

type Report = (spec: ReportSpec) => void;

function scan(context: TextContext, word: Word, fetched: boolean, report: Report): void {
  const pattern = new RegExp(httpInText.source, 'gi');
  for (let match = pattern.exec(word.text); match; match = pattern.exec(word.text)) {
    const host = hostOf(match[0].slice('http://'.length));
    // `http://*:8080`, `http://+:80` (ASPNETCORE_URLS), `http://*/*` (match patterns): addresses to listen on or match, not to call.
    if (isExemptHost(host, context.options.allowedHttpHosts) || host === '+' || word.text[match.index + match[0].length] === '*') {
      continue;
    }
    const ucanpay = isUcanpayHost(host);
    if (!ucanpay && !(fetched && match.index === 0)) {
      continue;
    }
    const from = match.index;
    const to = from + match[0].length;
    const start = word.offsets[from];
    const end = word.offsets[to - 1] + 1;
    // The scheme can be rewritten only where `http` is written as it reads (no quote inside it).
    const plain = word.offsets[from + 3] - start === 3;
    report({
      start,
      end,
      severity: ucanpay ? 'error' : 'warning',
      message: ucanpay ? ucanpayMessage : otherHostMessage(host),
      fixes: plain ? [{ title: 'Use https://', preferred: true, edits: [{ start, end: start + 4, newText: 'https' }] }] : [],
    });
  }
}

function scanCommand(context: TextContext, command: ShellCommand, report: Report): void {
  const fetcher = fetchers.has(command.name.toLowerCase());
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (fetcher && notFetchedOptions.has(arg.text)) {
      i++;
      continue;
    }
    // --api-url=http://…, --registry http://…
    const option = /^(--?[A-Za-z][\w-]*)=/.exec(arg.text);
    if (option) {
      const from = option[0].length;
      scan(context, { ...arg, text: arg.text.slice(from), offsets: arg.offsets.slice(from) }, isEndpointKey(option[1]), report);
      continue;
    }
    const previous = args[i - 1]?.text ?? '';
    const endpointOption = previous.startsWith('-') && !notFetchedOptions.has(previous) && isEndpointKey(previous);
    scan(context, arg, (fetcher && !arg.text.startsWith('-')) || endpointOption, report);
  }
}

function checkMarkdown(context: TextContext, report: Report): void {
  const lines = context.textLines();
  let fence: { readonly marker: string; readonly analysed: boolean } | undefined;
  let inComment = false;
  for (const line of lines) {
    const text = line.text;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(text);
      if (close && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length) {
        fence = undefined;
      } else if (!fence.analysed && !/^\s*(?:#|\/\/|--|;)/.test(text)) {
        // A fence the engine does not analyse as code of its own (```text, ```python…): UCanPay URLs still count.
        scanProse(context, line.offset, text, report);
      }
      continue;
    }
    const open = inComment ? undefined : fenceOpening(text);
    if (open) {
      fence = { marker: open.marker, analysed: markdownRegions(`${open.marker}${open.info}\n\n${open.marker}`).length > 0 };
      continue;
    }
    // HTML comments (`<!-- … -->`, over several lines too) are not shown, and not findings.
    let visible = '';
    let i = 0;
    while (i < text.length) {
      if (inComment) {
        const close = text.indexOf('-->', i);
        const stop = close < 0 ? text.length : close + 3;
        visible += ' '.repeat(stop - i);
        inComment = close < 0;
        i = stop;
      } else {
        const openAt = text.indexOf('<!--', i);
        const stop = openAt < 0 ? text.length : openAt;
        visible += text.slice(i, stop);
        i = stop;
        if (openAt >= 0) {
          inComment = true;
        }
      }
    }
    scanProse(context, line.offset, visible, report);
  }
}

/** ```info or ~~~info, indented at most three spaces (a backtick fence's info has no backtick). */
function fenceOpening(line: string): { marker: string; info: string } | undefined {
  let indent = 0;
  while (line[indent] === ' ') {
    indent++;
  }
  const char = line[indent];
  if (indent > 3 || (char !== '`' && char !== '~')) {
    return undefined;
  }
  let end = indent;
  while (line[end] === char) {
    end++;
  }
  const info = line.slice(end);
  if (end - indent < 3 || (char === '`' && info.includes('`'))) {
    return undefined;
  }
  return { marker: line.slice(indent, end), info };
}

function scanProse(context: TextContext, offset: number, text: string, report: Report): void {
  if (!text.toLowerCase().includes('http://')) {
    return;
  }
  const offsets = Array.from({ length: text.length }, (_, i) => offset + i);
  scan(context, { text, offsets, start: offset, end: offset + text.length }, false, report);
}

export function checkPlainHttpText(context: TextContext): void {
  const seen = new Set<number>();
  const report: Report = (spec) => {
    if (!seen.has(spec.start)) {
      seen.add(spec.start);
      context.report(spec);
    }
  };
  if (context.kind === 'markdown') {
    checkMarkdown(context, report);
    return;
  }
  const units = textUnits(context);
  for (const entry of units.entries) {
    if (identifierKey.test(entry.key) || proxyName.test(entry.key) || entry.parents.some((parent) => metadataParent.test(parent))) {
      continue;
    }
    scan(context, entry.value, isEndpointKey(entry.key), report);
  }
  for (const command of units.commands) {
    scanCommand(context, command, report);
  }
  for (const word of units.other) {
    scan(context, word, false, report);
  }
}
