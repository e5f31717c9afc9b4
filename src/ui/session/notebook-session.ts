// One open notebook: its document (a pure reducer), its kernel, what the queue says about its
// cells, and its file on disk. Not React: the app store owns sessions and repaints when told.
// Outputs are recorded with the same Jupyter-exact reducer the headless runner uses.

import { basename, resolve } from "node:path";
import {
  type KernelChoice,
  type KernelEvent,
  kernelspecOf,
  type RegistryHost,
} from "../../kernel/index.js";
import type { DiskInfo, JsonObject, Notebook } from "../../notebook/index.js";
import {
  cellSource,
  NotebookDocument,
  OutputRecorder,
  saveNotebook,
  setSource,
} from "../../notebook/index.js";
import type { EntryStatus, ExecutionQueue, QueueEvent } from "../../queue/index.js";
import { AssistantState } from "../assistant/assistant-state.js";
import { type DocAction, docReducer } from "../document/doc-reducer.js";
import { createDocState, type DocState } from "../document/doc-state.js";
import { bufferText } from "../editor/text-buffer.js";
import type { Editing } from "./editing.js";
import { KernelLink } from "./kernel-link.js";
import { notebookLanguage } from "./notebook-language.js";
import { OutputViews } from "./output-views.js";
import { discardRecovery, writeRecovery } from "./recovery.js";
import { RunState } from "./run-state.js";

export type Repaint = "input" | "output";

export interface StdinPrompt {
  cellId: string;
  requestId: string;
  prompt: string;
  password: boolean;
}

/** How a run someone waits for ended; "no-kernel" when the kernel never started for it. */
export interface RunEnd {
  status: EntryStatus | "no-kernel";
  executionCount: number | null;
}

export interface SessionOptions {
  id: string;
  path: string;
  notebook: Notebook;
  /** Undefined for a notebook that is not on disk yet. */
  disk: DiskInfo | undefined;
  queue: ExecutionQueue;
  python?: string;
  /** --kernel NAME: the kernel for this notebook instead of its kernelspec's. */
  kernelName?: string;
  /** --gateway URL: run the kernel on that Jupyter server. */
  gateway?: string;
  /** The shared registry this notebook's kernel uses. */
  registry?: RegistryHost;
  nbformatMinor?: number;
  onChange: (kind: Repaint) => void;
  /** A cell asked for input (input(), getpass): the app opens a prompt. */
  onStdin?: (session: NotebookSession) => void;
  /** The notebook's kernel is not installed: the app offers the kernels that are. */
  onKernelMissing?: (session: NotebookSession) => void;
  /** Output events of this notebook's cells, after the document recorded them. */
  onOutput?: (cellId: string, event: Extract<QueueEvent, { type: "output" }>["event"]) => void;
}

export class NotebookSession {
  readonly id: string;
  readonly path: string;
  private current: DocState;
  disk: DiskInfo | undefined;
  readonly runs = new RunState();
  readonly kernel: KernelLink;
  stdin: StdinPrompt | undefined;
  /** The cell being edited, in edit mode. */
  editing: Editing | undefined;
  /** First visible cell: the viewport scrolls only as far as the cursor needs. */
  top = 0;
  /** The notebook as last saved or loaded: the document is dirty when it is another object. */
  private saved: Notebook;
  /** Records outputs in place (cost per event independent of the notebook and the output). */
  private recorder: OutputRecorder | undefined;
  /** The notebook the recorder's document was last taken from or gave. */
  private recordedFrom: Notebook | undefined;
  private unflushed = false;
  /** What the screen shows of each cell's outputs. */
  readonly outputs = new OutputViews();
  /** The AI assistant's request, reply and proposals for this notebook. */
  readonly assistant: AssistantState;
  /** Who waits for a cell's run to end (the assistant's accepted exec_cell). */
  private readonly runWaiters = new Map<string, ((end: RunEnd) => void)[]>();
  private readonly queue: ExecutionQueue;
  private readonly onChange: (kind: Repaint) => void;
  private readonly nbformatMinor: number | undefined;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.path = resolve(options.path);
    this.current = createDocState(options.notebook);
    this.saved = options.notebook;
    this.disk = options.disk;
    this.queue = options.queue;
    this.onChange = options.onChange;
    this.nbformatMinor = options.nbformatMinor;
    this.assistant = new AssistantState((kind) => this.onChange(kind));
    this.kernel = new KernelLink({
      notebookId: this.id,
      path: this.path,
      queue: this.queue,
      kernelspec: options.notebook.metadata.kernelspec as JsonObject | undefined,
      kernelName: options.kernelName,
      gateway: options.gateway,
      python: options.python,
      registry: options.registry,
      onChange: () => this.onChange("input"),
      onReady: (kernel) => this.enqueueWaiting(kernel !== undefined),
      onMissing: () => options.onKernelMissing?.(this),
    });
  }

  /** The language of the code cells, for highlighting: the kernel's, else the notebook's own. */
  get language(): string {
    return notebookLanguage(this.doc.notebook.metadata, this.kernel.description?.language);
  }

  /**
   * Runs the notebook in another kernel from now on, and records it in metadata.kernelspec and
   * language_info (the kernel's own, once it has started), as JupyterLab's "change kernel" does:
   * the notebook is then unsaved.
   */
  async changeKernel(choice: KernelChoice): Promise<void> {
    const kernelspec = kernelspecOf(choice);
    this.setMetadata({ kernelspec, language_info: { name: kernelspec.language.toLowerCase() } });
    await this.kernel.switchTo(choice);
    const reported = this.kernel.kernel?.languageInfo;
    if (reported && this.kernel.choice === choice) this.setMetadata({ language_info: reported });
  }

  /** The kernel's own language_info goes into what is saved, as `oprel run` and JupyterLab write it. */
  private recordLanguageInfo(): void {
    const reported = this.kernel.kernel?.languageInfo;
    const recorded = this.doc.notebook.metadata.language_info;
    if (reported && JSON.stringify(reported) !== JSON.stringify(recorded))
      this.setMetadata({ language_info: reported });
  }

  private setMetadata(fields: JsonObject): void {
    this.dispatch({ type: "setMetadata", metadata: { ...this.doc.notebook.metadata, ...fields } });
  }

  get name(): string {
    return basename(this.path);
  }

  get dirty(): boolean {
    // Outputs recorded since the last look change the notebook: no need to build it (the tab bar
    // asks every frame, while another tab streams).
    if (this.unflushed && this.recorder) return true;
    return this.doc.notebook !== this.saved || this.editorChanged();
  }

  /** Text typed in the cell editor and not yet left: unsaved work too. */
  private editorChanged(): boolean {
    const editing = this.editing;
    if (!editing) return false;
    const cell = this.doc.notebook.cells.find((candidate) => candidate.id === editing.cellId);
    return cell !== undefined && cellSource(cell) !== bufferText(editing.buffer);
  }

  /** The notebook with the editor's text in its cell: what a recovery copy must hold. */
  private withEditorText(): Notebook {
    const notebook = this.doc.notebook;
    const editing = this.editing;
    if (!editing || !this.editorChanged()) return notebook;
    return setSource(notebook, editing.cellId, bufferText(editing.buffer));
  }

  get onDisk(): boolean {
    return this.disk !== undefined;
  }

  /** The document, with every output recorded so far (taken lazily: at most once per frame). */
  get doc(): DocState {
    if (this.unflushed && this.recorder) {
      this.unflushed = false;
      const notebook = this.recorder.snapshot();
      this.recordedFrom = notebook;
      this.current = docReducer(this.current, { type: "recorded", notebook });
    }
    return this.current;
  }

  private set doc(state: DocState) {
    this.current = state;
  }

  /** Asks for a repaint after a change made outside the reducer (the editor, a kernel answer). */
  touch(): void {
    this.onChange("input");
  }

  dispatch(action: DocAction): void {
    this.doc = docReducer(this.doc, action);
    this.onChange("input");
  }

  // ---- running ----

  /** Queues these cells (code cells only) in order, as a person pressing run would. */
  run(indexes: number[]): void {
    for (const index of indexes) {
      const cell = this.doc.notebook.cells[index];
      if (cell?.cell_type !== "code") continue;
      if (this.runs.get(cell.id)) continue; // already queued or running: one entry per cell
      if (this.kernel.kernel) this.enqueue(cell.id);
      else if (this.kernel.settled)
        this.endRun(cell.id, { status: "no-kernel", executionCount: null });
      else this.runs.markWaiting(cell.id);
    }
    this.onChange("input");
  }

  private enqueue(cellId: string): void {
    const cell = this.doc.notebook.cells.find((candidate) => candidate.id === cellId);
    if (!cell) return;
    this.queue.enqueue({ notebookId: this.id, cellId, code: cellSource(cell), allowStdin: true });
  }

  private enqueueWaiting(started: boolean): void {
    const waiting = this.runs.clearWaiting();
    for (const cellId of waiting) {
      if (started) this.enqueue(cellId);
      else this.endRun(cellId, { status: "no-kernel", executionCount: null });
    }
    this.onChange("input");
  }

  /** Resolves when the cell's next run ends (or its current one, if it is queued or running). */
  whenRunEnds(cellId: string): Promise<RunEnd> {
    return new Promise((resolve) => {
      const waiters = this.runWaiters.get(cellId) ?? [];
      waiters.push(resolve);
      this.runWaiters.set(cellId, waiters);
    });
  }

  private endRun(cellId: string, end: RunEnd): void {
    const waiters = this.runWaiters.get(cellId);
    if (!waiters) return;
    this.runWaiters.delete(cellId);
    for (const resolve of waiters) resolve(end);
  }

  interrupt(): void {
    this.runs.clearWaiting();
    if (this.kernel.kernel) this.queue.interrupt(this.id);
    this.onChange("input");
  }

  /** A queue event for this notebook: run markers, outputs into the document, stdin prompts. */
  handleQueueEvent(event: QueueEvent): void {
    this.runs.apply(event);
    if (event.type === "output") {
      const kernelEvent = event.event;
      if (kernelEvent.type === "stdin_request") {
        this.stdin = {
          cellId: event.cellId,
          requestId: kernelEvent.id,
          prompt: kernelEvent.prompt,
          password: kernelEvent.password,
        };
        this.options.onStdin?.(this);
        this.onChange("input");
        return;
      }
      this.record(event.cellId, kernelEvent);
      this.options.onOutput?.(event.cellId, kernelEvent);
      this.onChange("output");
      return;
    }
    if (event.type === "done") {
      if (this.stdin?.cellId === event.cellId) this.stdin = undefined;
      if (event.executionCount !== null || event.status !== "cancelled") {
        this.record(event.cellId, {
          type: "done",
          id: event.entryId,
          status: event.status === "ok" ? "ok" : "error",
          execution_count: event.executionCount,
        });
      }
      this.endRun(event.cellId, { status: event.status, executionCount: event.executionCount });
    }
    this.onChange("input");
  }

  /** Records one kernel event into the document without copying it (see `doc`). */
  private record(cellId: string, event: KernelEvent): void {
    const notebook = this.doc.notebook;
    if (!this.recorder || this.recordedFrom !== notebook) {
      // An edit made a new notebook since: record on from it.
      const pending = this.recorder?.pendingClears();
      this.recorder = new OutputRecorder(new NotebookDocument(notebook), { clearPending: pending });
      this.recordedFrom = notebook;
    }
    // A stream is appended by the model unless a clear_output(wait=True) is about to empty the cell.
    const mergesStream = event.type === "stream" && !this.recorder.pendingClears().has(cellId);
    this.recorder.record(cellId, event);
    this.outputs.noteEvent(cellId, event, mergesStream);
    this.unflushed = true;
  }

  answerStdin(value: string): void {
    const prompt = this.stdin;
    if (!prompt) return;
    this.stdin = undefined;
    this.kernel.kernel?.answerInput(prompt.requestId, value);
    // The question and its answer stay in the cell's output, as JupyterLab keeps them: a stream
    // of its own name, so it never merges into stdout. A password shows as dots.
    const shown = prompt.password ? "········" : value;
    this.record(prompt.cellId, {
      type: "stream",
      id: prompt.requestId,
      name: "stdin",
      text: `${prompt.prompt} ${shown}\n`,
    });
    this.onChange("input");
  }

  // ---- files ----

  /** Saves atomically; refuses (NOTEBOOK_CHANGED_ON_DISK) when someone else changed the file. */
  async save(options: { force?: boolean } = {}): Promise<void> {
    this.recordLanguageInfo();
    const notebook = this.doc.notebook;
    this.disk = await saveNotebook(this.path, notebook, {
      expectedDisk: this.disk,
      force: options.force,
      nbformatMinor: this.nbformatMinor,
    });
    this.saved = notebook;
    discardRecovery(this.path);
    this.onChange("input");
  }

  /** Synchronous, for the way out after a hang-up or a crash. */
  writeRecoveryCopy(): boolean {
    return this.dirty && writeRecovery(this.path, this.withEditorText());
  }

  /** Replaces the document (reloaded from disk, or restored from a recovery copy). */
  replaceDocument(notebook: Notebook, disk: DiskInfo | undefined, saved: boolean): void {
    this.doc = docReducer(this.doc, { type: "replace", notebook });
    this.disk = disk;
    if (saved) this.saved = notebook;
    this.onChange("input");
  }

  async close(): Promise<void> {
    // An assistant still waiting on this notebook stops: its review would never be answered.
    this.assistant.stop();
    await this.kernel.stop();
  }
}
