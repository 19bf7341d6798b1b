import { CryptoFile } from './cryptoFile';
import { callArguments } from '../js/express';
import { calleeOf } from '../js/moduleBindings';
import { lastSegment } from '../js/syntax';
import type { Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { literalString, propertyName, propertyValue, resolvedObject, unwrap } from './cryptoApi';
import { classifyCardName, isCardObjectName } from './cardData';
import { prismaFields } from './prismaSchema';
import { sqlColumns, sqlCvvWrites, sqlDdl, sqlStatements, sqlTypeBinary, sqlWrite } from './sqlSchema';
import { storedFieldFindings, type Storage, type StoredField } from './storedFields';

const mongooseText = /^(String|Number|BigInt|Mixed|Decimal128)$/;
const sequelizeTypeHolders = /^(DataTypes|Sequelize|DataType|Types)$/;
const sequelizeText = /^(STRING|TEXT|CHAR|CITEXT|INTEGER|BIGINT|DECIMAL|NUMBER|NUMERIC|FLOAT|DOUBLE|JSON|JSONB)$/;
const sequelizeBinary = /^(BLOB|BINARY|VARBINARY)$/;
const encryptionWords = /encrypt|decrypt|cipher|crypt|transformer/i;
const ormDecorators = new Set(['Column', 'PrimaryColumn', 'Property', 'Prop']);
const knexColumnMethods = new Set(['string', 'text', 'integer', 'bigInteger', 'bigint', 'specificType', 'varchar', 'char', 'decimal', 'binary', 'json', 'jsonb']);
const knexTableMethods = new Set(['createTable', 'createTableIfNotExists', 'alterTable', 'table', 'createTableLike']);

/** Mongoose: `String`, `Number`, `'String'`, `Schema.Types.String`, `[String]`, `Buffer`. */
function mongooseStorage(value: SyntaxNode | undefined): Storage | undefined {
  const v = unwrap(value);
  if (!v) {
    return undefined;
  }
  if (v.type === 'array') {
    return mongooseStorage(v.namedChildren.find((child) => child?.type !== 'comment') ?? undefined);
  }
  const name = v.type === 'string' ? v.text.slice(1, -1) : lastSegment(v);
  if (name === 'Buffer') {
    return 'binary';
  }
  return mongooseText.test(name) ? 'text' : undefined;
}

/**
 * Sequelize: `DataTypes.STRING`, `Sequelize.TEXT`, `DataTypes.STRING(19)`, `DataType.BLOB`, and the
 * bare `STRING`/`INTEGER` of a model file that destructures them (`(sequelize, { STRING }) => …`).
 */
function sequelizeStorage(value: SyntaxNode | undefined): Storage | undefined {
  let v = unwrap(value);
  if (v?.type === 'call_expression') {
    v = v.childForFieldName('function') ?? undefined;
  }
  const bare = v?.type === 'identifier' && (sequelizeText.test(v.text) || sequelizeBinary.test(v.text) || v.text === 'VIRTUAL');
  if (!bare && (v?.type !== 'member_expression' || !sequelizeTypeHolders.test(lastSegment(v.childForFieldName('object'))))) {
    return undefined;
  }
  const type = lastSegment(v);
  if (type === 'VIRTUAL') {
    return 'virtual';
  }
  return sequelizeBinary.test(type) ? 'binary' : sequelizeText.test(type) ? 'text' : undefined;
}

/** TypeORM column types as strings (`'varchar'`, `'bytea'`) or JS constructors (`String`). */
function columnTypeStorage(value: SyntaxNode | undefined): Storage | undefined {
  const literal = literalString(unwrap(value));
  if (literal) {
    return sqlTypeBinary.test(literal.value) ? 'binary' : 'text';
  }
  return mongooseStorage(value) ?? sequelizeStorage(value);
}

type TypeReader = (value: SyntaxNode | undefined) => Storage | undefined;

interface SchemaWalk {
  readonly readType: TypeReader;
  readonly fields: StoredField[];
  /** Field names an encryption plugin covers; `'*'` for all. */
  readonly pluginEncrypted: ReadonlySet<string>;
}

/**
 * Walks a schema-like object (`{ cardNumber: String, card: { number: { type: String } } }`): each
 * key that names card data, with a type the reader recognises, is a stored field.
 */
function walkSchemaObject(object: SyntaxNode, walk: SchemaWalk, parentKey: string, depth: number): void {
  if (depth > 6) {
    return;
  }
  for (const pair of object.namedChildren) {
    if (pair?.type !== 'pair') {
      continue;
    }
    const keyNode = pair.childForFieldName('key');
    const key = propertyName(keyNode);
    const value = unwrap(pair.childForFieldName('value'));
    if (!keyNode || !key || !value) {
      continue;
    }
    let field = classifyCardName(key);
    if (!field && (key === 'number' || key === 'num' || key === 'pan') && isCardObjectName(parentKey.slice(parentKey.lastIndexOf('.') + 1))) {
      field = 'pan';
    }
    const options = value.type === 'object' ? value : undefined;
    const typeNode = options ? propertyValue(options, 'type') : value;
    const storage = walk.readType(typeNode);
    if (field && field !== 'expiry' && storage) {
      walk.fields.push({
        start: keyNode.startIndex,
        end: keyNode.endIndex,
        name: parentKey ? `${parentKey}.${key}` : key,
        field,
        storage,
        encrypted: (options !== undefined && encryptionWords.test(options.text)) || walk.pluginEncrypted.has('*') || walk.pluginEncrypted.has(key) || walk.pluginEncrypted.has(`${parentKey}.${key}`),
      });
      continue;
    }
    if (options && !storage) {
      walkSchemaObject(options, walk, parentKey ? `${parentKey}.${key}` : key, depth + 1);
    }
  }
}

/** Fields covered by `schema.plugin(encryptionPlugin, { encryptedFields: [...] })` (mongoose-encryption and kin). */
function encryptionPluginFields(file: CryptoFile): Set<string> {
  const fields = new Set<string>();
  for (const { node: call, callee } of file.callSites) {
    if (callee?.name !== 'plugin' || !callee.receiver) {
      continue;
    }
    const args = callArguments(call);
    if (args.length === 0 || !encryptionWords.test(args[0].text)) {
      continue;
    }
    const options = args[1] ? resolvedObject(file.scopes, args[1]) : undefined;
    const listed = options?.type === 'object' ? (propertyValue(options, 'encryptedFields') ?? propertyValue(options, 'fields')) : undefined;
    if (listed?.type === 'array') {
      for (const item of listed.namedChildren) {
        const name = literalString(item)?.value;
        if (name) {
          fields.add(name);
        }
      }
    } else {
      // mongoose-encryption encrypts every field unless told which.
      fields.add('*');
    }
  }
  return fields;
}

function collectObjectSchemas(file: CryptoFile, fields: StoredField[]): void {
  const scopes = file.scopes;
  let pluginEncrypted: Set<string> | undefined;
  for (const node of file.calls) {
    const callee = calleeOf(node);
    if (!callee) {
      continue;
    }
    const args = callArguments(node);
    const objectArg = (index: number): SyntaxNode | undefined => resolvedObject(scopes, args[index]);
    let schema: SyntaxNode | undefined;
    let readType: TypeReader = sequelizeStorage;
    switch (callee.name) {
      case 'Schema':
        // Mongoose: new Schema({...}), new mongoose.Schema({...})
        schema = objectArg(0);
        readType = mongooseStorage;
        break;
      case 'EntitySchema': {
        // TypeORM: new EntitySchema({ columns: { cardNumber: { type: String } } })
        const options = objectArg(0);
        const columns = options ? unwrap(propertyValue(options, 'columns')) : undefined;
        schema = columns?.type === 'object' ? columns : undefined;
        readType = columnTypeStorage;
        break;
      }
      case 'define':
      case 'createTable':
        // Sequelize: sequelize.define('Payment', {...}); queryInterface.createTable('payments', {...})
        schema = objectArg(1);
        break;
      case 'init':
        // Sequelize: Payment.init({...}, { sequelize })
        schema = objectArg(0);
        break;
      case 'addColumn': {
        // Sequelize migration: queryInterface.addColumn('payments', 'card_number', { type: Sequelize.STRING })
        const column = literalString(unwrap(args[1]));
        if (column && args[2]) {
          const synthetic = { name: column.value, node: column.node };
          const options = objectArg(2);
          const storage = sequelizeStorage(options ? propertyValue(options, 'type') : args[2]);
          const field = classifyCardName(synthetic.name);
          if (field && field !== 'expiry' && storage) {
            fields.push({
              start: column.offset,
              end: column.offset + column.value.length,
              name: column.value,
              field,
              storage,
              encrypted: options !== undefined && encryptionWords.test(options.text),
            });
          }
        }
        continue;
      }
      default:
        continue;
    }
    if (schema) {
      pluginEncrypted ??= encryptionPluginFields(file);
      walkSchemaObject(schema, { readType, fields, pluginEncrypted }, '', 0);
    }
  }
}

/** TypeORM / MikroORM / sequelize-typescript / @nestjs/mongoose: `@Column() cardNumber: string`. */
function collectDecoratedFields(context: SyntaxContext, fields: StoredField[]): void {
  // The JavaScript grammar calls class fields field_definition; TypeScript's, public_field_definition.
  const fieldType = context.language === 'javascript' ? 'field_definition' : 'public_field_definition';
  for (const node of context.nodes(fieldType)) {
    const decorators = node.namedChildren.filter((child): child is SyntaxNode => child?.type === 'decorator');
    const column = decorators.find((decorator) => {
      const expression = decorator.namedChildren[0];
      const name = expression?.type === 'call_expression' ? lastSegment(expression.childForFieldName('function')) : lastSegment(expression);
      return ormDecorators.has(name);
    });
    const nameNode = node.childForFieldName('name') ?? node.childForFieldName('property');
    const field = nameNode ? classifyCardName(nameNode.text) : undefined;
    if (!column || !nameNode || !field || field === 'expiry') {
      continue;
    }
    const expression = column.namedChildren[0];
    const args = expression?.type === 'call_expression' ? callArguments(expression) : [];
    const options = args.map((arg) => unwrap(arg)).find((arg) => arg?.type === 'object');
    const typeNode = options ? propertyValue(options, 'type') : args[0];
    const storage = typeNode ? (columnTypeStorage(typeNode) ?? 'text') : 'text';
    fields.push({
      start: nameNode.startIndex,
      end: nameNode.endIndex,
      name: nameNode.text,
      field,
      storage,
      encrypted: encryptionWords.test(column.text),
    });
  }
}

/** Knex: `table.string('card_number')` inside `knex.schema.createTable('payments', (table) => …)`. */
function collectKnexColumns(file: CryptoFile, fields: StoredField[]): void {
  for (const { node: call, callee } of file.callSites) {
    if (!callee || !knexColumnMethods.has(callee.name) || !callee.receiver) {
      continue;
    }
    const column = literalString(unwrap(callArguments(call)[0]));
    const field = column ? classifyCardName(column.value) : undefined;
    if (!column || !field || field === 'expiry' || !insideKnexTable(call)) {
      continue;
    }
    fields.push({
      start: column.offset,
      end: column.offset + column.value.length,
      name: column.value,
      field,
      storage: callee.name === 'binary' ? 'binary' : 'text',
      encrypted: false,
    });
  }
}

function insideKnexTable(node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'call_expression' && knexTableMethods.has(calleeOf(current)?.name ?? '')) {
      return true;
    }
  }
  return false;
}

/** SQL in strings: `CREATE TABLE payments (card_number VARCHAR(19), cvv CHAR(4))`, `INSERT INTO … (…, cvv)`. */
function collectSqlInStrings(file: CryptoFile, fields: StoredField[]): void {
  const text = file.context.text;
  const ddl = sqlDdl.test(text);
  const writes = sqlWrite.test(text);
  if (!ddl && !writes) {
    return;
  }
  for (const node of file.strings) {
    const sql = node.text;
    if (sql.length > 20000) {
      continue;
    }
    if (ddl && sqlDdl.test(sql)) {
      sqlColumns(sql, node.startIndex, fields);
    }
    if (writes && sqlWrite.test(sql)) {
      sqlCvvWrites(sql, node.startIndex, fields);
    }
  }
}

/** A `.sql` file: each statement that creates or alters a table, or writes rows. */
function sqlFileFields(text: string): StoredField[] {
  const fields: StoredField[] = [];
  for (const statement of sqlStatements(text)) {
    if (sqlDdl.test(statement.text)) {
      sqlColumns(statement.text, statement.offset, fields);
    } else if (sqlWrite.test(statement.text)) {
      sqlCvvWrites(statement.text, statement.offset, fields);
    }
  }
  return fields;
}

/**
 * Fields the file encrypts in code before saving: `this.cardNumber = encrypt(this.cardNumber)` in a
 * pre-save hook or `@BeforeInsert()` method, `payment.pan = await kms.encrypt(…)`,
 * `this.setDataValue('pan', encrypt(value))`.
 */
function fieldsEncryptedByCode(file: CryptoFile): Set<string> {
  const names = new Set<string>();
  const context = file.context;
  if (!encryptionWords.test(context.text)) {
    return names;
  }
  for (const node of context.nodes('assignment_expression')) {
    const right = node.childForFieldName('right');
    if (right && node.childForFieldName('left')?.type === 'member_expression' && encryptionWords.test(right.text)) {
      names.add(lastSegment(node.childForFieldName('left')));
    }
  }
  for (const { node: call, callee } of file.callSites) {
    if (callee?.name !== 'setDataValue' && callee?.name !== 'set') {
      continue;
    }
    const args = callArguments(call);
    const field = literalString(unwrap(args[0]));
    if (field && args[1] && encryptionWords.test(args[1].text)) {
      names.add(field.value);
    }
  }
  return names;
}

export const cardDataStoredUnencrypted: Rule = {
  id: 'card-data-stored-unencrypted',
  title: 'Card number or CVV stored in a database field without encryption',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['sql', 'prisma'],
  // 'model' for Prisma schemas; CVV names for SQL that writes a CVV column into a table defined elsewhere.
  literals: ['schema', 'define', 'init(', 'column', '@prop', 'table', 'model', 'cvv', 'cvc', 'cvn', 'csc', 'securitycode', 'security_code', 'cardcode', 'card_code'],
  mappings: {
    cwe: ['CWE-311', 'CWE-312'],
    owasp: ['A02:2021 Cryptographic Failures', 'A04:2021 Insecure Design'],
    pciDss: ['3.3.1', '3.3.1.2', '3.4.1', '3.5.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'A card number in a plain database column is read by anyone who gets a dump, a backup, a replica or a SQL',
    'injection. PCI DSS 3.5.1 requires stored card numbers to be unreadable (strong encryption, a keyed hash, a',
    'token or truncation), and 3.3.1 forbids keeping the card security code (CVV/CVC) after authorisation at all,',
    'even encrypted. UCanPay\'s guide asks you to encrypt card details before they reach your database.',
    '',
    'The rule reports fields that hold a card number (`cardNumber`, `card_number`, `pan`, `ccNumber`, `card.number`)',
    'or a CVV (`cvv`, `cvc`, `securityCode`, `cardCode`) in:',
    '',
    '- Mongoose schemas (`new Schema({ cardNumber: String })`), with nested objects;',
    '- Sequelize models and migrations (`define`, `Model.init`, `queryInterface.createTable`/`addColumn` with',
    '  `DataTypes.STRING` and the like, or the bare `STRING`/`INTEGER` a model file destructures);',
    '- TypeORM, MikroORM, sequelize-typescript and NestJS entities (`@Column() cardNumber: string`, `@Prop()`,',
    '  `@Property()`) and TypeORM `EntitySchema` columns;',
    '- Knex migrations (`table.string(\'card_number\')` inside `createTable`/`alterTable`);',
    '- SQL in strings (`CREATE TABLE … (card_number VARCHAR(19), cvv CHAR(4))`, `ALTER TABLE … ADD cvv …`), and CVV',
    '  columns an `INSERT INTO … (…, cvv)` or `UPDATE … SET cvc = …` writes;',
    '- `.sql` files (migrations, schema dumps): the same statements, with comments and quoted data left out;',
    '- Prisma schemas (`schema.prisma`): `model` and composite `type` fields of type `String`, `Int`, `BigInt`,',
    '  `Decimal`, `Float` or `Json`.',
    '',
    'A CVV field is always reported. A card number field is not reported when its name says it is protected',
    '(`cardNumberEncrypted`, `encrypted_pan`, `panHash`, `last4`, `cardLast4`, `maskedPan`, `cardToken`, `token`,',
    '`fingerprint`), when its options encrypt it (a TypeORM `transformer`, a Sequelize `set` that encrypts, an',
    'encryption plugin such as mongoose-encryption that covers it), when the file assigns it an encrypted value',
    '(`this.cardNumber = encrypt(this.cardNumber)` in a pre-save hook) or prisma-field-encryption marks it (`/// @encrypted`),',
    "when it holds bytes (`Buffer`, `BLOB`, `bytea`, Prisma's `Bytes`),",
    'or when it is a Sequelize `VIRTUAL` field that is never stored. Validation schemas (Joi, Zod, Yup), TypeScript',
    'interfaces and front-end props are not storage and are not read.',
    '',
    '**Fix:** do not store what you do not need: keep the UCanPay payment token and the last four digits. If you must',
    'keep the number, encrypt it with AES-256-GCM under a key from your key store before saving (and a keyed',
    'HMAC-SHA-256 for lookups). Remove CVV fields; pass the CVV to UCanPay and forget it.',
    '',
    '```js',
    '// Flagged',
    'const Payment = new Schema({ cardNumber: String, cvv: String, amount: Number });',
    '// Secure',
    'const Payment = new Schema({ cardToken: String, cardLast4: String, amount: Number });',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const file = new CryptoFile(context);
    const fields: StoredField[] = [];
    collectObjectSchemas(file, fields);
    if (context.text.includes('@')) {
      collectDecoratedFields(context, fields);
    }
    collectKnexColumns(file, fields);
    collectSqlInStrings(file, fields);
    let encryptedElsewhere: Set<string> | undefined;
    for (const finding of storedFieldFindings(fields, () => (encryptedElsewhere ??= fieldsEncryptedByCode(file)))) {
      context.report(finding);
    }
  },

  checkText(context: TextContext): void {
    const fields = context.kind === 'sql' ? sqlFileFields(context.text) : prismaFields(context.textLines());
    for (const finding of storedFieldFindings(fields, () => new Set())) {
      context.report(finding);
    }
  },
};
