/**
 * Test support: a TCP relay to `target` that cuts its first `cuts` connections after `afterBytes` bytes
 * from the client, the way a dropped network or a dying proxy does.
 */
import net from 'node:net';

export interface TcpCutter {
  url: string;
  /** Connections cut so far. */
  cut(): number;
  close(): Promise<void>;
}

export async function startTcpCutter(
  target: URL,
  options: { cuts: number; afterBytes: number; scheme?: string },
): Promise<TcpCutter> {
  let cut = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    const cutThis = cut < options.cuts;
    let seen = 0;
    client.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (cutThis && seen > options.afterBytes) {
        cut += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => {
      upstream.destroy();
      sockets.delete(client);
    });
    upstream.on('close', () => {
      client.destroy();
      sockets.delete(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `${options.scheme ?? target.protocol}//127.0.0.1:${address.port}`,
    cut: () => cut,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
