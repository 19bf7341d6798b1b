import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'sensitive-data-by-email';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await ruleFindings(path, text)).map((f) => text.slice(f.startOffset, f.endOffset));
}

// Made at run time: no key-shaped literal in the repository.
const fakeLiveKey = `ucp_${'live'}_${'EXAMPLE'.repeat(4)}0000`;

const flagged: Array<[string, string, string, string[]]> = [
  ['nodemailer', 'a.js', "transporter.sendMail({ to, subject: 'Receipt', text: `Card ${cardNumber}` });", ['cardNumber']],
  ['options declared apart', 'a.js', "let opts = { to, html: '<b>' + payment.card_number + '</b>' };\ntransporter.sendMail(opts);", ['payment.card_number']],
  ['label before an unnamed value', 'a.js', 'transporter.sendMail({ to, text: `Card number: ${value}` });', ['value']],
  ['CVV label in a concatenation', 'a.js', "mailer.send({ to, text: 'CVV: ' + code });", ['code']],
  ['SendGrid template data', 'a.ts', "import sgMail from '@sendgrid/mail'; sgMail.send({ to, from, dynamicTemplateData: { pan } });", ['pan']],
  ['SendGrid under another name', 'a.ts', "import mailClient from '@sendgrid/mail'; mailClient.send({ to, from, text: `${card.number}` });", ['card.number']],
  ['Mailgun', 'a.js', "mg.messages.create('mg.shop.io', { to, from, subject: 'x', text: `CVC ${card.cvc}` });", ['card.cvc']],
  ['Twilio SMS', 'a.js', 'client.messages.create({ to: phone, from, body: `Card ${cardNumber} charged` });', ['cardNumber']],
  ['SES v3', 'a.ts', "new SendEmailCommand({ Destination, Message: { Body: { Text: { Data: `x ${creditCardNumber}` } } } });", ['creditCardNumber']],
  ['SES v2', 'a.js', 'ses.sendEmail({ Destination, Message: { Body: { Html: { Data: html(cardNo) } } } }).promise();', ['cardNo']],
  ['Resend', 'a.ts', "resend.emails.send({ from, to, subject: 'x', html: `<p>${cvv}</p>` });", ['cvv']],
  ['a sendEmail helper', 'a.js', "sendEmail(user.email, 'Your card', `Number: ${card.number}`);", ['card.number']],
  ['API key from the environment', 'a.js', "transporter.sendMail({ to, text: 'Key: ' + process.env.UCANPAY_API_KEY });", ['process.env.UCANPAY_API_KEY']],
  ['API key by name', 'a.ts', 'transporter.sendMail({ to, text: `Your key: ${merchant.apiKey}` });', ['merchant.apiKey']],
  ['API key as the whole text', 'a.js', 'transporter.sendMail({ to, text: process.env.UCANPAY_SECRET_KEY });', ['process.env.UCANPAY_SECRET_KEY']],
  ['UCanPay key in the text', 'a.js', `transporter.sendMail({ to, text: 'Use ${fakeLiveKey} in production' });`, [`'Use ${fakeLiveKey} in production'`]],
  ['TSX', 'a.tsx', 'await sendMail({ to, html: render(<Receipt pan={pan} />) });', ['pan']],
];

const quiet: Array<[string, string, string]> = [
  ['receipt with last4', 'a.js', 'transporter.sendMail({ to, text: `Card ending in ${payment.cardLast4}` });'],
  ['masked number', 'a.js', 'transporter.sendMail({ to, text: `Card: ${maskPan(cardNumber)}` });'],
  ['last four by slice', 'a.js', 'transporter.sendMail({ to, text: `Card number: ${cardNumber.slice(-4)}` });'],
  ['label then a masked value', 'a.js', 'transporter.sendMail({ to, text: `Card number: ${maskedPan}` });'],
  ['label with a literal', 'a.js', "transporter.sendMail({ to, text: 'Card number: ' + '****' });"],
  ['label with a computed mask', 'a.js', "transporter.sendMail({ to, text: `Card number: ${'*'.repeat(12)}${last4}` });"],
  ['order and amount', 'a.js', 'transporter.sendMail({ to, subject: `Order ${orderId}`, text: `Total ${amount}` });'],
  ['template data with last4 under a card name', 'a.js', 'sgMail.send({ to, dynamicTemplateData: { cardNumber: card.last4 } });'],
  ['an HTTP response', 'a.js', 'res.send({ cardNumber });'],
  ['a websocket', 'a.js', 'socket.send(`cvv ${cvv}`);'],
  ['a chat-model API', 'a.js', "anthropic.messages.create({ model, messages: [{ role: 'user', content: cardNumber }] });"],
  ['the recipient', 'a.js', 'transporter.sendMail({ to: cardholder.email, text: \'Thanks\' });'],
  ['a public key name', 'a.js', 'transporter.sendMail({ to, text: `Publishable: ${publishableKey}` });'],
  ['the mail service\'s own API key', 'a.js', "sendEmail({ apiKey: process.env.SENDGRID_API_KEY, to, subject: 'Hi', text: 'Hello' });"],
  ['the API key as a positional argument', 'a.js', "sendEmail(process.env.SENDGRID_API_KEY, to, 'Hi', 'Hello');"],
  ['a comment', 'a.js', '// transporter.sendMail({ to, text: cardNumber })\nconst x = 1;'],
];

describe('rule sensitive-data-by-email', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('reports once per message, never repeats a key, and offers no fix', async () => {
    const text = `transporter.sendMail({ to, text: \`\${cardNumber} \${cvv} ${fakeLiveKey}\` });`;
    const findings = await ruleFindings('a.js', text);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].fixes, []);
    const keyOnly = await ruleFindings('a.js', `transporter.sendMail({ to, text: '${fakeLiveKey}' });`);
    assert.ok(!keyOnly[0].message.includes(fakeLiveKey));
    assert.ok(!keyOnly[0].message.includes('EXAMPLE'));
  });
});
