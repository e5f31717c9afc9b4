// The global execution queue: one FIFO per notebook, notebooks in parallel, cancel and interrupt.

export { ExecutionQueue, type ExecutionQueueEvents } from "./execution-queue.js";
export type * from "./types.js";
