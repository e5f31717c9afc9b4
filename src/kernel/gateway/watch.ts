// Whether a remote kernel still exists, asked of the REST API. A Jupyter server that deletes a
// kernel (culled, shut down by someone else) may leave its WebSocket open and silent, so the kernel
// is asked after every couple of seconds; when the WebSocket drops, every half second. Gone from the
// server, reported dead, or (the WebSocket down) the server unreachable for `lostAfterMs`: the kernel
// is lost. Still
// there after a drop: reconnect now rather than after the library's backoff (which grows to a
// minute); a cell in flight carries on, as the server keeps its messages for the same session.

import type { ServerConnection } from "@jupyterlab/services";
import type { Services } from "./client.js";
import { networkReason } from "./network-reason.js";
import { type GatewayTarget, gatewayName } from "./target.js";

const CHECK_EVERY_MS = 2000;
const CHECK_DROPPED_EVERY_MS = 500;
const RECONNECT_EVERY_MS = 2000;
const GONE_POLL_MS = 250;

export interface WatchTarget {
  services: Services;
  /** Settings whose requests time out quickly. */
  settings: ServerConnection.ISettings;
  target: GatewayTarget;
  kernelId: string;
}

export class ConnectionWatch {
  private timer: NodeJS.Timeout | undefined;
  private dropped = false;
  private lastAnswer = 0;
  private lastReconnect = 0;
  private checking = false;
  private over = false;

  constructor(
    private readonly of: WatchTarget,
    private readonly lostAfterMs: number,
    private readonly onLost: (reason: string) => void,
    private readonly reconnect: () => void,
  ) {}

  /** Checks every couple of seconds until stop(). */
  start(): void {
    this.lastAnswer = performance.now();
    this.every(CHECK_EVERY_MS);
  }

  /** The WebSocket dropped (true) or is back (false). */
  connection(dropped: boolean): void {
    if (this.over || this.dropped === dropped) return;
    this.dropped = dropped;
    this.lastReconnect = performance.now();
    if (dropped) this.lastAnswer = performance.now();
    this.every(dropped ? CHECK_DROPPED_EVERY_MS : CHECK_EVERY_MS);
    if (dropped) void this.check();
  }

  stop(): void {
    this.over = true;
    clearInterval(this.timer);
  }

  private every(ms: number): void {
    if (this.over) return;
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.check(), ms);
    this.timer.unref();
  }

  /**
   * Why the kernel is gone from the server, if it goes within `ms` (asked four times a second);
   * undefined when it is still there then, or the server does not answer.
   */
  async goneWithin(ms: number): Promise<string | undefined> {
    const until = performance.now() + ms;
    for (;;) {
      const verdict = await this.verdict().catch(() => undefined);
      if (verdict !== undefined || performance.now() >= until) return verdict;
      await new Promise((resolve) => setTimeout(resolve, GONE_POLL_MS));
    }
  }

  private async verdict(): Promise<string | undefined> {
    const { services, settings, kernelId } = this.of;
    const model = await services.KernelAPI.getKernelModel(kernelId, settings);
    this.lastAnswer = performance.now();
    if (model === undefined) return "it is gone from the server (shut down or culled)";
    if (model.execution_state === "dead") return "the server reports it dead";
    return undefined;
  }

  private async check(): Promise<void> {
    if (this.checking || this.over) return;
    this.checking = true;
    const { target } = this.of;
    let verdict: string | undefined;
    try {
      verdict = await this.verdict();
      if (
        verdict === undefined &&
        this.dropped &&
        performance.now() - this.lastReconnect >= RECONNECT_EVERY_MS
      ) {
        this.lastReconnect = performance.now();
        this.reconnect();
      }
    } catch (error) {
      // With the WebSocket up, a REST API slow to answer (a busy server) is no sign of a loss.
      if (this.dropped && performance.now() - this.lastAnswer >= this.lostAfterMs)
        verdict = `the Jupyter gateway at ${gatewayName(target)} stopped answering (${networkReason(error)})`;
    } finally {
      this.checking = false;
    }
    if (verdict !== undefined && !this.over) {
      this.stop();
      this.onLost(verdict);
    }
  }
}
