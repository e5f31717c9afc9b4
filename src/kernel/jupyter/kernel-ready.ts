// When a starting Jupyter kernel is ready for cells: kernel_info answered on shell, and a status
// message it caused seen on iopub. Outputs published before our iopub subscription reached the
// kernel would be lost otherwise.

import type { JsonObject } from "../../notebook/types.js";
import { describeExit } from "../death.js";
import type { LanguageInfo } from "../language-info.js";
import type { WorkerProcess } from "../worker-process.js";
import type { KernelChannels } from "./channels.js";
import type { Channel } from "./connection.js";
import type { JupyterMessage } from "./wire.js";

export type StartHandler = ((channel: Channel, message: JupyterMessage) => void) | undefined;

/**
 * Resolves "ready", or why the kernel is not (it exited, or did not answer in time). The first
 * kernel_info request waits in ZeroMQ until the kernel binds, so it is repeated only rarely until
 * the kernel answers (a slow kernel would otherwise face a backlog of them), then quickly until
 * iopub shows one. `listen` installs the handler for the kernel's messages meanwhile (undefined
 * at the end); `onInfo` gets the kernel_info reply.
 */
export function waitForReady(
  booted: { channels: KernelChannels; process: WorkerProcess },
  timeoutMs: number,
  listen: (handler: StartHandler) => void,
  onInfo: (content: JsonObject) => void,
): Promise<"ready" | string> {
  return new Promise((resolve) => {
    const asked = new Set<string>();
    let replied = false;
    let settled = false;
    let asker: NodeJS.Timeout | undefined;
    const ask = () => asked.add(booted.channels.send("shell", "kernel_info_request", {}).msg_id);
    const askEvery = (ms: number) => {
      clearInterval(asker);
      asker = setInterval(ask, ms);
    };
    const finish = (result: "ready" | string) => {
      if (settled) return;
      settled = true;
      listen(undefined);
      clearInterval(asker);
      clearTimeout(timer);
      resolve(result);
    };
    listen((channel, message) => {
      const parent = message.parent_header.msg_id;
      if (parent === undefined || !asked.has(parent)) return;
      if (channel === "iopub" && replied) finish("ready");
      if (channel !== "shell" || message.header.msg_type !== "kernel_info_reply" || replied) return;
      replied = true;
      onInfo(message.content);
      ask();
      askEvery(100);
    });
    ask();
    askEvery(2000);
    const timer = setTimeout(
      () => finish(`it did not answer kernel_info within ${timeoutMs / 1000} s`),
      timeoutMs,
    );
    void booted.process.exited.then((exit) =>
      finish(exit.spawnError ?? describeExit(exit.exitCode, exit.signal)),
    );
  });
}

/** What a kernel_info reply says of the kernel: its language, and its implementation and version. */
export function kernelInfoOf(content: JsonObject): {
  languageInfo: LanguageInfo | undefined;
  implementation: string;
} {
  const language = content.language_info;
  const isObject = typeof language === "object" && language !== null && !Array.isArray(language);
  return {
    languageInfo: isObject ? (language as LanguageInfo) : undefined,
    implementation: [content.implementation, content.implementation_version]
      .filter(Boolean)
      .join(" "),
  };
}
