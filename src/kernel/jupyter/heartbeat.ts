// The heartbeat watch of a running Jupyter kernel: an idle kernel that stops answering its hb
// channel for `timeoutMs` is declared dead (the caller kills it).

import type { KernelChannels } from "./channels.js";

// Four pings a second: a silence of the (1 s) timeout is noticed within about a quarter second of it.
const HEARTBEAT_INTERVAL_MS = 250;

/** Starts pinging; returns the timer to clear when the kernel stops. */
export function watchHeartbeat(
  channels: KernelChannels,
  timeoutMs: number,
  /** False once the kernel was replaced or exited: pings stop counting. */
  current: () => boolean,
  /** True while a cell runs or a request awaits its reply. */
  busy: () => boolean,
  onSilent: () => void,
): NodeJS.Timeout {
  let lastAnswer = performance.now();
  let pinging = false;
  const beat = async () => {
    if (pinging || !current()) return;
    pinging = true;
    const answered = await channels.ping(Math.min(timeoutMs, 1000));
    pinging = false;
    if (!current()) return;
    // Single-threaded kernels (IRkernel) answer the heartbeat only between requests: silence
    // while code runs is normal there, and a death then shows as the process's exit.
    if (answered || busy()) lastAnswer = performance.now();
    else if (performance.now() - lastAnswer >= timeoutMs) onSilent();
  };
  const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return timer;
}
