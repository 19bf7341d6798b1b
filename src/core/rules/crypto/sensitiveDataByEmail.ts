import type { Scopes } from '../js/declarations';
import { callArguments } from '../js/express';
import { CryptoFile } from './cryptoFile';
import { calleeOf, type ModuleBindings } from '../js/moduleBindings';
import { lastSegment } from '../js/syntax';
import type { Rule, SyntaxContext, SyntaxNode } from '../rule';
import { isEnvRead, propertyName, propertyValue, unwrap } from './cryptoApi';
import { cardDataIn, isProtectedName, normaliseName } from './cardData';

/** Methods that send an e-mail whatever they are called on: nodemailer, SES, Postmark, helpers. */
const mailMethods = new Set([
  'sendMail',
  'sendEmail',
  'sendRawEmail',
  'sendTemplatedEmail',
  'sendEmailWithTemplate',
  'sendEmailBatch',
  'sendMultiple',
]);
/** Receivers whose `send(…)` sends mail or a text: `sgMail.send`, `resend.emails.send`, `mailer.send`, Vonage's `vonage.sms.send`. */
const mailReceivers = /^(sgmail|sendgrid|mail|mailer|email|emails|mailservice|emailservice|mailclient|emailclient|transporter|transport|smtp|smtpclient|postmark|mailjet|sms)$/;
/** AWS SDK v3 commands (SES; SNS `PublishCommand` when it goes to a phone number). */
const mailCommands = new Set(['SendEmailCommand', 'SendRawEmailCommand', 'SendTemplatedEmailCommand', 'SendBulkEmailCommand', 'SendBulkTemplatedEmailCommand']);

/** Amazon SNS sends an SMS when `publish` is given a `PhoneNumber`: `sns.publish({ PhoneNumber, Message })`, `new PublishCommand({ … })`. */
function isSmsPublish(node: SyntaxNode, name: string, scopes: Scopes): boolean {
  if (name !== 'publish' && name !== 'PublishCommand') {
    return false;
  }
  return callArguments(node).some((arg) => {
    const object = resolveObject(scopes, arg);
    return object !== undefined && propertyValue(object, 'PhoneNumber') !== undefined;
  });
}

const secretNames = new Set([
  'apikey',
  'secretkey',
  'privatekey',
  'apisecret',
  'clientsecret',
  'webhooksecret',
  'signingsecret',
  'ucanpaykey',
  'ucanpayapikey',
  'ucanpaysecretkey',
  'livekey',
  'livesecretkey',
  'testkey',
]);
const secretEnvName = /(API_?KEY|SECRET|PRIVATE_?KEY|ACCESS_?TOKEN)/i;
const ucanpayKeyText = /ucp_(?:live|test|whsec)_[A-Za-z0-9]/;
/** Prose right before a value: "Card number: ${…}", "CVV " + cvv. */
const cardLabel = /(card\s{0,3}(?:number|no\.?|#)|\bpan|\bcvv2?|\bcvc2?|security\s{1,3}code)\s{0,3}[:=#-]?\s{0,3}$/i;

interface Sensitive {
  readonly node: SyntaxNode;
  readonly what: string;
  readonly kind: 'card' | 'key';
}

function isMailCall(node: SyntaxNode, sendgrid: ModuleBindings, scopes: Scopes): boolean {
  const callee = calleeOf(node);
  if (!callee) {
    return false;
  }
  if (isSmsPublish(node, callee.name, scopes)) {
    return true;
  }
  if (node.type === 'new_expression') {
    return mailCommands.has(callee.name);
  }
  if (mailMethods.has(callee.name)) {
    return true;
  }
  const receiver = callee.receiver;
  if (!receiver) {
    return false;
  }
  const owner = normaliseName(lastSegment(receiver));
  if (callee.name === 'send' || callee.name === 'sendMultiple') {
    return mailReceivers.test(owner) || (receiver.type === 'identifier' && sendgrid.namespaces.has(receiver.text));
  }
  // Mailgun `mg.messages.create(domain, { to, … })`, Twilio SMS `client.messages.create({ to, body })`:
  // a recipient tells them from chat-model APIs that share the name.
  return callee.name === 'create' && owner === 'messages' && callArguments(node).some((arg) => {
    const object = resolveObject(scopes, arg);
    return object !== undefined && propertyValue(object, 'to') !== undefined;
  });
}

/** An object literal, directly or through a same-file declaration (`const mailOptions = {…}`, also `let`). */
function resolveObject(scopes: Scopes, node: SyntaxNode | undefined): SyntaxNode | undefined {
  const value = unwrap(node);
  if (value?.type === 'object') {
    return value;
  }
  if (value?.type === 'identifier') {
    const declared = unwrap(scopes.find(value)?.value);
    return declared?.type === 'object' ? declared : undefined;
  }
  return undefined;
}

/** An API key or secret in a mail's content: `process.env.UCANPAY_API_KEY`, `apiKey`, a `ucp_live_…` literal. */
function secretIn(expression: SyntaxNode): Sensitive | undefined {
  const stack: SyntaxNode[] = [expression];
  let budget = 400;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop()!;
    if (node.type === 'comment') {
      continue;
    }
    if (isEnvRead(node)) {
      const name = lastSegment(node.type === 'call_expression' ? callArguments(node)[0] : node);
      if (secretEnvName.test(name)) {
        return { node, what: `the secret in ${name}`, kind: 'key' };
      }
      continue;
    }
    if (node.type === 'identifier' || node.type === 'shorthand_property_identifier' || node.type === 'member_expression') {
      const name = lastSegment(node);
      if (secretNames.has(normaliseName(name))) {
        return { node, what: `an API key (${name})`, kind: 'key' };
      }
    }
    if ((node.type === 'string_fragment' || node.type === 'string') && ucanpayKeyText.test(node.text)) {
      return { node, what: 'a UCanPay API key', kind: 'key' };
    }
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) {
        stack.push(child);
      }
    }
  }
  return undefined;
}

/** "Card number: ${num}" in a template, or 'CVV: ' + code: the label says what the unnamed value is. */
function labelledCardValue(expression: SyntaxNode): Sensitive | undefined {
  const stack: SyntaxNode[] = [expression];
  let budget = 400;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop()!;
    if (node.type === 'template_string') {
      let prose = '';
      for (const child of node.namedChildren) {
        if (child?.type === 'string_fragment' || child?.type === 'escape_sequence') {
          prose += child.text;
        } else if (child?.type === 'template_substitution') {
          const value = child.namedChildren[0];
          if (value && cardLabel.test(prose) && !isProtectedValue(value)) {
            return { node: value, what: `card data (${label(prose)})`, kind: 'card' };
          }
          prose = '';
        }
      }
    } else if (node.type === 'binary_expression' && node.childForFieldName('operator')?.type === '+') {
      const left = unwrap(node.childForFieldName('left'));
      const right = unwrap(node.childForFieldName('right'));
      const prose = left?.type === 'string' ? left.text.slice(1, -1) : left?.type === 'binary_expression' ? trailingString(left) : '';
      if (right && cardLabel.test(prose) && !isProtectedValue(right)) {
        return { node: right, what: `card data (${label(prose)})`, kind: 'card' };
      }
    }
    for (const child of node.namedChildren) {
      if (child) {
        stack.push(child);
      }
    }
  }
  return undefined;
}

/** The label itself: `Card number` from `<p>Card number: `. */
function label(prose: string): string {
  return cardLabel.exec(prose)?.[1] ?? 'card data';
}

function trailingString(binary: SyntaxNode): string {
  const right = unwrap(binary.childForFieldName('right'));
  return right?.type === 'string' ? right.text.slice(1, -1) : '';
}

/**
 * Whether a value after a card label is not a card number: anything but a plain reference
 * (`'*'.repeat(12)`, `mask(pan)`, a literal), or a reference whose name says it is protected.
 */
function isProtectedValue(node: SyntaxNode): boolean {
  const value = unwrap(node);
  if (!value || (value.type !== 'identifier' && value.type !== 'member_expression' && value.type !== 'subscript_expression')) {
    return true;
  }
  return isProtectedName(lastSegment(value));
}

/** The e-mail's content: object arguments (through declarations) and positional subject/body strings. */
function contentOf(scopes: Scopes, call: SyntaxNode): SyntaxNode[] {
  return callArguments(call).map((arg) => resolveObject(scopes, arg) ?? arg);
}

/** Keys that hold addresses, routing and credentials for the mail service, not content. */
const routingKeys = new Set([
  'to', 'from', 'cc', 'bcc', 'replyto', 'sender', 'recipient', 'recipients', 'destination', 'source', 'toaddresses',
  'ccaddresses', 'bccaddresses', 'fromemailaddress', 'headers', 'domain', 'apikey', 'auth', 'credentials', 'token',
  'accesstoken', 'secret', 'key', 'user', 'pass', 'password', 'transport', 'smtp', 'phonenumber', 'topicarn', 'targetarn',
]);
/** Keys whose value is the message itself: a secret given here directly is sent. */
const contentKeys = new Set([
  'subject', 'text', 'html', 'body', 'content', 'message', 'textbody', 'htmlbody', 'textpart', 'htmlpart', 'data',
  'templatedata', 'dynamictemplatedata', 'templatemodel', 'variables', 'context', 'substitutions', 'params',
]);

/** A value handed over as it is (`process.env.X`, `apiKey`): configuration, unless under a content key. */
function isBareReference(node: SyntaxNode): boolean {
  const value = unwrap(node);
  return value !== undefined && (isEnvRead(value) || value.type === 'identifier' || value.type === 'member_expression');
}

function sensitiveIn(scopes: Scopes, content: SyntaxNode): Sensitive | undefined {
  // Each part of the message, and whether a secret given there as a bare reference is content.
  const parts: Array<{ node: SyntaxNode; bareIsContent: boolean }> = [];
  if (content.type === 'object') {
    for (const child of content.namedChildren) {
      if (child?.type === 'pair') {
        const key = normaliseName(propertyName(child.childForFieldName('key')) ?? '');
        const value = child.childForFieldName('value');
        if (value && !routingKeys.has(key)) {
          parts.push({ node: value, bareIsContent: contentKeys.has(key) });
        }
      } else if (child && child.type !== 'comment') {
        parts.push({ node: child, bareIsContent: false });
      }
    }
  } else {
    parts.push({ node: content, bareIsContent: false });
  }
  for (const part of parts) {
    const card = cardDataIn(scopes, part.node, { fields: ['pan', 'cvv'] });
    if (card) {
      return { node: card.node, what: `card data (${card.name})`, kind: 'card' };
    }
  }
  for (const part of parts) {
    const found = labelledCardValue(part.node) ?? (part.bareIsContent || !isBareReference(part.node) ? secretIn(part.node) : undefined);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export const sensitiveDataByEmail: Rule = {
  id: 'sensitive-data-by-email',
  title: 'Card data or API key sent by e-mail or SMS',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['mail', 'messages.create', 'phonenumber', 'sms'],
  mappings: {
    cwe: ['CWE-319', 'CWE-359'],
    owasp: ['A02:2021 Cryptographic Failures', 'A04:2021 Insecure Design'],
    pciDss: ['4.2.2', '3.4.1'],
    gdpr: ['Art. 32', 'Art. 5(1)(f)'],
  },
  description: [
    'E-mail is not a secure channel: messages cross servers that may not use TLS, and sit unencrypted in outboxes,',
    'inboxes, backups and the logs of mail providers for years. PCI DSS 4.2.2 requires card numbers sent through',
    'end-user messaging (e-mail, SMS, chat) to be unreadable, and UCanPay\'s guide says not to send sensitive',
    'information by e-mail at all. An API key in an e-mail is a leaked key.',
    '',
    'The rule reports a message sent with nodemailer (`transporter.sendMail`), SendGrid (`sgMail.send`), Mailgun',
    '(`mg.messages.create`), Amazon SES (`sendEmail`, `SendEmailCommand`), Resend (`resend.emails.send`), Postmark',
    '(`sendEmail`, `sendEmailWithTemplate`), Twilio SMS (`client.messages.create`), Vonage SMS (`vonage.sms.send`),',
    'Amazon SNS text messages (`sns.publish({ PhoneNumber, Message })`, `new PublishCommand(…)`) or a `sendEmail`/`sendMail`',
    'helper, whose subject, body or template data carries:',
    '',
    '- card data: a card number or CVV by name (`cardNumber`, `card.number`, `pan`, `cvv`, `cvc`) or by the label',
    '  before it (`` `Card number: ${value}` ``);',
    '- an API key: `process.env.UCANPAY_API_KEY` (any `*_API_KEY`/`*_SECRET` variable), a name such as `apiKey`, or a',
    '  `ucp_live_`/`ucp_test_` key written in the text.',
    '',
    'The options object is followed to its declaration in the same file (`const mailOptions = {…}`). It stays quiet',
    'for receipts that carry the last four digits (`last4`, `maskedPan`, `card.last4`, `pan.slice(-4)`), order ids,',
    'amounts and names, and for the recipients and the mail service\'s own settings (`apiKey`, `auth`).',
    '',
    '**Fix:** send a reference (the order or payment id and the last four digits) and let the customer see the rest',
    'in an authenticated page. Never send API keys by e-mail: share them through the UCanPay dashboard or a secrets',
    'manager.',
    '',
    '```js',
    '// Flagged',
    "await transporter.sendMail({ to: customer.email, subject: 'Receipt', text: `Card: ${payment.cardNumber}` });",
    '// Secure',
    "await transporter.sendMail({ to: customer.email, subject: 'Receipt', text: `Card ending in ${payment.cardLast4}` });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const file = new CryptoFile(context);
    const scopes = file.scopes;
    const sendgrid = file.bindings('sendgrid', (specifier) => specifier === '@sendgrid/mail');
    for (const node of file.calls) {
      if (!isMailCall(node, sendgrid, scopes)) {
        continue;
      }
      for (const content of contentOf(scopes, node)) {
        const found = sensitiveIn(scopes, content);
        if (!found) {
          continue;
        }
        context.report({
          start: found.node.startIndex,
          end: found.node.endIndex,
          message:
            found.kind === 'card'
              ? `This message carries ${found.what}: e-mail and SMS are stored and relayed unencrypted (PCI DSS 4.2.2). Send the last four digits and a payment reference instead.`
              : `This message carries ${found.what}: a key sent by e-mail or SMS is a leaked key. Share keys through the UCanPay dashboard or a secrets manager, and rotate this one.`,
        });
        break;
      }
    }
  },
};
