import type { ReportSpec } from '../rule';
import type { CardField } from './cardData';

/** How a column holds its value: as text or numbers, as bytes (likely ciphertext), or not at all. */
export type Storage = 'text' | 'binary' | 'virtual';

/** A field of a schema, model, entity or table that holds card data. */
export interface StoredField {
  /** Where the field's name is written (an object key, a class field name, a column name). */
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly field: CardField;
  readonly storage: Storage;
  /** Options on the field that encrypt it (a transformer, `set: encrypt`, an encryption plugin). */
  readonly encrypted: boolean;
}

/**
 * The findings for `fields`: every CVV field, and card-number fields stored as text that nothing
 * encrypts (`encryptedElsewhere` names the fields the code encrypts before saving). A field found
 * twice (by two readers) is reported once.
 */
export function storedFieldFindings(fields: readonly StoredField[], encryptedElsewhere: () => ReadonlySet<string>): ReportSpec[] {
  const findings: ReportSpec[] = [];
  const seen = new Set<number>();
  for (const stored of fields) {
    if (seen.has(stored.start) || stored.storage === 'virtual') {
      continue;
    }
    seen.add(stored.start);
    if (stored.field === 'cvv') {
      findings.push({
        start: stored.start,
        end: stored.end,
        message: `'${stored.name}' stores the card security code: PCI DSS forbids keeping the CVV after authorisation, even encrypted. Remove the field and pass the CVV straight to UCanPay.`,
      });
    } else if (stored.storage === 'text' && !stored.encrypted && !encryptedElsewhere().has(stored.name.slice(stored.name.lastIndexOf('.') + 1))) {
      findings.push({
        start: stored.start,
        end: stored.end,
        message: `'${stored.name}' stores card numbers in clear text. Store the UCanPay token and the last four digits instead, or encrypt the value with AES-256-GCM before saving.`,
      });
    }
  }
  return findings;
}
