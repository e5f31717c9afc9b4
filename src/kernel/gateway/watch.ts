// What a dropped WebSocket means. The library reconnects by itself, with a backoff that grows to a
// minute; meanwhile the REST API says whether the kernel still exists. Gone from the server (shut
// down, culled), reported dead, or the server unreachable for `lostAfterMs`: the kernel is lost.
// Still there: reconnect now rather than after the backoff, and a cell in flight carries on (the
// server keeps its messages for the same session).

import type { ServerConnection } from "@jupyterlab/services";
import type { Services } from "./client.js";
import { networkReason } from "./network-reason.js";
import { type GatewayTarget, gatewayName } from "./target.js";

const PROBE_EVERY_MS = 500;
const RECONNECT_EVERY_MS = 2000;

export interface WatchTarget {
  services: Services;
  /** Settings whose requests time out quickly. */
  settings: ServerConnection.ISettings;
  target: GatewayTarget;
  kernelId: string;
}

export class ConnectionWatch {
  private timer: NodeJS.Timeout | undefined;
  private unreachableSince = 0;
  private lastReconnect = 0;
  private probing = false;

  constructor(
    private readonly of: WatchTarget,
    private readonly lostAfterMs: number,
    private readonly onLost: (reason: string) => void,
    private readonly reconnect: () => void,
  ) {}

  /** The connection dropped: probe until stop(). */
  start(): void {
    if (this.timer) return;
    this.unreachableSince = performance.now();
    this.lastReconnect = performance.now();
    this.timer = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    this.timer.unref();
    void this.probe();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async probe(): Promise<void> {
    if (this.probing || !this.timer) return;
    this.probing = true;
    const { services, settings, target, kernelId } = this.of;
    let verdict: string | undefined;
    try {
      const model = await services.KernelAPI.getKernelModel(kernelId, settings);
      this.unreachableSince = performance.now();
      if (model === undefined) verdict = "it is gone from the server (shut down or culled)";
      else if (model.execution_state === "dead") verdict = "the server reports it dead";
      else if (performance.now() - this.lastReconnect >= RECONNECT_EVERY_MS) {
        this.lastReconnect = performance.now();
        this.reconnect();
      }
    } catch (error) {
      if (performance.now() - this.unreachableSince >= this.lostAfterMs)
        verdict = `the Jupyter gateway at ${gatewayName(target)} stopped answering (${networkReason(error)})`;
    } finally {
      this.probing = false;
    }
    if (verdict !== undefined && this.timer) {
      this.stop();
      this.onLost(verdict);
    }
  }
}
