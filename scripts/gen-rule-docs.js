// Writes docs/rules/<id>.md from the rule metadata (run after `npm run compile-tests`).
// A unit test fails when the committed pages differ from what this would write.
const fs = require('fs');
const path = require('path');
const { allRules } = require('../out/src/core/rules/catalogue');
const { renderRuleDoc } = require('../out/src/core/rules/docs');

const dir = path.join(__dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
for (const rule of allRules) {
  fs.writeFileSync(path.join(dir, `${rule.id}.md`), renderRuleDoc(rule));
}
console.log(`docs/rules: ${allRules.length} page(s) written`);
