// `oprel ai NOTEBOOK "request"`: one assistant request without a person to review it. Prints the
// reply and each proposal as a diff; with --apply saves the edits (atomically, refusing to
// overwrite a file changed meanwhile); with --run also runs cells and lets the loop fix errors.

import type { AiOptions } from "../../cli/ai-args.js";
import { formatError } from "../../cli/errors.js";
import { isOprelError, type OprelError } from "../../errors.js";
import { loadNotebook, saveNotebook } from "../../notebook/index.js";
import { EXIT } from "../../run/exit-codes.js";
import { stderr, stdout } from "../../terminal/writer.js";
import { resolveAiConfig } from "../config.js";
import type { AssistantEvent, StopReason } from "../contract.js";
import { runAssistant } from "../loop/run-assistant.js";
import { ModelClient } from "../provider/model-client.js";
import { fileStatus } from "./cell-status.js";
import { HeadlessHost } from "./headless-host.js";

/** Exit code for an error the assistant stopped on. */
export const EXIT_MODEL_FAILED = 6;

const STOPS: Record<StopReason, string> = {
  finished: "",
  "max-rounds": "Stopped after 8 rounds.",
  "max-attempts": "Stopped: three attempts at the same cell.",
  "repeated-error": "Stopped: the same error came back.",
  cancelled: "Cancelled.",
  failed: "",
};

function exitFor(error: OprelError): number {
  if (error.code.startsWith("AI_")) {
    return error.code === "AI_CONFIG_INVALID" ||
      error.code === "AI_NO_MODEL" ||
      error.code === "AI_NO_KEY"
      ? EXIT.usage
      : EXIT_MODEL_FAILED;
  }
  if (error.code === "KERNEL_START_FAILED" || error.code === "INTERPRETER_NOT_FOUND") {
    return EXIT.kernelStartFailed;
  }
  return EXIT.usage;
}

export async function aiCommand(options: AiOptions): Promise<number> {
  const out = stdout();
  const err = stderr();
  let prepared: {
    config: ReturnType<typeof resolveAiConfig>;
    loaded: Awaited<ReturnType<typeof loadNotebook>>;
  };
  try {
    prepared = {
      config: resolveAiConfig({ modelFlag: options.model }),
      loaded: await loadNotebook(options.path),
    };
  } catch (error) {
    err.write(`${formatError(error, options.debug)}\n`);
    return isOprelError(error) ? exitFor(error) : 1;
  }
  const { config, loaded } = prepared;
  for (const warning of [...config.warnings, ...loaded.warnings])
    err.write(`oprel: warning: ${warning}\n`);

  const host = new HeadlessHost(loaded.notebook, { ...options, out });
  const client = new ModelClient(config);
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    signalled = signal;
    controller.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let failure: OprelError | undefined;
  let textOpen = false;
  const onEvent = (event: AssistantEvent) => {
    if (event.type === "text") {
      out.write(event.delta);
      textOpen = !event.delta.endsWith("\n");
      return;
    }
    if (textOpen) {
      out.write("\n");
      textOpen = false;
    }
    if (event.type === "invalid")
      err.write(`oprel: the model sent an invalid operation: ${event.message}\n`);
    else if (event.type === "error") failure = event.error;
  };
  let reason: StopReason;
  try {
    reason = await runAssistant(options.request, host, {
      client,
      signal: controller.signal,
      onEvent,
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await host.runner?.shutdown();
  }
  if (STOPS[reason]) err.write(`oprel: ${STOPS[reason]}\n`);
  if (failure) err.write(`${formatError(failure, options.debug)}\n`);

  if (options.apply && host.changed) {
    try {
      await saveNotebook(options.path, host.document.snapshot(), { expectedDisk: loaded.disk });
      out.write(`Saved ${options.path}.\n`);
    } catch (error) {
      err.write(`${formatError(error, options.debug)}\n`);
      return EXIT.usage;
    }
  } else if (!options.apply) {
    out.write("Nothing was changed (pass --apply to apply the edits).\n");
  }
  if (failure) return exitFor(failure);
  if (reason === "cancelled") return signalled === "SIGTERM" ? EXIT.sigterm : EXIT.sigint;
  if (options.run) {
    const notebook = host.document.snapshot();
    const failed = notebook.cells.some((cell) => fileStatus(cell) === "error");
    if (failed) return EXIT.cellFailed;
  }
  return EXIT.ok;
}
