import * as fs from 'fs';
import * as path from 'path';
import { parseProjectConfig, projectConfigFileName, type ParsedProjectConfig } from './projectConfig';

/** Reads `<root>/.ucanpay.jsonc`; a missing file is an empty, valid configuration. */
export function loadProjectConfig(root: string, knownRuleIds: ReadonlySet<string>): ParsedProjectConfig & { readonly file: string; readonly text?: string } {
  const file = path.join(root, projectConfigFileName);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { file, config: { rules: {}, ignore: [], allowedHttpHosts: [] }, problems: [] };
  }
  return { file, text, ...parseProjectConfig(text, knownRuleIds) };
}
