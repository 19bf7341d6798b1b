import * as Jsonc from 'jsonc-parser';
import type { SeverityLevel } from '../findings';

/**
 * `.ucanpay.jsonc` at the root of a project: what a team agrees on and commits, read by the
 * extension and by `ucanpay scan` alike.
 *
 *   {
 *     "rules": { "plain-http-url": "warning", "secret-in-code": "off" },
 *     "ignore": ["test/fixtures/**", "**\/*.min.js"],
 *     "allowedHttpHosts": ["ci-mock.internal", "*.test.corp"]
 *   }
 *
 * It cannot change where keys are sent or which certificates are trusted: those are user
 * settings only, because a cloned repository must not redirect the user's key.
 */
export interface ProjectConfig {
  readonly rules: Readonly<Record<string, SeverityLevel>>;
  readonly ignore: readonly string[];
  readonly allowedHttpHosts: readonly string[];
}

export const projectConfigFileName = '.ucanpay.jsonc';

export const emptyProjectConfig: ProjectConfig = Object.freeze({ rules: {}, ignore: [], allowedHttpHosts: [] });

export interface ConfigProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface ParsedProjectConfig {
  /** Absent when the file has problems: the caller keeps the last good configuration. */
  readonly config?: ProjectConfig;
  readonly problems: readonly ConfigProblem[];
}

const levels: readonly string[] = ['error', 'warning', 'info', 'off'];
const hostPattern = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

export function parseProjectConfig(text: string, knownRuleIds: ReadonlySet<string>): ParsedProjectConfig {
  const errors: Jsonc.ParseError[] = [];
  const root = Jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = errors.map((error) => ({
    start: error.offset,
    end: error.offset + Math.max(1, error.length),
    message: `${Jsonc.printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} in .ucanpay.jsonc`,
  }));
  if (problems.length) {
    return { problems };
  }
  if (!root || root.type !== 'object') {
    const at = root ?? { offset: 0, length: text.length };
    return { problems: [{ start: at.offset, end: at.offset + Math.max(1, at.length), message: '.ucanpay.jsonc must hold one object, like { "rules": {} }.' }] };
  }
  const problem = (node: Jsonc.Node, message: string) => problems.push({ start: node.offset, end: node.offset + node.length, message });
  const rules: Record<string, SeverityLevel> = {};
  const ignore: string[] = [];
  const allowedHttpHosts: string[] = [];

  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) {
      continue;
    }
    switch (keyNode.value) {
      case 'rules':
        if (valueNode.type !== 'object') {
          problem(valueNode, '"rules" must be an object of rule id → "error" | "warning" | "info" | "off".');
          break;
        }
        for (const entry of valueNode.children ?? []) {
          const [idNode, levelNode] = entry.children ?? [];
          if (!idNode || !levelNode) continue;
          if (!knownRuleIds.has(String(idNode.value))) {
            problem(idNode, `Unknown rule "${idNode.value}". The README lists the rule ids.`);
          } else if (levelNode.type !== 'string' || !levels.includes(String(levelNode.value))) {
            problem(levelNode, 'A rule level is "error", "warning", "info" or "off".');
          } else {
            rules[String(idNode.value)] = levelNode.value as SeverityLevel;
          }
        }
        break;
      case 'ignore':
        collectStrings(valueNode, ignore, '"ignore" must be an array of glob patterns, like ["test/fixtures/**"].', problem);
        break;
      case 'allowedHttpHosts':
        collectStrings(valueNode, allowedHttpHosts, '"allowedHttpHosts" must be an array of host names, like ["ci-mock.internal"].', problem);
        for (const [index, host] of allowedHttpHosts.entries()) {
          if (!hostPattern.test(host)) {
            problem(valueNode.children![index], `"${host}" is not a host name (write it without scheme or path; "*.example.corp" allows subdomains).`);
          }
        }
        break;
      default:
        problem(keyNode, `Unknown setting "${keyNode.value}". .ucanpay.jsonc knows "rules", "ignore" and "allowedHttpHosts".`);
    }
  }
  return problems.length ? { problems } : { config: { rules, ignore, allowedHttpHosts }, problems };
}

function collectStrings(node: Jsonc.Node, into: string[], message: string, problem: (node: Jsonc.Node, message: string) => void): void {
  if (node.type !== 'array') {
    problem(node, message);
    return;
  }
  for (const item of node.children ?? []) {
    if (item.type === 'string' && String(item.value).trim()) {
      into.push(String(item.value).trim());
    } else {
      problem(item, message);
    }
  }
}
