// A TCP proxy in front of a server, whose open connections a test can cut: a dropped network link
// without touching the server.

import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** Everything clients sent through it so far, as text. */
  sent(): string;
  /** Destroys every connection open now; new ones are refused for `holdMs`, then accepted again. */
  cut(holdMs?: number): void;
  close(): Promise<void>;
}

export function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let sent = "";
  let refuseUntil = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = createServer((client) => {
    if (performance.now() < refuseUntil) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, "127.0.0.1");
    track(client);
    track(upstream);
    client.on("data", (chunk: Buffer) => {
      sent += chunk.toString("latin1");
    });
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        sent: () => sent,
        cut(holdMs = 0) {
          refuseUntil = performance.now() + holdMs;
          for (const socket of sockets) socket.destroy();
        },
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
