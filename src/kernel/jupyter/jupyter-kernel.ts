// A notebook's kernel that is a Jupyter kernel (IRkernel, ipykernel, tslab, ...), started from its
// kernelspec and spoken to over ZeroMQ with the Jupyter messaging protocol 5.x. It is a
// NotebookKernel like oprel's worker: the same events per execute request, ending in one `done`,
// timeouts and deaths turned into cell errors by the same CellRun.

import { EventEmitter } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OprelError } from "../../errors.js";
import { log } from "../../log.js";
import type { JsonObject } from "../../notebook/types.js";
import { CellRun, refusedRun } from "../cell-run.js";
import { describeExit } from "../death.js";
import { type KernelEvents, liveKernels } from "../kernel.js";
import type { LanguageInfo } from "../language-info.js";
import { Lifetime, refusal, stopPolitely, Turns } from "../life-cycle.js";
import type { CompleteReply, InspectReply } from "../protocol.js";
import type {
  DeathInfo,
  ExecuteOptions,
  ExecuteOutcome,
  KernelEventListener,
  KernelState,
  NotebookKernel,
} from "../types.js";
import { WorkerProcess } from "../worker-process.js";
import { KernelChannels } from "./channels.js";
import {
  type Channel,
  type ConnectionInfo,
  newConnection,
  releasePorts,
  writeConnectionFile,
} from "./connection.js";
import { watchHeartbeat } from "./heartbeat.js";
import { kernelInfoOf, type StartHandler, waitForReady } from "./kernel-ready.js";
import type { KernelSpec } from "./kernelspec.js";
import { type LaunchOptions, launchCommand, PortTaken, startFailure } from "./launch.js";
import { doneEvent, executeRequest, isAborted, outputEvent, replyError } from "./message-events.js";
import { completeIn, inspectIn } from "./questions.js";
import type { JupyterMessage, MessageHeader } from "./wire.js";

export interface JupyterKernelOptions extends LaunchOptions {
  cwd: string;
  /** Laid over process.env and the kernelspec's env; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  cellTimeoutMs?: number;
  /** After an interrupt (timeout) or a polite shutdown, how long before SIGKILL. Default 2000. */
  killGraceMs?: number;
  /** How long the kernel has to answer kernel_info. Default 60000 (R loads slowly). */
  startTimeoutMs?: number;
  /** An idle kernel whose heartbeat has not answered for this long is dead. Default 1000. */
  heartbeatTimeoutMs?: number;
}

const DEFAULT_KILL_GRACE_MS = 2000;
const DEFAULT_START_TIMEOUT_MS = 60_000;
const DEFAULT_HEARTBEAT_TIMEOUT_MS = 1000;
const REPLY_TIMEOUT_MS = 15_000;
/** Attempts at start when another process took a port between our check and the kernel's bind. */
const PORT_ATTEMPTS = 3;
/** How long after an aborted execute_request it is sent again (tslab aborts for 200 ms). */
const ABORT_RETRY_MS = 300;
const STDERR_KEPT = 4096;

/** An execute request in flight: done once both its reply and its iopub `idle` have come. */
interface Running {
  cell: CellRun;
  /** The execute_request now in flight (a new one when an aborted request is sent again). */
  msgId: string;
  /** Sends the execute_request (again) and returns its msg_id. */
  send: () => string;
  resent: boolean;
  /** What the cell wrote to stderr (its tail): the error of a kernel that names none. */
  stderr: string;
  reply?: JsonObject;
  idle: boolean;
  executionCount: number | null;
  /** The kernel's input_request headers by our request id, for answerInput. */
  inputs: Map<string, MessageHeader>;
}

interface Booted {
  process: WorkerProcess;
  channels: KernelChannels;
  info: ConnectionInfo;
  folder: string;
}

export class JupyterKernel extends EventEmitter<KernelEvents> implements NotebookKernel {
  state: KernelState = "restarting";
  death: DeathInfo | undefined;
  languageInfo: LanguageInfo | undefined;
  /** The kernel's implementation and version, from kernel_info (e.g. "IRkernel 1.3.1"). */
  implementation = "";

  private booted: Booted | undefined;
  private running: Running | undefined;
  private readonly turns = new Turns();
  private readonly lifetime = new Lifetime();
  private readonly replies = new Map<string, (content: JsonObject) => void>();
  private readonly expectedExits = new Map<WorkerProcess, string>();
  /** Answers kernel_info during start: set while booting. */
  private onStartMessage: StartHandler;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private killedFor: string | undefined;
  private nextId = 0;

  private constructor(
    readonly spec: KernelSpec,
    private readonly options: JupyterKernelOptions,
  ) {
    super();
  }

  static async start(spec: KernelSpec, options: JupyterKernelOptions): Promise<JupyterKernel> {
    const kernel = new JupyterKernel(spec, options);
    await kernel.boot();
    return kernel;
  }

  /** The folder holding the connection file (and its key) while the kernel runs. */
  get connectionFolder(): string | undefined {
    return this.booted?.folder;
  }

  /** The kernel process's id (the leader of its process group), once started. */
  get pid(): number | undefined {
    return this.booted?.process.pid;
  }

  private get killGraceMs(): number {
    return this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  }

  // ---- running code ----

  execute(
    code: string,
    onEvent: KernelEventListener,
    options: ExecuteOptions = {},
  ): Promise<ExecuteOutcome> {
    return this.turns.take(() => this.runCell(code, onEvent, options));
  }

  private async runCell(
    code: string,
    onEvent: KernelEventListener,
    options: ExecuteOptions,
  ): Promise<ExecuteOutcome> {
    await this.lifetime.settled();
    const booted = this.booted;
    if (this.state !== "idle" || !booted)
      return refusedRun(this.newId(), onEvent, refusal(this.state, this.death));
    return new Promise<ExecuteOutcome>((settle) => {
      const timeoutMs = options.timeoutMs ?? this.options.cellTimeoutMs;
      const send = () =>
        booted.channels.send("shell", "execute_request", executeRequest(code, options)).msg_id;
      const msgId = send();
      const cell = new CellRun(
        msgId,
        onEvent,
        (outcome) => {
          if (this.running?.cell === cell) this.running = undefined;
          if (this.state === "busy") this.state = "idle";
          settle(outcome);
        },
        timeoutMs,
      );
      this.running = {
        cell,
        msgId,
        send,
        resent: false,
        stderr: "",
        idle: false,
        executionCount: null,
        inputs: new Map(),
      };
      this.state = "busy";
      cell.startLimit(
        () => this.interrupt(),
        this.killGraceMs,
        () => {
          this.killedFor = "killed (SIGKILL) after the cell timed out and ignored the interrupt";
          booted.process.signalGroup("SIGKILL");
        },
      );
    });
  }

  /** As the kernelspec asks: SIGINT to the kernel's process group, or interrupt_request on control. */
  interrupt(): void {
    const booted = this.booted;
    if (!booted) return;
    if (this.spec.interrupt_mode === "message")
      booted.channels.send("control", "interrupt_request", {});
    else booted.process.signalGroup("SIGINT");
  }

  answerInput(requestId: string, value: string): void {
    const parent = this.running?.inputs.get(requestId);
    if (!parent || !this.booted) return;
    this.running?.inputs.delete(requestId);
    this.booted.channels.send("stdin", "input_reply", { value }, parent);
  }

  // ---- questions ----

  complete(code: string, cursorPos: number): Promise<CompleteReply> {
    return completeIn((type, content) => this.request(type, content), code, cursorPos);
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1 = 0): Promise<InspectReply> {
    return inspectIn((type, content) => this.request(type, content), code, cursorPos, detailLevel);
  }

  private request(msgType: string, content: JsonObject): Promise<JsonObject> {
    return new Promise<JsonObject>((resolve, reject) => {
      const booted = this.booted;
      if (!booted || this.state === "dead" || this.state === "shutdown") {
        reject(new OprelError("KERNEL_DEAD", "The kernel is not running.", "Restart the kernel."));
        return;
      }
      const head = booted.channels.send("shell", msgType, content);
      const timer = setTimeout(() => {
        this.replies.delete(head.msg_id);
        reject(
          new Error(`The kernel did not answer a ${msgType} within ${REPLY_TIMEOUT_MS / 1000} s.`),
        );
      }, REPLY_TIMEOUT_MS);
      this.replies.set(head.msg_id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  // ---- messages ----

  private onMessage(booted: Booted, channel: Channel, message: JupyterMessage): void {
    if (booted !== this.booted) return;
    this.onStartMessage?.(channel, message);
    const parent = message.parent_header.msg_id;
    if (channel === "shell" && parent !== undefined) {
      const waiter = this.replies.get(parent);
      if (waiter) {
        this.replies.delete(parent);
        waiter(message.content);
      }
    }
    const run = this.running;
    if (!run || parent !== run.msgId) return;
    if (channel === "iopub") this.onOutput(run, message);
    else if (channel === "shell" && message.header.msg_type === "execute_reply") {
      run.reply = message.content;
      if (typeof message.content.execution_count === "number")
        run.executionCount = message.content.execution_count;
      this.finishIfDone(run);
    } else if (channel === "stdin" && message.header.msg_type === "input_request") {
      const id = this.newId();
      run.inputs.set(id, message.header);
      run.cell.handle({
        type: "stdin_request",
        id,
        prompt: String(message.content.prompt ?? ""),
        password: message.content.password === true,
      });
    }
  }

  /** iopub messages of the running request: the two that move it on, the rest as events. */
  private onOutput(run: Running, message: JupyterMessage): void {
    const c = message.content;
    if (message.header.msg_type === "status" && c.execution_state === "idle") {
      run.idle = true;
      this.finishIfDone(run);
      return;
    }
    if (message.header.msg_type === "execute_input" && typeof c.execution_count === "number")
      run.executionCount = c.execution_count;
    if (message.header.msg_type === "stream" && c.name === "stderr")
      run.stderr = (run.stderr + String(c.text ?? "")).slice(-STDERR_KEPT);
    const event = outputEvent(message, run.cell.id, run.executionCount);
    if (event) run.cell.handle(event);
  }

  /** The reply says how it ended; the idle status says every output has been sent. */
  private finishIfDone(run: Running): void {
    if (!run.reply || !run.idle) return;
    if (isAborted(run.reply) && !run.resent) {
      // We ask for stop_on_error false, yet tslab aborts every request for 200 ms after an error:
      // the code did not run, so it is sent once more after that window.
      run.resent = true;
      const again = () => {
        if (this.running !== run) return;
        run.reply = undefined;
        run.idle = false;
        run.msgId = run.send();
      };
      run.cell.addTimer(setTimeout(again, ABORT_RETRY_MS));
      return;
    }
    run.cell.handle(doneEvent(run.cell.id, replyError(run.reply, run.stderr), run.executionCount));
  }

  // ---- life cycle ----

  private async boot(): Promise<void> {
    let lastError: OprelError | undefined;
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      try {
        await this.bootOnce();
        return;
      } catch (error) {
        if (!(error instanceof PortTaken)) throw error;
        lastError = error.failure;
        log(
          "kernel",
          `${this.spec.name}: a port was taken at start (attempt ${attempt}); retrying`,
        );
      }
    }
    throw lastError;
  }

  private async bootOnce(): Promise<void> {
    const info = await newConnection(this.spec.name);
    const folder = mkdtempSync(join(tmpdir(), "oprel-kernel-"));
    const file = writeConnectionFile(folder, info);
    const env = { ...process.env, ...this.spec.env, ...this.options.env };
    const [command, ...args] = launchCommand(this.spec, file, this.options, env) as [
      string,
      ...string[],
    ];
    const process_ = new WorkerProcess({
      file: command,
      args,
      cwd: this.options.cwd,
      env,
      onMessage: () => undefined,
      watchdog: true,
    });
    const booted: Booted = { process: process_, info, folder, channels: undefined as never };
    this.booted = booted;
    this.killedFor = undefined;
    liveKernels.add(this);
    booted.channels = await KernelChannels.connect(
      info,
      (channel, message) => this.onMessage(booted, channel, message),
      (channel, why) => log("kernel", `${this.spec.name}: dropped a ${channel} message: ${why}`),
    );
    const outcome = await waitForReady(
      booted,
      this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      (handler) => {
        this.onStartMessage = handler;
      },
      (content) => {
        const info = kernelInfoOf(content);
        this.languageInfo = info.languageInfo ?? this.languageInfo;
        this.implementation = info.implementation;
      },
    );
    if (outcome !== "ready") {
      this.expectedExits.set(process_, "The kernel failed to start.");
      process_.signalGroup("SIGKILL");
      await process_.exited;
      this.release(booted);
      liveKernels.delete(this);
      this.state = "dead";
      throw startFailure(this.spec, outcome, process_.printed(), this.options.memoryLimitBytes);
    }
    this.death = undefined;
    this.state = "idle";
    void process_.exited.then((exit) => this.onExit(booted, exit));
    this.startHeartbeat(booted);
  }

  /** An idle kernel that stops answering its heartbeat is as dead as one that exited. */
  private startHeartbeat(booted: Booted): void {
    const timeoutMs = this.options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    this.heartbeatTimer = watchHeartbeat(
      booted.channels,
      timeoutMs,
      () => booted === this.booted && booted.process.running,
      // A single-threaded kernel answering a completion is as deaf to the heartbeat as a busy one.
      () => this.running !== undefined || this.replies.size > 0,
      () => {
        this.killedFor = `it stopped answering its heartbeat for ${timeoutMs / 1000} s`;
        booted.process.signalGroup("SIGKILL");
      },
    );
  }

  private onExit(booted: Booted, exit: { exitCode: number | null; signal: string | null }): void {
    if (booted !== this.booted) return;
    clearInterval(this.heartbeatTimer);
    liveKernels.delete(this);
    const expected = this.expectedExits.get(booted.process);
    this.expectedExits.delete(booted.process);
    const reason = this.killedFor ?? describeExit(exit.exitCode, exit.signal);
    const printed = booted.process.printed();
    this.release(booted);
    this.running?.cell.workerGone(expected ?? `The kernel died: ${reason}`, printed);
    if (expected) return;
    booted.process.signalGroup("SIGKILL");
    log("kernel", `${this.spec.name} kernel ${booted.process.pid} died: ${reason}\n${printed}`);
    this.death = { signal: exit.signal, exitCode: exit.exitCode, reason, stderr: printed };
    this.state = "dead";
    this.emit("dead", this.death);
  }

  /** Closes the sockets, gives the ports back and removes the connection file. */
  private release(booted: Booted): void {
    booted.channels?.close();
    releasePorts(booted.info);
    rmSync(booted.folder, { recursive: true, force: true });
  }

  restart(): Promise<void> {
    if (this.state === "shutdown")
      return Promise.reject(
        new OprelError("KERNEL_DEAD", "The kernel was shut down.", "Open the notebook again."),
      );
    return this.lifetime.restart(async () => {
      this.state = "restarting";
      await this.stop("The kernel was restarted.");
      await this.boot();
    });
  }

  shutdown(): Promise<void> {
    return this.lifetime.shutdown(async () => {
      await this.stop("The kernel was shut down.");
      this.state = "shutdown";
    });
  }

  killNow(): void {
    const booted = this.booted;
    if (!booted) return;
    this.expectedExits.set(booted.process, "The kernel was stopped.");
    booted.process.signalGroup("SIGKILL");
    clearInterval(this.heartbeatTimer);
    liveKernels.delete(this);
    this.state = "shutdown";
    // The process may exit before the exit handler could run: the key must not stay behind.
    rmSync(booted.folder, { recursive: true, force: true });
  }

  /** shutdown_request on control; SIGKILL to the group after the grace period. */
  private async stop(reason: string): Promise<void> {
    const booted = this.booted;
    if (!booted) return;
    clearInterval(this.heartbeatTimer);
    this.expectedExits.set(booted.process, reason);
    await stopPolitely(
      booted.process.running,
      booted.process.exited,
      () => booted.channels.send("control", "shutdown_request", { restart: false }),
      () => booted.process.signalGroup("SIGKILL"),
      this.killGraceMs,
    );
    booted.process.signalGroup("SIGKILL");
  }

  private newId(): string {
    this.nextId += 1;
    return `j${this.nextId}`;
  }
}
