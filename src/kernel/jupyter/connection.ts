// Connection files: the five ports, the transport and the signing key a kernel is started with.
// Ports are found by binding port 0 on the kernel's address and releasing it; each port handed
// out stays reserved in this process, so kernels started at once under -j never share one (the
// race behind nbclient's "Address already in use"). Another process can still take a port between
// our release and the kernel's bind: JupyterKernel's boot retries with fresh ports when a kernel
// dies at start saying so (PortTaken, launch.ts).

import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const CHANNELS = ["shell", "iopub", "stdin", "control", "hb"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

const reserved = new Set<number>();

function freePort(ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port: 0, host: ip, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Five ports no other kernel of this process holds. */
export async function reservePorts(ip: string): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < CHANNELS.length) {
    const port = await freePort(ip);
    if (reserved.has(port)) continue;
    reserved.add(port);
    ports.push(port);
  }
  return ports;
}

/** Gives ports back once their kernel is gone. */
export function releasePorts(info: ConnectionInfo): void {
  for (const channel of CHANNELS) reserved.delete(info[`${channel}_port`]);
}

export async function newConnection(kernelName: string, ip = "127.0.0.1"): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = (await reservePorts(ip)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    transport: "tcp",
    ip,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
  };
}

/** Writes the connection file, readable by its owner only (it holds the key), and returns its path. */
export function writeConnectionFile(folder: string, info: ConnectionInfo): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, `kernel-oprel-${randomUUID()}.json`);
  writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

export function channelAddress(info: ConnectionInfo, channel: Channel): string {
  return `${info.transport}://${info.ip}:${info[`${channel}_port`]}`;
}
