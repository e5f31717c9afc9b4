// @jupyterlab/services, the maintained Jupyter Server client, set up for Node: `ws` as its
// WebSocket (Node 20 has none), the token in an Authorization header on every request and on the
// WebSocket handshake, a time limit on every request. The library costs ~170 ms to import, so
// only a run with a gateway loads it (this module is itself imported lazily).

import { format } from "node:util";
import type { ServerConnection } from "@jupyterlab/services";
import WebSocket from "ws";
import { log } from "../../log.js";
import { networkReason } from "./network-reason.js";
import type { GatewayTarget } from "./target.js";

export type Services = typeof import("@jupyterlab/services");

let loading: Promise<Services> | undefined;

export function loadServices(): Promise<Services> {
  loading ??= (async () => {
    quietConsole();
    const module = await import("@jupyterlab/services");
    // A CommonJS package: bundled, its exports may sit on `default` only.
    return module.ServerConnection ? module : (module as unknown as { default: Services }).default;
  })();
  return loading;
}

/**
 * The library reports on the console ("Starting WebSocket", "Connection lost, reconnecting"):
 * that would land in `oprel run`'s output and on the terminal UI's screen. oprel itself never
 * writes to the console, so all of it goes to the OPREL_LOG file instead.
 */
function quietConsole(): void {
  for (const level of ["debug", "log", "info", "warn", "error"] as const)
    console[level] = (...args: unknown[]) => log("gateway", `${level}: ${format(...args)}`);
}

export function serverSettings(
  services: Services,
  target: GatewayTarget,
  requestTimeoutMs: number,
): ServerConnection.ISettings {
  const headers: Record<string, string> = target.token
    ? { Authorization: `token ${target.token}` }
    : {};
  class TokenWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return services.ServerConnection.makeSettings({
    baseUrl: target.url,
    wsUrl: target.url.replace(/^http/, "ws"),
    token: target.token,
    appendToken: false,
    WebSocket: TokenWebSocket as unknown as typeof globalThis.WebSocket,
    fetch: (input: RequestInfo, init?: RequestInit) =>
      fetch(input, {
        ...init,
        signal: init?.signal ?? AbortSignal.timeout(requestTimeoutMs),
      }).catch((error: unknown) => {
        // The library keeps only the message of a failed fetch: put the cause's plain words there.
        throw new TypeError(networkReason(error));
      }),
    Request,
    Headers,
  });
}
