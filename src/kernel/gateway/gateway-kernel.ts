// A notebook's kernel on a Jupyter Server, Kernel Gateway or Enterprise Gateway: started, interrupted,
// restarted and shut down through the REST API, spoken to over its WebSocket by @jupyterlab/services.
// A NotebookKernel like the worker: iopub messages become the same events (message-events.ts), and
// CellRun turns a timeout or a kernel lost on the server into the cell's error and one `done`.

import { EventEmitter } from "node:events";
import type { Kernel, KernelMessage, ServerConnection } from "@jupyterlab/services";
import { OprelError } from "../../errors.js";
import { log } from "../../log.js";
import type { JsonObject } from "../../notebook/types.js";
import { CellRun, refusedRun } from "../cell-run.js";
import { doneEvent, executeRequest, outputEvent, replyError } from "../jupyter/message-events.js";
import { type Ask, completeIn, inspectIn } from "../jupyter/questions.js";
import { type KernelEvents, killAllKernels, liveKernels } from "../kernel.js";
import type { LanguageInfo } from "../language-info.js";
import { Lifetime, refusal, Turns } from "../life-cycle.js";
import type { CompleteReply, InspectReply } from "../protocol.js";
import type {
  DeathInfo,
  ExecuteOptions,
  ExecuteOutcome,
  KernelEventListener,
  KernelState,
  NotebookKernel,
} from "../types.js";
import { loadServices, type Services, serverSettings } from "./client.js";
import { deleteKernelNow } from "./delete-now.js";
import { gatewayKernelName, type WantedKernel } from "./kernel-name.js";
import { kernelStartEnv } from "./start-env.js";
import { gatewayFailure } from "./start-failure.js";
import { type GatewayTarget, gatewayName } from "./target.js";
import { ConnectionWatch } from "./watch.js";

export interface GatewayKernelOptions {
  /** Laid over process.env; its KERNEL_* variables go to the gateway with the start request. */
  env?: Record<string, string | undefined>;
  cellTimeoutMs?: number;
  /** After a timeout's interrupt, how long before the kernel is shut down. Default 2000. */
  killGraceMs?: number;
  /** How long a kernel may take to start: a cluster may first schedule it. Default 120000. */
  startTimeoutMs?: number;
  /** How long the server may stay unreachable after the WebSocket dropped. Default 5000. */
  lostAfterMs?: number;
}

const DEFAULT_KILL_GRACE_MS = 2000;
const DEFAULT_START_TIMEOUT_MS = 120_000;
const DEFAULT_LOST_AFTER_MS = 5000;
/** How long a KeyboardInterrupt oprel did not ask for waits to see whether the kernel is going. */
const UNASKED_INTERRUPT_CHECK_MS = 3000;
/** Listing kernels, interrupting, probing, shutting down: none of these should take long. */
const QUICK_REQUEST_MS = 10_000;
const REPLY_TIMEOUT_MS = 15_000;

let exitHooked = false;

interface Link {
  connection: Kernel.IKernelConnection;
  id: string;
  watch: ConnectionWatch;
  /** Resolves with the reason once the kernel is lost. */
  lost: Promise<string>;
  lose: (reason: string) => void;
}

interface Running {
  cell: CellRun;
  /** The kernel's input_request headers by our request id, for answerInput. */
  inputs: Map<string, KernelMessage.IHeader>;
  /** oprel asked the server to interrupt this cell. */
  interrupted?: boolean;
}

export class GatewayKernel extends EventEmitter<KernelEvents> implements NotebookKernel {
  state: KernelState = "restarting";
  death: DeathInfo | undefined;
  languageInfo: LanguageInfo | undefined;
  /** The kernel's implementation and version, from kernel_info (e.g. "ipython 8.20.0"). */
  implementation = "";

  private link: Link | undefined;
  private running: Running | undefined;
  /** Set while oprel itself restarts or shuts the kernel down: its status changes are expected. */
  private deliberate = false;
  private killedFor: string | undefined;
  private readonly turns = new Turns();
  private readonly lifetime = new Lifetime();
  private readonly quick: ServerConnection.ISettings;
  private readonly slow: ServerConnection.ISettings;
  private nextId = 0;

  private constructor(
    private readonly services: Services,
    readonly target: GatewayTarget,
    /** The kernelspec name on the server. */
    readonly name: string,
    private readonly options: GatewayKernelOptions,
  ) {
    super();
    this.quick = serverSettings(services, target, QUICK_REQUEST_MS);
    this.slow = serverSettings(services, target, this.startTimeoutMs);
  }

  /** Throws KERNEL_START_FAILED, in one sentence, for a gateway that cannot start the kernel. */
  static async start(
    target: GatewayTarget,
    wanted: WantedKernel,
    options: GatewayKernelOptions = {},
  ): Promise<GatewayKernel> {
    const services = await loadServices();
    const settings = serverSettings(services, target, QUICK_REQUEST_MS);
    let specs: Awaited<ReturnType<Services["KernelSpecAPI"]["getSpecs"]>>;
    try {
      specs = await services.KernelSpecAPI.getSpecs(settings);
    } catch (error) {
      throw gatewayFailure(services, target, "list its kernels", error);
    }
    const kernel = new GatewayKernel(
      services,
      target,
      gatewayKernelName(specs, wanted, target),
      options,
    );
    await kernel.boot();
    return kernel;
  }

  /** The server's id for the kernel, once started. */
  get kernelId(): string | undefined {
    return this.link?.id;
  }

  /** The gateway, as the status line names it (never with the token). */
  get gateway(): string {
    return gatewayName(this.target);
  }

  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
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
    const link = this.link;
    if (this.state !== "idle" || !link)
      return refusedRun(this.newId(), onEvent, refusal(this.state, this.death));
    return new Promise<ExecuteOutcome>((settle) => {
      const timeoutMs = options.timeoutMs ?? this.options.cellTimeoutMs;
      const future = link.connection.requestExecute(
        executeRequest(code, options) as unknown as KernelMessage.IExecuteRequestMsg["content"],
      );
      const id = future.msg.header.msg_id;
      const cell = new CellRun(
        id,
        onEvent,
        (outcome) => {
          if (this.running?.cell === cell) this.running = undefined;
          if (this.state === "busy") this.state = "idle";
          settle(outcome);
        },
        timeoutMs,
      );
      const running: Running = { cell, inputs: new Map() };
      this.running = running;
      this.state = "busy";
      let executionCount: number | null = null;
      future.onIOPub = (message) => {
        const content = message.content as unknown as JsonObject;
        if (
          message.header.msg_type === "execute_input" &&
          typeof content.execution_count === "number"
        )
          executionCount = content.execution_count;
        const event = outputEvent({ header: message.header, content }, id, executionCount);
        if (event) cell.handle(event);
      };
      future.onStdin = (message) => {
        if (message.header.msg_type !== "input_request") return;
        const content = message.content as unknown as JsonObject;
        const requestId = this.newId();
        running.inputs.set(requestId, message.header);
        cell.handle({
          type: "stdin_request",
          id: requestId,
          prompt: String(content.prompt ?? ""),
          password: content.password === true,
        });
      };
      // The library resolves `done` once both the reply and the iopub `idle` have come.
      future.done.then(
        (reply) => {
          const content = reply.content as unknown as JsonObject;
          if (typeof content.execution_count === "number") executionCount = content.execution_count;
          const error = replyError(content);
          const finish = () => cell.handle(doneEvent(id, error, executionCount));
          // Jupyter Server interrupts a busy kernel before it deletes it: a KeyboardInterrupt
          // nobody here asked for may be the kernel going away, which the cell reports instead.
          if (error?.ename !== "KeyboardInterrupt" || running.interrupted) return finish();
          void link.watch.goneWithin(UNASKED_INTERRUPT_CHECK_MS).then((gone) => {
            if (gone === undefined) finish();
            else link.lose(gone);
          });
        },
        // Disposed with its connection: the loss (already reported, or this) ends the cell.
        () => cell.workerGone("The kernel died: the connection to it was closed.", ""),
      );
      const graceMs = this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
      cell.startLimit(
        () => this.interrupt(),
        graceMs,
        () => {
          this.killedFor = "shut down after the cell timed out and ignored the interrupt";
          link.lose(this.killedFor);
        },
      );
    });
  }

  /** POST /api/kernels/{id}/interrupt: the server interrupts as the kernelspec says. */
  interrupt(): void {
    const link = this.link;
    if (!link) return;
    if (this.running) this.running.interrupted = true;
    this.services.KernelAPI.interruptKernel(link.id, this.quick).catch((error: unknown) =>
      log("gateway", `interrupt of ${link.id} failed: ${String(error)}`),
    );
  }

  answerInput(requestId: string, value: string): void {
    const parent = this.running?.inputs.get(requestId);
    if (!parent || !this.link) return;
    this.running?.inputs.delete(requestId);
    this.link.connection.sendInputReply({ status: "ok", value }, parent as never);
  }

  // ---- questions ----

  complete(code: string, cursorPos: number): Promise<CompleteReply> {
    return completeIn(this.ask, code, cursorPos);
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1 = 0): Promise<InspectReply> {
    return inspectIn(this.ask, code, cursorPos, detailLevel);
  }

  /** complete_request and inspect_request through the library, with a time limit. */
  private readonly ask: Ask = (msgType, content) => {
    const connection = this.connected();
    const asked =
      msgType === "complete_request"
        ? connection.requestComplete(
            content as unknown as KernelMessage.ICompleteRequestMsg["content"],
          )
        : connection.requestInspect(
            content as unknown as KernelMessage.IInspectRequestMsg["content"],
          );
    return answered(asked, msgType);
  };

  private connected(): Kernel.IKernelConnection {
    if (!this.link || this.state === "dead" || this.state === "shutdown")
      throw new OprelError("KERNEL_DEAD", "The kernel is not running.", "Restart the kernel.");
    return this.link.connection;
  }

  // ---- life cycle ----

  private async boot(): Promise<void> {
    let model: Kernel.IModel;
    try {
      const env = kernelStartEnv({ ...process.env, ...this.options.env });
      // The library types only `name`; the body is sent as given.
      const request = { name: this.name, env } as { name: string };
      model = await this.services.KernelAPI.startNew(request, this.slow);
    } catch (error) {
      throw gatewayFailure(this.services, this.target, `start its '${this.name}' kernel`, error);
    }
    const connection = new this.services.KernelConnection({
      model,
      serverSettings: this.slow,
      handleComms: false,
    });
    const link = this.newLink(connection, model.id);
    this.link = link;
    this.killedFor = undefined;
    liveKernels.add(this);
    // A worker dies with its channel to oprel; a remote kernel would outlive any exit not seen.
    if (!exitHooked) process.once("exit", killAllKernels);
    exitHooked = true;
    connection.statusChanged.connect((_, status) => {
      log("gateway", `kernel ${link.id}: ${status}`);
      if (link !== this.link || this.deliberate) return;
      if (status === "dead") link.lose("the server reports it dead");
      else if (status === "autorestarting")
        link.lose("it died on the server (which restarted it, without its variables)");
    });
    connection.connectionStatusChanged.connect((_, status) => {
      log("gateway", `kernel ${link.id}: connection ${status}`);
      if (link !== this.link || this.deliberate) return;
      if (status === "connected") link.watch.connection(false);
      else if (status === "connecting") link.watch.connection(true);
      else link.lose("the gateway closed the connection to it");
    });
    const ready = await Promise.race([
      connection.info.then((info) => info as unknown as JsonObject),
      link.lost,
      new Promise<string>((resolve) => {
        const timer = setTimeout(resolve, this.startTimeoutMs, "timeout");
        timer.unref();
      }),
    ]);
    if (typeof ready === "string") {
      const why =
        ready === "timeout" ? `it did not answer within ${this.startTimeoutMs / 1000} s` : ready;
      link.lose(why);
      throw new OprelError(
        "KERNEL_START_FAILED",
        `The '${this.name}' kernel on the Jupyter gateway at ${this.gateway} could not start: ${why}.`,
        "The server's own log says why.",
      );
    }
    const language = ready.language_info;
    if (typeof language === "object" && language !== null && !Array.isArray(language))
      this.languageInfo = language as LanguageInfo;
    this.implementation = [ready.implementation, ready.implementation_version]
      .filter(Boolean)
      .join(" ");
    this.death = undefined;
    this.state = "idle";
    link.watch.start();
  }

  private newLink(connection: Kernel.IKernelConnection, id: string): Link {
    let resolveLost: (reason: string) => void = () => undefined;
    const lost = new Promise<string>((resolve) => {
      resolveLost = resolve;
    });
    const watch = new ConnectionWatch(
      { services: this.services, settings: this.quick, target: this.target, kernelId: id },
      this.options.lostAfterMs ?? DEFAULT_LOST_AFTER_MS,
      (reason) => link.lose(reason),
      () => connection.reconnect().catch(() => undefined),
    );
    let gone = false;
    const link: Link = {
      connection,
      id,
      watch,
      lost,
      lose: (reason) => {
        if (gone) return;
        gone = true;
        resolveLost(reason);
        this.onLost(link, this.killedFor ?? reason);
      },
    };
    return link;
  }

  /** The kernel is lost: end the running cell, forget the connection, and delete what is left. */
  private onLost(link: Link, reason: string): void {
    link.watch.stop();
    link.connection.dispose();
    liveKernels.delete(this);
    // Whatever remains of it on the server (a kernel it restarted, one we no longer reach).
    this.services.KernelAPI.shutdownKernel(link.id, this.quick).catch(() => undefined);
    if (link !== this.link || this.deliberate) return;
    this.running?.cell.workerGone(`The kernel died: ${reason}`, "");
    log("gateway", `${this.name} kernel ${link.id} on ${this.gateway} lost: ${reason}`);
    if (this.state === "restarting") return; // boot() reports it
    this.death = { signal: null, exitCode: null, reason, stderr: "" };
    this.state = "dead";
    this.emit("dead", this.death);
  }

  /** POST /api/kernels/{id}/restart while the kernel lives; a new kernel once it was lost. */
  restart(): Promise<void> {
    if (this.state === "shutdown")
      return Promise.reject(
        new OprelError("KERNEL_DEAD", "The kernel was shut down.", "Open the notebook again."),
      );
    return this.lifetime.restart(async () => {
      const link = this.link;
      const alive = link !== undefined && this.state !== "dead";
      this.state = "restarting";
      this.running?.cell.workerGone("The kernel was restarted.", "");
      if (alive) {
        this.deliberate = true;
        try {
          await link.connection.restart();
          await link.connection.info;
          this.death = undefined;
          this.state = "idle";
          return;
        } catch (error) {
          log("gateway", `restart of ${link.id} failed, starting a new kernel: ${String(error)}`);
          link.lose("it could not be restarted");
        } finally {
          this.deliberate = false;
        }
      }
      try {
        await this.boot();
      } catch (error) {
        // Not "restarting" for ever: dead, with the reason, until the next restart.
        const reason = `it could not be started again: ${error instanceof Error ? error.message : String(error)}`;
        this.death = { signal: null, exitCode: null, reason, stderr: "" };
        this.state = "dead";
        throw error;
      }
    });
  }

  /** DELETE /api/kernels/{id}, waiting at most a few seconds for an unreachable server. */
  shutdown(): Promise<void> {
    return this.lifetime.shutdown(async () => {
      const link = this.link;
      this.deliberate = true;
      this.running?.cell.workerGone("The kernel was shut down.", "");
      this.state = "shutdown";
      if (!link) return;
      link.watch.stop();
      await this.services.KernelAPI.shutdownKernel(link.id, this.quick).catch((error: unknown) =>
        log("gateway", `shutdown of ${link.id} failed: ${String(error)}`),
      );
      link.connection.dispose();
      liveKernels.delete(this);
    });
  }

  /** For exit and signal handlers: no promise settles there, so the DELETE is made synchronously. */
  killNow(): void {
    const link = this.link;
    if (!link || !liveKernels.has(this)) return;
    this.deliberate = true;
    liveKernels.delete(this);
    this.running?.cell.workerGone("The kernel was stopped.", "");
    this.state = "shutdown";
    link.watch.stop();
    deleteKernelNow(this.target, link.id);
    link.connection.dispose();
  }

  private newId(): string {
    this.nextId += 1;
    return `g${this.nextId}`;
  }
}

/** A shell reply's content, or an error once the kernel has not answered for a while. */
async function answered(
  reply: Promise<{ content: unknown }>,
  msgType: string,
): Promise<JsonObject> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`The kernel did not answer a ${msgType} within ${REPLY_TIMEOUT_MS / 1000} s.`),
        ),
      REPLY_TIMEOUT_MS,
    );
  });
  try {
    return (await Promise.race([reply, late])).content as JsonObject;
  } finally {
    clearTimeout(timer);
  }
}
