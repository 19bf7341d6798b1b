import { sharedScopes } from '../js/declarations';
import { callSites } from '../js/callSites';
import { entryValue, moduleBindings, objectEntries, objectLiteral, stringValue, unwrap, valueOfName } from '../js/express';
import { stringSites } from '../js/stringSites';
import { isUcanpayHost } from '../../net/hosts';
import { expressionUse } from '../js/syntax';
import type { Rule, SyntaxContext, SyntaxNode, TextContext } from '../rule';
import { endpointName, hostOf, httpAnywhere, httpAtStart, isExemptHost, otherHostMessage, proxyName, ucanpayMessage } from './httpUrls';
import { checkPlainHttpText } from './plainHttpText';

// Callees whose URL argument is fetched: fetch, axios/got/ky/superagent, node's http(s).get and
// .request, jQuery's ajax, XMLHttpRequest#open, and constructors that take a URL to connect to.
const httpClientCallees = new Set([
  'fetch', 'axios', 'got', 'ky', 'superagent', 'needle', 'request', 'get', 'post', 'put', 'patch',
  'delete', 'del', 'head', 'options', 'ajax', 'getJSON', 'open', 'Request', 'URL', 'EventSource',
  'sendBeacon', 'importScripts', 'stream',
]);

// A page or a file (`…/rules/no-eval.html`, `…/logo.png`), not an API endpoint: a link stored
// under a `url` name (ESLint's `meta.docs.url`, a help link) is shown to people, not called.
const documentPath = /\.(?:html?|md|markdown|pdf|txt|png|jpe?g|gif|svg|ico|css)(?:[?#]|$)/i;

/** `receiver` names Node's `module` (`http` or `https`): bound to it, or its usual name without an import in sight (a snippet). */
function isNodeModule(context: SyntaxContext, receiver: SyntaxNode, module: 'http' | 'https'): boolean {
  if (receiver.type !== 'identifier') {
    return false;
  }
  const name = receiver.text;
  return name === module || moduleBindings(context, module).whole.has(name) || moduleBindings(context, `node:${module}`).whole.has(name);
}

function isHttpsModule(context: SyntaxContext, receiver: SyntaxNode): boolean {
  return isNodeModule(context, receiver, 'https');
}

/**
 * Node's `http.request` / `http.get` given options instead of a URL: `{ hostname: 'api.shop.io',
 * port: 80, path: '/charge' }`. The module speaks plain HTTP whatever the port; the host is
 * reported when the options spell it out.
 */
function checkHttpModuleOptions(context: SyntaxContext): void {
  if (!context.text.includes('host')) {
    return;
  }
  for (const site of callSites(context)) {
    const receiver = site.method === 'request' || site.method === 'get' ? site.callee?.receiver : undefined;
    if (!receiver || !isNodeModule(context, receiver, 'http')) {
      continue;
    }
    const first = unwrap(site.args[0]);
    const options = objectLiteral(first) ?? (first?.type === 'identifier' ? objectLiteral(valueOfName(context, first)) : undefined);
    if (!options) {
      continue;
    }
    const entries = objectEntries(options);
    const protocol = entries.get('protocol');
    if (protocol && stringValue(entryValue(protocol))?.replace(/:$/, '').toLowerCase() !== 'http') {
      continue;
    }
    const hostEntry = entries.get('hostname') ?? entries.get('host');
    const hostNode = hostEntry ? unwrap(entryValue(hostEntry)) : undefined;
    const host = stringValue(hostNode)?.toLowerCase();
    if (!hostNode || !host || isExemptHost(host.replace(/:\d+$/, ''), context.options.allowedHttpHosts)) {
      continue;
    }
    const ucanpay = isUcanpayHost(host);
    context.report({
      start: hostNode.startIndex,
      end: hostNode.endIndex,
      severity: ucanpay ? 'error' : 'warning',
      message: ucanpay
        ? "The UCanPay API is called through Node's http module, over plain HTTP: your API key and card data would cross the network unencrypted. Use the https module."
        : `Plain HTTP request to ${host} (Node's http module): the traffic can be read and changed in transit. Use the https module.`,
    });
  }
}

/** `url` (the string's whole value) is passed to an HTTP client, or stored under an endpoint-like name. */
function isFetchedHere(context: SyntaxContext, node: SyntaxNode, url: string): boolean {
  const use = expressionUse(node, sharedScopes(context).ancestors(node));
  if (!use) {
    return false;
  }
  if (use.kind === 'argument') {
    if (!httpClientCallees.has(use.callee) || (use.callee === 'open' && use.index !== 1)) {
      return false;
    }
    // Node's `https.get('http://…')` and `https.request('http://…')` throw (ERR_INVALID_PROTOCOL):
    // a broken call, but nothing is sent in clear text.
    return !((use.callee === 'get' || use.callee === 'request') && use.receiver && isHttpsModule(context, use.receiver));
  }
  return endpointName.test(use.name) && !proxyName.test(use.name) && !documentPath.test(url);
}

export const plainHttpUrl: Rule = {
  id: 'plain-http-url',
  title: 'Plain HTTP URL used for an API call',
  section: 'HTTPS Usage',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'yaml', 'json', 'properties', 'dockerfile', 'shell', 'markdown'],
  literals: ['http://'],
  mappings: {
    cwe: ['CWE-319'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['4.2.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'A URL that starts with `http://` sends the request, its headers (including `Authorization: Bearer <key>`) and the',
    'response in clear text. Anyone on the network path can read the API key and the card data, or change them.',
    '',
    'The rule reports:',
    '',
    '- any `http://` URL of a UCanPay host (`*.ucanpay.com`) in a string, as an **error**;',
    '- a plain `http://` URL passed to an HTTP client (`fetch`, `axios`, `got`, `got.stream`, `http.request`, `new URL`, …) or',
    '  stored in an endpoint-like name (`baseURL`, `apiUrl`, `WEBHOOK_ENDPOINT`, …), and a host given to Node\'s',
    "  `http.request`/`http.get` in options (`{ hostname: 'api.shop.io', port: 80 }`), as a **warning**.",
    '',
    'In configuration and scripts (.env, YAML, JSON, .properties/.ini/.conf/.npmrc, Dockerfile, shell) it reports the',
    'same for values of endpoint-like keys and variables (`API_URL=…`, `baseUrl: …`, `"endpoint": …`, `registry=…`,',
    '`ENV`/`ARG`, `export`), for URLs given to `curl`, `wget`, HTTPie or Dockerfile `ADD`, and for `--api-url=…`',
    'options. In Markdown, prose counts only for UCanPay hosts; fenced code is read as the language of the fence.',
    '',
    'A URL stored under an endpoint-like name that points to a page or a file (`…/docs/rule.html`, `…/logo.png`) is',
    'a link for people, not an endpoint, and is not reported (passed to an HTTP client, it is).',
    '',
    'It stays quiet for comments, loopback hosts (`localhost`, `127.0.0.1`, `[::1]`), link-local addresses and cloud',
    'instance metadata (`169.254.169.254`, `metadata.google.internal`: plain HTTP by design), reserved example domains,',
    'XML namespaces and schema identifiers (`http://www.w3.org/2000/svg`, `$schema`, `@context`, `xmlns`), proxy',
    'settings (`HTTP_PROXY`, `proxy=`, `proxy_pass`, `curl -x`), project metadata links (`repository.url`, `repo_url`,',
    '`homepage`), hosts you allow (`allowedHttpHosts`), and `http://` URLs given to Node\'s `https.get`/`https.request`',
    '(which refuse them: the call fails, nothing is sent).',
    '',
    '**Fix:** use `https://`. The quick fix rewrites the scheme. UCanPay only serves its API over HTTPS.',
    '',
    '```js',
    "// Flagged",
    "const client = axios.create({ baseURL: 'http://api.ucanpay.com/v1' });",
    '// Secure',
    "const client = axios.create({ baseURL: 'https://api.ucanpay.com/v1' });",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    checkHttpModuleOptions(context);
    for (const content of stringSites(context)) {
      const node = content.node;
      if (!/http:\/\//i.test(content.value)) {
        continue;
      }
      httpAnywhere.lastIndex = 0;
      for (let match = httpAnywhere.exec(content.value); match; match = httpAnywhere.exec(content.value)) {
        const host = hostOf(content.value.slice(match.index + 'http://'.length));
        if (isExemptHost(host, context.options.allowedHttpHosts)) {
          continue;
        }
        const ucanpay = isUcanpayHost(host);
        // Other hosts count only as the whole value of a string that is fetched or names an
        // endpoint; a URL inside prose ("see http://…") is not a request.
        if (!ucanpay && !(match.index === 0 && httpAtStart.test(content.value) && isFetchedHere(context, node, content.value))) {
          continue;
        }
        const start = content.offset + match.index;
        const end = start + match[0].length;
        context.report({
          start,
          end,
          severity: ucanpay ? 'error' : 'warning',
          message: ucanpay ? ucanpayMessage : otherHostMessage(host),
          fixes: [{ title: 'Use https://', preferred: true, edits: [{ start, end: start + 4, newText: 'https' }] }],
        });
      }
    }
  },

  checkText(context: TextContext): void {
    checkPlainHttpText(context);
  },
};
