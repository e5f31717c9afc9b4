// Runs single cells of one notebook through the global execution queue, exactly as `oprel run`
// and the UI do, recording outputs into the notebook document with the shared recorder. The kernel
// is chosen as `oprel run` chooses it: the worker for Python, else the notebook's Jupyter kernel.

import { dirname, resolve } from "node:path";
import { chooseKernel, type NotebookKernel, startKernel } from "../../kernel/index.js";
import {
  cellSource,
  type JsonObject,
  type NotebookDocument,
  OutputRecorder,
} from "../../notebook/index.js";
import { type DoneEvent, ExecutionQueue, type QueueEvent } from "../../queue/index.js";
import type { RunResult } from "../contract.js";

export interface CellRunnerOptions {
  path: string;
  python?: string | undefined;
  kernel?: string | undefined;
  gateway?: string | undefined;
  cellTimeoutMs?: number | undefined;
}

const NOTEBOOK = "ai";

export class CellRunner {
  private readonly queue = new ExecutionQueue();
  private readonly recorder: OutputRecorder;
  private kernel: Promise<NotebookKernel> | undefined;

  constructor(
    private readonly document: NotebookDocument,
    private readonly options: CellRunnerOptions,
  ) {
    this.recorder = new OutputRecorder(document);
    this.queue.on("event", (event: QueueEvent) => {
      if (event.type === "output") this.recorder.record(event.cellId, event.event);
    });
  }

  /** Starts the kernel (once); throws KERNEL_START_FAILED and the like as OprelError. */
  started(): Promise<NotebookKernel> {
    const kernelspec = this.document.metadata.kernelspec as JsonObject | undefined;
    this.kernel ??= startKernel(
      chooseKernel(kernelspec, this.options.kernel, process.env, this.options.gateway),
      {
        cwd: dirname(resolve(this.options.path)),
        notebookPath: resolve(this.options.path),
        ...(this.options.python === undefined ? {} : { python: this.options.python }),
        ...(this.options.cellTimeoutMs === undefined
          ? {}
          : { cellTimeoutMs: this.options.cellTimeoutMs }),
      },
    ).then((kernel) => {
      this.queue.addNotebook(NOTEBOOK, kernel);
      return kernel;
    });
    return this.kernel;
  }

  get running(): boolean {
    return this.kernel !== undefined;
  }

  async run(cellId: string, signal: AbortSignal): Promise<RunResult> {
    await this.started();
    const cell = this.document.get(cellId);
    if (!cell) return { status: "error", executionCount: null };
    const done = new Promise<DoneEvent>((resolveDone) => {
      const onEvent = (event: QueueEvent) => {
        if (event.type === "done" && event.entryId === entryId) {
          this.queue.off("event", onEvent);
          resolveDone(event);
        }
      };
      this.queue.on("event", onEvent);
    });
    const entryId = this.queue.enqueue({
      notebookId: NOTEBOOK,
      cellId,
      code: cellSource(cell),
      continueOnError: true,
    });
    const interrupt = () => this.queue.interrupt(NOTEBOOK);
    signal.addEventListener("abort", interrupt, { once: true });
    const event = await done.finally(() => signal.removeEventListener("abort", interrupt));
    this.recorder.record(cellId, {
      type: "done",
      id: "",
      status: event.status === "ok" ? "ok" : "error",
      execution_count: event.executionCount,
    });
    const status =
      event.status === "ok" || event.status === "error" || event.status === "timeout"
        ? event.status
        : event.status === "cancelled"
          ? "cancelled"
          : "dead";
    return { status, executionCount: event.executionCount };
  }

  async shutdown(): Promise<void> {
    if (!this.kernel) return;
    const kernel = await this.kernel.catch(() => undefined);
    this.queue.removeNotebook(NOTEBOOK);
    await kernel?.shutdown();
  }
}
