import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'card-data-stored-unencrypted';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await ruleFindings(path, text)).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['Mongoose', 'a.js', 'const s = new Schema({ cardNumber: String, cvv: String, amount: Number });', ['cardNumber', 'cvv']],
  ['Mongoose options', 'a.js', "const s = new mongoose.Schema({ pan: { type: 'String', required: true } });", ['pan']],
  ['Mongoose nested card', 'a.js', 'const s = new Schema({ card: { number: String, cvc: String, brand: String } });', ['number', 'cvc']],
  ['prefixed names', 'a.js', 'new Schema({ bankCardNumber: String, savedCardCvv: String });', ['bankCardNumber', 'savedCardCvv']],
  ['Mongoose array', 'a.js', 'const s = new Schema({ cardNumbers: [String], card_numbers: [String], ccNumber: [String] });', ['ccNumber']],
  ['Mongoose schema const', 'a.js', 'const def = { cvc2: String };\nconst s = new Schema(def);', ['cvc2']],
  ['CVV stored encrypted', 'a.js', 'const s = new Schema({ cvvEncrypted: Buffer });', ['cvvEncrypted']],
  ['Sequelize define', 'a.js', "sequelize.define('Payment', { card_number: DataTypes.STRING(19), cvc: { type: DataTypes.STRING } });", ['card_number', 'cvc']],
  ['Sequelize init', 'a.ts', 'Payment.init({ creditCardNumber: { type: DataTypes.TEXT } }, { sequelize });', ['creditCardNumber']],
  ['Sequelize createTable', 'a.js', "queryInterface.createTable('payments', { pan: { type: Sequelize.STRING } });", ['pan']],
  ['Sequelize addColumn', 'a.js', "queryInterface.addColumn('payments', 'security_code', { type: Sequelize.STRING(4) });", ['security_code']],
  ['TypeORM', 'a.ts', '@Entity() class P { @Column() cardNumber!: string; @Column({ type: "varchar" }) cvv!: string; }', ['cardNumber', 'cvv']],
  ['MikroORM', 'a.ts', '@Entity() class P { @Property() cardNo!: string; }', ['cardNo']],
  ['NestJS Mongoose', 'a.ts', '@Schema() class P { @Prop({ required: true }) cardCvc!: string; }', ['cardCvc']],
  ['decorators in JavaScript', 'a.js', '@Entity() class P { @Column() cardNumber; }', ['cardNumber']],
  ['TypeORM EntitySchema', 'a.js', "new EntitySchema({ name: 'Payment', columns: { cardNumber: { type: String } } });", ['cardNumber']],
  ['Knex', 'a.js', "knex.schema.createTable('p', (t) => { t.string('card_number', 19); t.string('cvv'); });", ['card_number', 'cvv']],
  ['Knex alterTable', 'a.ts', "await knex.schema.alterTable('p', (table) => { table.text('pan'); });", ['pan']],
  ['SQL in a string', 'a.js', "db.query('CREATE TABLE p (id INT, card_number VARCHAR(19), cvv CHAR(3))');", ['card_number', 'cvv']],
  ['SQL in a template', 'a.ts', 'await sql`ALTER TABLE payments ADD COLUMN "cvc" text`;', ['cvc']],
  ['TSX', 'a.tsx', 'const S = new Schema({ cardNumber: String }); export const C = () => <p>saved</p>;', ['cardNumber']],
  ['SQL migration', 'db/001_init.sql', 'CREATE TABLE p (\n  id INT,\n  "card_number" VARCHAR(19),\n  cvv2 CHAR(4)\n);', ['card_number', 'cvv2']],
  ['SQL after an escaped quote', 'seed.sql', "INSERT INTO notes VALUES ('it''s; cvv text');\nALTER TABLE p ADD pan TEXT;\nUPDATE cards SET cvc = '1' WHERE id = 2;", ['pan', 'cvc']],
  ['SQL without a final semicolon', 'a.sql', 'CREATE TABLE p (card_no varchar(19))', ['card_no']],
  ['Prisma model', 'prisma/schema.prisma', 'model P {\n  id Int @id\n  cardNumber String @unique\n  cvc String? // from the form\n}', ['cardNumber', 'cvc']],
  ['Prisma composite type', 'schema.prisma', 'model P {\n  card Card\n}\ntype Card {\n  pan String\n}', ['pan']],
];

const quiet: Array<[string, string, string]> = [
  ['protected names', 'a.js', 'new Schema({ cardNumberEncrypted: String, encrypted_pan: String, panHash: String, last4: String, cardLast4: String, maskedPan: String, cardToken: String, token: String, fingerprint: String });'],
  ['bytes', 'a.js', 'new Schema({ cardNumber: Buffer, pan: { type: Buffer } });'],
  ['encrypting setter', 'a.js', "sequelize.define('P', { cardNumber: { type: DataTypes.STRING, set(v) { this.setDataValue('cardNumber', encrypt(v)); } } });"],
  ['virtual field', 'a.js', "sequelize.define('P', { cvv: DataTypes.VIRTUAL, cardNumber: DataTypes.VIRTUAL });"],
  ['TypeORM transformer', 'a.ts', 'class P { @Column({ transformer: new EncryptionTransformer(options) }) cardNumber!: string; }'],
  ['binary column', 'a.ts', "class P { @Column({ type: 'bytea' }) cardNumber!: Buffer; }"],
  ['encryption plugin for the field', 'a.js', "const s = new Schema({ cardNumber: String });\ns.plugin(mongooseFieldEncryption, { fields: ['cardNumber'], secret: process.env.KEY });"],
  ['encryption plugin for everything', 'a.js', "const s = new Schema({ pan: String });\ns.plugin(encrypt, { encryptionKey, signingKey });"],
  ['a field that is not a column', 'a.ts', 'class P { @Column() id!: string; cardNumber?: string; }'],
  ['a TypeScript interface', 'a.ts', 'interface P { cardNumber: string; cvv: string }'],
  ['Vue props', 'a.js', 'export default { props: { cardNumber: String, cvv: String } };'],
  ['Joi validation', 'a.js', 'Joi.object({ cardNumber: Joi.string().creditCard(), cvv: Joi.string() });'],
  ['Stripe check result', 'a.js', 'new Schema({ cvc_check: String, cvvResult: String, cvcCheck: String });'],
  ['Knex outside a table', 'a.js', "validator.string('card_number');"],
  ['SQL query, not DDL', 'a.js', "db.query('SELECT card_number FROM payments');"],
  ['expiry', 'a.js', 'new Schema({ expiry: String, cardToken: String });'],
  ['a company name', 'a.js', 'new Schema({ company: String, panel: String });'],
  ['encrypted in a pre-save hook', 'a.js', "const s = new Schema({ cardNumber: String });\ns.pre('save', function () { this.cardNumber = encrypt(this.cardNumber); });"],
  ['SQL comments and data', 'a.sql', "-- cvv VARCHAR(4) removed\n/* pan TEXT, */\nINSERT INTO audit (msg) VALUES ('card_number text; cvv int');\nCREATE TABLE p (card_token TEXT, pan_hash TEXT);"],
  ['SQL that reads', 'a.sql', 'SELECT cvv, card_number FROM legacy WHERE card_number = $1;'],
  ['Prisma bytes and encrypted fields', 'schema.prisma', 'model P {\n  cardNumber Bytes\n  pan String /// @encrypted\n  cardLast4 String\n}'],
  ['Prisma enum and view', 'schema.prisma', 'enum F {\n  cvv String\n}\nview V {\n  cardNumber String\n}'],
  ['Prisma relation named like card data', 'schema.prisma', 'model P {\n  pan Pan @relation(fields: [panId], references: [id])\n  panId Int\n}'],
  ['encrypted in a TypeORM hook', 'a.ts', '@Entity() class P { @Column() pan!: string; @BeforeInsert() seal() { this.pan = this.cipher.seal(this.pan); } }'],
];

describe('rule card-data-stored-unencrypted', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('reports a CVV even when a plugin encrypts it, and says to remove it', async () => {
    const text = "const s = new Schema({ cvv: String, pan: String });\ns.plugin(encrypt, { encryptedFields: ['cvv', 'pan'] });";
    const findings = await ruleFindings('a.js', text);
    assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), ['cvv']);
    assert.match(findings[0].message, /Remove the field/);
    assert.deepStrictEqual(findings[0].fixes, []);
  });
});
