import { classifyCardName } from './cardData';
import type { StoredField } from './storedFields';

/**
 * Card data in SQL: columns that `CREATE TABLE`/`ALTER TABLE` declare, and CVV columns that
 * `INSERT`/`UPDATE` write. Read from SQL in JavaScript strings and from `.sql` files (migrations,
 * schema dumps).
 */

export const sqlTypeBinary = /^(bytea|blob|longblob|mediumblob|tinyblob|varbinary|binary|raw|image)$/i;
export const sqlDdl = /\b(?:create|alter)\s+table\b/i;
const sqlColumn =
  /(?:^|[\s(,`"[])([A-Za-z_][A-Za-z0-9_]{0,62})[`"\]]?[ \t]+(varchar2?|nvarchar|character|char|nchar|text|tinytext|mediumtext|longtext|clob|string|integer|int|bigint|smallint|numeric|decimal|number|bytea|blob|longblob|varbinary|binary)\b/gi;
export const sqlWrite = /\b(?:insert|update)\b/i;
const sqlInsert = /\binsert\s+(?:ignore\s+)?into\s+[\w.`"[\]]+\s*\(([^)]{1,2000})\)/gi;
const sqlUpdate = /\bupdate\s+[\w.`"[\]]+\s+set\s+([^;]{1,2000}?)(?:\bwhere\b|;|$)/gi;
const sqlName = /[A-Za-z_][A-Za-z0-9_]{0,62}/g;

/** Card-data columns a `CREATE TABLE`/`ALTER TABLE` in `sql` declares; `offset` is where `sql` starts in the file. */
export function sqlColumns(sql: string, offset: number, fields: StoredField[]): void {
  sqlColumn.lastIndex = 0;
  for (let match = sqlColumn.exec(sql); match; match = sqlColumn.exec(sql)) {
    const name = match[1];
    const field = classifyCardName(name);
    if (!field || field === 'expiry') {
      continue;
    }
    const start = offset + match.index + match[0].indexOf(name);
    fields.push({ start, end: start + name.length, name, field, storage: sqlTypeBinary.test(match[2]) ? 'binary' : 'text', encrypted: false });
  }
}

/**
 * CVV columns an `INSERT INTO payments (pan, cvv) …` or `UPDATE cards SET cvc = ? …` in `sql`
 * writes. A CVV must not be stored at all, so the write is the finding wherever the table is
 * defined. (Card numbers are not read here: the values are placeholders, and whether they were
 * encrypted first is not in the statement.)
 */
export function sqlCvvWrites(sql: string, offset: number, fields: StoredField[]): void {
  for (const [pattern, columnsOnly] of [[sqlInsert, true], [sqlUpdate, false]] as const) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sql); match; match = pattern.exec(sql)) {
      const list = match[1];
      const listStart = match.index + match[0].indexOf(list);
      // In `SET a = ?, b = ?` only the names before `=` are columns.
      const parts = columnsOnly ? [{ text: list, at: 0 }] : [...list.matchAll(/(?:^|,)([^=,]+)=/g)].map((m) => ({ text: m[1], at: (m.index ?? 0) + m[0].indexOf(m[1]) }));
      for (const part of parts) {
        sqlName.lastIndex = 0;
        for (let name = sqlName.exec(part.text); name; name = sqlName.exec(part.text)) {
          if (classifyCardName(name[0]) !== 'cvv') {
            continue;
          }
          const start = offset + listStart + part.at + name.index;
          fields.push({ start, end: start + name[0].length, name: name[0], field: 'cvv', storage: 'text', encrypted: false });
        }
      }
    }
  }
}

/**
 * The statements of a `.sql` file with comments and string literals blanked out (same length, so
 * offsets stay those of the file): a column name in a comment or in inserted data is not a column.
 */
export function sqlStatements(text: string): { readonly text: string; readonly offset: number }[] {
  const blanked = blankCommentsAndStrings(text);
  const statements: { text: string; offset: number }[] = [];
  let start = 0;
  for (let i = 0; i <= blanked.length; i++) {
    if (i === blanked.length || blanked[i] === ';') {
      const statement = blanked.slice(start, i);
      if (statement.trim()) statements.push({ text: statement, offset: start });
      start = i + 1;
    }
  }
  return statements;
}

/** `--` and `#` line comments, block comments and quoted strings, replaced by spaces (line breaks kept). */
function blankCommentsAndStrings(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < out.length; k++) {
      if (out[k] !== '\n') out[k] = ' ';
    }
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ((c === '-' && text[i + 1] === '-') || c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'") {
      // '' inside a string is an escaped quote.
      let k = i + 1;
      while (k < text.length && !(text[k] === "'" && text[k + 1] !== "'")) {
        k += text[k] === "'" ? 2 : 1;
      }
      blank(i, k + 1);
      i = k + 1;
    } else {
      i++;
    }
  }
  return out.join('');
}
