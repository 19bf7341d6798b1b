import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { handleApi, newApiState, sendError, type ApiState } from './api';
import { generateKey } from './keys';
import { generatePki, type Issued, type MockPki } from './pki';
import { spkiSha256Of } from './spki';

/**
 * A local HTTPS mock of the UCanPay API: one server per behaviour, all on 127.0.0.1, all with
 * certificates generated for this run. Every request any of them receives is recorded, and so
 * is every TCP connection, so a test can prove a refused server never received a request.
 */
export type ServerName =
  | 'good'
  | 'expiringSoon'
  | 'expired'
  | 'notYetValid'
  | 'wrongHost'
  | 'selfSigned'
  | 'unknownCa'
  | 'tls11'
  | 'redirectHttp'
  | 'redirectOtherHost'
  | 'redirectSameHost'
  | 'slow'
  | 'huge'
  | 'unauthorized'
  | 'rateLimited'
  | 'serverError'
  | 'plainHttp';

export interface RecordedRequest {
  readonly server: ServerName;
  readonly method: string;
  /** Path and query as received. */
  readonly path: string;
  /** Raw, as received (tests look for Authorization here). */
  readonly headers: Readonly<http.IncomingHttpHeaders>;
  readonly body: string;
}

export interface MockServer {
  readonly name: ServerName;
  readonly port: number;
  /** `https://localhost:PORT` (`http://` for plainHttp). */
  readonly origin: string;
  /** origin + `/v1`. */
  readonly baseUrl: string;
}

export interface MockUcanpay {
  readonly servers: Readonly<Record<ServerName, MockServer>>;
  /** PEM of the CA the tests trust, and the same in a file (for --ca-file and settings). */
  readonly caPem: string;
  readonly caFile: string;
  /** The sandbox key the good server accepts (random per run). */
  readonly sandboxKey: string;
  /** Base64 SHA-256 SPKI of the good server's key and of the CA (for pins). */
  readonly spki: { readonly server: string; readonly ca: string };
  readonly pki: MockPki;
  readonly requests: readonly RecordedRequest[];
  requestsTo(name: ServerName): RecordedRequest[];
  /** Resolves with the next request the server records. */
  nextRequest(name: ServerName): Promise<RecordedRequest>;
  /** TCP connections each server accepted. */
  connectionsTo(name: ServerName): number;
  /** Resolves once the server has no open connection (what a client sent has been received). */
  whenIdle(name: ServerName): Promise<void>;
  clearRecords(): void;
  close(): Promise<void>;
}

export interface MockOptions {
  /** Extra keys to accept besides the generated sandbox key. */
  readonly keys?: readonly string[];
  /** Size of the huge server's body. Default 4 MiB. */
  readonly hugeBytes?: number;
  /** Port of the good server (0: any); the others always take any free port. */
  readonly goodPort?: number;
  /** Certificates to reuse (generating them takes most of the start-up time). */
  readonly pki?: MockPki;
}

const tlsForBehaviour = (name: ServerName, pki: MockPki): { cert: Issued; extra?: https.ServerOptions } => {
  switch (name) {
    case 'expiringSoon':
      return { cert: pki.expiringSoon };
    case 'expired':
      return { cert: pki.expired };
    case 'notYetValid':
      return { cert: pki.notYetValid };
    case 'wrongHost':
      return { cert: pki.wrongHost };
    case 'selfSigned':
      return { cert: pki.selfSigned };
    case 'unknownCa':
      return { cert: pki.signedByUnknownCa };
    case 'tls11':
      // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level; level 0 lets this server
      // offer them (and only them), so the client's refusal is what the test sees.
      return { cert: pki.good, extra: { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' } };
    default:
      return { cert: pki.good };
  }
};

const httpsNames: readonly ServerName[] = [
  'good',
  'expiringSoon',
  'expired',
  'notYetValid',
  'wrongHost',
  'selfSigned',
  'unknownCa',
  'tls11',
  'redirectHttp',
  'redirectOtherHost',
  'redirectSameHost',
  'slow',
  'huge',
  'unauthorized',
  'rateLimited',
  'serverError',
];

export async function startMockUcanpay(options: MockOptions = {}): Promise<MockUcanpay> {
  const pki = options.pki ?? generatePki();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-mock-'));
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, pki.ca.certPem);
  const sandboxKey = generateKey('sandbox');
  const state: ApiState = newApiState([sandboxKey, ...(options.keys ?? [])]);
  const hugeBytes = options.hugeBytes ?? 4 * 1024 * 1024;

  const requests: RecordedRequest[] = [];
  const connections = new Map<ServerName, number>();
  const open = new Map<ServerName, Set<net.Socket>>();
  const idleWaiters = new Map<ServerName, Array<() => void>>();
  const requestWaiters = new Map<ServerName, Array<(request: RecordedRequest) => void>>();
  const servers = {} as Record<ServerName, MockServer>;
  const running: Array<http.Server | https.Server> = [];

  const handlerFor = (name: ServerName) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 64 * 1024) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { server: name, method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, body };
      requests.push(recorded);
      for (const resolve of requestWaiters.get(name)?.splice(0) ?? []) resolve(recorded);
      if (size > 64 * 1024) {
        sendError(res, 413, 'invalid_request_error', 'body_too_large', 'The request body is too large.');
        return;
      }
      behave(name, req, body, res);
    });
  };

  const behave = (name: ServerName, req: http.IncomingMessage, body: string, res: http.ServerResponse) => {
    const pathAndQuery = req.url ?? '/';
    switch (name) {
      case 'redirectHttp':
        res.writeHead(302, { location: `${servers.plainHttp.origin}${pathAndQuery}` }).end();
        return;
      case 'redirectOtherHost':
        // Same machine, another host name: 127.0.0.1 instead of localhost.
        res.writeHead(301, { location: `https://127.0.0.1:${servers.good.port}${pathAndQuery}` }).end();
        return;
      case 'redirectSameHost':
        res.writeHead(307, { location: `/v2${pathAndQuery.replace(/^\/v1/, '')}` }).end();
        return;
      case 'slow':
        // Never answers; the connection is closed by the client's timeout or by close().
        return;
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < hugeBytes) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => {
          sent = hugeBytes;
        });
        pump();
        return;
      }
      case 'unauthorized':
        sendError(res, 401, 'authentication_error', 'invalid_api_key', 'Invalid API key provided.');
        return;
      case 'rateLimited':
        sendError(res, 429, 'rate_limit_error', 'rate_limited', 'Too many requests; slow down.', { 'retry-after': '7' });
        return;
      case 'serverError':
        sendError(res, 500, 'api_error', 'internal_error', 'Something went wrong on our side.');
        return;
      default:
        handleApi(state, req, body, res);
    }
  };

  const watch = (name: ServerName, server: http.Server | https.Server) => {
    const sockets = new Set<net.Socket>();
    open.set(name, sockets);
    connections.set(name, 0);
    server.on('connection', (socket: net.Socket) => {
      connections.set(name, (connections.get(name) ?? 0) + 1);
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0) {
          for (const resolve of idleWaiters.get(name)?.splice(0) ?? []) resolve();
        }
      });
    });
    // Refused handshakes are the point of most of these servers; they are not errors here.
    server.on('tlsClientError', () => undefined);
    server.on('clientError', (_error: Error, socket: net.Socket) => socket.destroy());
  };

  const listen = (name: ServerName, server: http.Server | https.Server, scheme: 'http' | 'https', port = 0) =>
    new Promise<void>((resolve, reject) => {
      watch(name, server);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const actual = (server.address() as net.AddressInfo).port;
        const origin = `${scheme}://localhost:${actual}`;
        servers[name] = { name, port: actual, origin, baseUrl: `${origin}/v1` };
        running.push(server);
        resolve();
      });
    });

  await listen('plainHttp', http.createServer(handlerFor('plainHttp')), 'http');
  for (const name of httpsNames) {
    const { cert, extra } = tlsForBehaviour(name, pki);
    const server = https.createServer({ key: cert.key.privateKeyPem, cert: cert.certPem, ...extra }, handlerFor(name));
    await listen(name, server, 'https', name === 'good' ? options.goodPort : 0);
  }

  return {
    servers,
    caPem: pki.ca.certPem,
    caFile,
    sandboxKey,
    spki: { server: spkiSha256Of(pki.good.key.publicKeyPem), ca: spkiSha256Of(pki.ca.key.publicKeyPem) },
    pki,
    requests,
    requestsTo: (name) => requests.filter((r) => r.server === name),
    nextRequest: (name) =>
      new Promise<RecordedRequest>((resolve) => {
        requestWaiters.set(name, [...(requestWaiters.get(name) ?? []), resolve]);
      }),
    connectionsTo: (name) => connections.get(name) ?? 0,
    whenIdle: (name) =>
      new Promise<void>((resolve) => {
        if ((open.get(name)?.size ?? 0) === 0) {
          resolve();
        } else {
          idleWaiters.set(name, [...(idleWaiters.get(name) ?? []), resolve]);
        }
      }),
    clearRecords: () => {
      requests.length = 0;
      for (const name of connections.keys()) connections.set(name, 0);
    },
    close: async () => {
      for (const sockets of open.values()) {
        for (const socket of sockets) socket.destroy();
      }
      await Promise.all(
        running.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
