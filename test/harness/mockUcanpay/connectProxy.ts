import * as http from 'http';
import * as net from 'net';

/**
 * A tiny HTTP forward proxy that only tunnels (CONNECT), only to loopback, and records what it
 * was asked. It never sees inside the tunnel: TLS runs end to end between client and server.
 */
export interface RecordedConnect {
  readonly target: string;
  readonly headers: Readonly<http.IncomingHttpHeaders>;
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  readonly connects: readonly RecordedConnect[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** `user:password` the proxy demands (407 otherwise). */
  readonly credentials?: string;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const connects: RecordedConnect[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { allow: 'CONNECT' }).end('This proxy only tunnels (CONNECT).\n');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const target = req.url ?? '';
    connects.push({ target, headers: { ...req.headers } });
    if (options.credentials) {
      const expected = `Basic ${Buffer.from(options.credentials).toString('base64')}`;
      if (req.headers['proxy-authorization'] !== expected) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
        return;
      }
    }
    const match = /^(localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})$/.exec(target);
    if (!match) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect({ host: '127.0.0.1', port: Number(match[2]) });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
