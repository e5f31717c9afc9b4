// The one execution queue for every open notebook: each notebook's cells run one at a time in
// FIFO order on its own kernel, notebooks run in parallel, and every state change is an event.

import { EventEmitter } from "node:events";
import type { DeathInfo, NotebookKernel } from "../kernel/index.js";
import type { DoneReason, EnqueueRequest, QueueEvent } from "./types.js";

interface Entry extends EnqueueRequest {
  entryId: string;
}

interface NotebookLane {
  kernel: NotebookKernel;
  pending: Entry[];
  running: Entry | undefined;
  /** Set when the running entry was interrupted through the queue. */
  interrupted: boolean;
  onDead: (info: DeathInfo) => void;
}

export interface ExecutionQueueEvents {
  event: [event: QueueEvent];
}

export class ExecutionQueue extends EventEmitter<ExecutionQueueEvents> {
  private readonly lanes = new Map<string, NotebookLane>();
  private idleWaiters: { notebookId: string | undefined; resolve: () => void }[] = [];
  private nextId = 0;

  addNotebook(notebookId: string, kernel: NotebookKernel): void {
    if (this.lanes.has(notebookId))
      throw new Error(`Notebook ${notebookId} is already in the queue.`);
    const lane: NotebookLane = {
      kernel,
      pending: [],
      running: undefined,
      interrupted: false,
      // The running entry learns of the death from its own outcome; the waiting ones fail here.
      onDead: () => this.dropPending(lane, "kernel-died"),
    };
    kernel.on("dead", lane.onDead);
    this.lanes.set(notebookId, lane);
  }

  /** Forgets a notebook: its waiting entries are cancelled; a running one finishes on its own. */
  removeNotebook(notebookId: string): void {
    const lane = this.lanes.get(notebookId);
    if (!lane) return;
    this.dropPending(lane, "user");
    lane.kernel.off("dead", lane.onDead);
    this.lanes.delete(notebookId);
    this.wakeIdleWaiters();
  }

  /** Queues a cell and returns its entry id. */
  enqueue(request: EnqueueRequest): string {
    const lane = this.lane(request.notebookId);
    this.nextId += 1;
    const entry: Entry = { ...request, entryId: `e${this.nextId}` };
    lane.pending.push(entry);
    const position = lane.pending.length - 1 + (lane.running ? 1 : 0);
    this.emitFor(entry, { type: "queued", position });
    if (!lane.running) this.startNext(lane);
    return entry.entryId;
  }

  /** Cancels a queued (not yet running) entry. */
  cancel(entryId: string): boolean {
    for (const lane of this.lanes.values()) {
      const index = lane.pending.findIndex((entry) => entry.entryId === entryId);
      if (index === -1) continue;
      const [entry] = lane.pending.splice(index, 1);
      if (entry) this.emitCancelled(entry, "user");
      this.wakeIdleWaiters();
      return true;
    }
    return false;
  }

  /** Drops the notebook's waiting entries and interrupts the running one. */
  interrupt(notebookId: string): void {
    const lane = this.lane(notebookId);
    this.dropPending(lane, "interrupt");
    if (!lane.running) return;
    lane.interrupted = true;
    lane.kernel.interrupt();
  }

  pending(notebookId: string): string[] {
    return this.lane(notebookId).pending.map((entry) => entry.entryId);
  }

  running(notebookId: string): string | undefined {
    return this.lane(notebookId).running?.entryId;
  }

  /** Resolves when the notebook (or every notebook) has nothing running or waiting. */
  whenIdle(notebookId?: string): Promise<void> {
    if (this.isIdle(notebookId)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ notebookId, resolve }));
  }

  private isIdle(notebookId: string | undefined): boolean {
    const lanes =
      notebookId === undefined ? [...this.lanes.values()] : [this.lanes.get(notebookId)];
    return lanes.every((lane) => !lane || (!lane.running && lane.pending.length === 0));
  }

  private wakeIdleWaiters(): void {
    const waiting = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiting) {
      if (this.isIdle(waiter.notebookId)) waiter.resolve();
      else this.idleWaiters.push(waiter);
    }
  }

  private startNext(lane: NotebookLane): void {
    const entry = lane.pending.shift();
    if (!entry) {
      this.wakeIdleWaiters();
      return;
    }
    lane.running = entry;
    lane.interrupted = false;
    this.emitFor(entry, { type: "running", startedAt: Date.now() });
    const started = performance.now();
    lane.kernel
      .execute(
        entry.code,
        (event) => {
          if (event.type !== "done") this.emitFor(entry, { type: "output", event });
        },
        { cellId: entry.cellId, allowStdin: entry.allowStdin, timeoutMs: entry.timeoutMs },
      )
      .catch((error: unknown) => ({
        status: "died" as const,
        executionCount: null,
        error: { ename: "KernelError", evalue: String(error), traceback: [] },
        durationMs: performance.now() - started,
      }))
      .then((outcome) => {
        lane.running = undefined;
        const reason: DoneReason | undefined =
          outcome.status === "died" ? "kernel-died" : lane.interrupted ? "interrupt" : undefined;
        this.emitFor(entry, {
          type: "done",
          status: outcome.status,
          ...(reason ? { reason } : {}),
          durationMs: outcome.durationMs,
          executionCount: outcome.executionCount,
          ...(outcome.error ? { error: outcome.error } : {}),
        });
        if (outcome.status === "died") this.dropPending(lane, "kernel-died");
        else if (outcome.status !== "ok" && !entry.continueOnError) {
          this.dropPending(lane, "previous-error");
        }
        if (this.lanes.get(entry.notebookId) === lane) this.startNext(lane);
        else this.wakeIdleWaiters();
      });
  }

  private dropPending(lane: NotebookLane, reason: DoneReason): void {
    const dropped = lane.pending;
    lane.pending = [];
    for (const entry of dropped) this.emitCancelled(entry, reason);
  }

  private emitCancelled(entry: Entry, reason: DoneReason): void {
    this.emitFor(entry, {
      type: "done",
      status: "cancelled",
      reason,
      durationMs: 0,
      executionCount: null,
    });
  }

  private emitFor(entry: Entry, event: DistributiveOmit<QueueEvent, keyof EntryKeys>): void {
    this.emit("event", {
      ...event,
      entryId: entry.entryId,
      notebookId: entry.notebookId,
      cellId: entry.cellId,
    } as QueueEvent);
  }

  private lane(notebookId: string): NotebookLane {
    const lane = this.lanes.get(notebookId);
    if (!lane)
      throw new Error(`Notebook ${notebookId} is not in the queue; call addNotebook first.`);
    return lane;
  }
}

type EntryKeys = { entryId: string; notebookId: string; cellId: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
