import type { TextLine } from '../rule';
import { classifyCardName } from './cardData';
import type { StoredField } from './storedFields';

/**
 * Card-data fields of the models in a Prisma schema (`schema.prisma`):
 *
 *   model Payment {
 *     cardNumber String  @map("card_number")
 *     cvv        String?
 *   }
 *
 * `Bytes` fields hold bytes (likely ciphertext); a field that prisma-field-encryption encrypts
 * carries `/// @encrypted` on its line. Composite `type`s (MongoDB) are stored inside their models
 * and are read too; views and enums are not storage of their own.
 */

const blockStart = /^\s*(model|type|view|enum)\s+\w+\s*\{/;
const blockEnd = /^\s*\}/;
// A field line: its name and its type (`String`, `String?`, `String[]`).
const fieldLine = /^\s*([A-Za-z_]\w*)[ \t]+([A-Za-z_]\w*)/;
const textTypes = new Set(['String', 'Int', 'BigInt', 'Decimal', 'Float', 'Json']);

export function prismaFields(lines: readonly TextLine[]): StoredField[] {
  const fields: StoredField[] = [];
  // Blocks never nest: a line opens one, a closing brace at the start of a line ends it.
  let storing = false;
  for (const line of lines) {
    const opened = blockStart.exec(line.text);
    if (opened) {
      storing = opened[1] === 'model' || opened[1] === 'type';
      continue;
    }
    if (blockEnd.test(line.text)) {
      storing = false;
      continue;
    }
    const match = storing ? fieldLine.exec(line.text) : null;
    if (!match) {
      continue;
    }
    const [, name, type] = match;
    const field = classifyCardName(name);
    const storage = type === 'Bytes' ? 'binary' : textTypes.has(type) ? 'text' : undefined;
    if (!field || field === 'expiry' || !storage) {
      continue;
    }
    const comment = line.text.indexOf('//', match[0].length);
    const start = line.offset + line.text.indexOf(name);
    fields.push({ start, end: start + name.length, name, field, storage, encrypted: comment >= 0 && line.text.includes('@encrypted', comment) });
  }
  return fields;
}
