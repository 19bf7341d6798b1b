// Writes docs/rules/<id>.md, schemas/ucanpay.schema.json and the README's rule table from the rule metadata (run after `npm run compile-tests`).
// A unit test fails when the committed pages differ from what this would write.
const fs = require('fs');
const path = require('path');
const { allRules } = require('../out/src/core/rules/catalogue');
const { projectConfigSchema, renderRuleDoc, withRuleTable } = require('../out/src/core/rules/docs');

const dir = path.join(__dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
for (const rule of allRules) {
  fs.writeFileSync(path.join(dir, `${rule.id}.md`), renderRuleDoc(rule));
}
fs.mkdirSync(path.join(__dirname, '..', 'schemas'), { recursive: true });
fs.writeFileSync(path.join(__dirname, '..', 'schemas', 'ucanpay.schema.json'), `${JSON.stringify(projectConfigSchema(allRules), null, 2)}\n`);
const readmePath = path.join(__dirname, '..', 'README.md');
fs.writeFileSync(readmePath, withRuleTable(fs.readFileSync(readmePath, 'utf8'), allRules));
console.log(`docs/rules: ${allRules.length} page(s) written`);
