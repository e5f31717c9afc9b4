// The wire protocol between the controller and a worker. docs/protocol.md describes it in prose.
// JSON objects, one per line, both ways over the worker's file descriptor 3 (a socket pair).
// Every request carries an id; every event and reply carries the id of the request it belongs to.

import type { JsonObject, MimeBundle, StreamName } from "../notebook/types.js";

export const PROTOCOL_VERSION = 1;

// ---- controller -> worker ----

export interface ExecuteRequest {
  type: "execute";
  id: string;
  code: string;
  /** Silent runs neither count nor produce a result (used for internal set-up code). */
  silent?: boolean;
  /** False makes input()/getpass() raise StdinNotImplementedError, as Jupyter does headless. */
  allow_stdin?: boolean;
  cell_id?: string;
}

/**
 * Sent with the SIGINT that interrupts execute request `id`: a signal that reaches the worker before
 * the cell's code starts is otherwise lost (see worker/python/oprel_execute.py).
 */
export interface InterruptNotice {
  type: "interrupt";
  id: string;
}

export interface InputReply {
  type: "input_reply";
  /** The id of the execute request whose stdin_request this answers. */
  id: string;
  value: string;
}

export interface CompleteRequest {
  type: "complete";
  id: string;
  code: string;
  cursor_pos: number;
}

export interface InspectRequest {
  type: "inspect";
  id: string;
  code: string;
  cursor_pos: number;
  detail_level?: 0 | 1;
}

export interface NamespaceRequest {
  type: "namespace";
  id: string;
}

export interface CheckSyntaxRequest {
  type: "check_syntax";
  id: string;
  code: string;
}

export interface ShutdownRequest {
  type: "shutdown";
  id: string;
}

/** The controller's answer to a worker's registry request (same id). */
export interface RegistryReply {
  type: "registry_reply";
  id: string;
  content: JsonObject;
}

export type WorkerRequest =
  | RegistryReply
  | ExecuteRequest
  | InterruptNotice
  | InputReply
  | CompleteRequest
  | InspectRequest
  | NamespaceRequest
  | CheckSyntaxRequest
  | ShutdownRequest;

// ---- worker -> controller ----

export interface ReadyMessage {
  type: "ready";
  protocol: number;
  pid: number;
  /** e.g. "3.11.7" */
  python: string;
  /** sys.executable */
  executable: string;
}

export interface StatusEvent {
  type: "status";
  id: string;
  state: "busy";
}

export interface StreamEvent {
  type: "stream";
  id: string;
  /** "stdin" only from a front end: an answered input(), recorded as JupyterLab records it. */
  name: StreamName;
  text: string;
}

export interface DisplayEvent {
  type: "display";
  id: string;
  data: MimeBundle;
  metadata: JsonObject;
  display_id: string | null;
}

export interface UpdateDisplayEvent {
  type: "update_display";
  id: string;
  data: MimeBundle;
  metadata: JsonObject;
  display_id: string;
}

export interface ClearOutputEvent {
  type: "clear_output";
  id: string;
  wait: boolean;
}

export interface ResultEvent {
  type: "result";
  id: string;
  execution_count: number;
  data: MimeBundle;
  metadata: JsonObject;
}

export interface ErrorEvent {
  type: "error";
  id: string;
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface StdinRequestEvent {
  type: "stdin_request";
  id: string;
  prompt: string;
  password: boolean;
}

export interface DoneEvent {
  type: "done";
  id: string;
  status: "ok" | "error";
  execution_count: number | null;
  /** A failure that produced no `error` output (a UsageError is shown as one stderr line, as in IPython). */
  error?: { ename: string; evalue: string; traceback: string[] };
}

export interface ReplyMessage {
  type: "reply";
  id: string;
  content: JsonObject;
}

export interface LogMessage {
  type: "log";
  text: string;
}

/** Everything an execute request can produce, in order, ending with done. */
export type KernelEvent =
  | StatusEvent
  | StreamEvent
  | DisplayEvent
  | UpdateDisplayEvent
  | ClearOutputEvent
  | ResultEvent
  | ErrorEvent
  | StdinRequestEvent
  | DoneEvent;

/**
 * A request the worker makes of the controller's shared registry (docs/registry.md). Ids are the
 * worker's own ("g1", ...); the controller answers with a `registry_reply` carrying the same id.
 */
export type RegistryRequest = { type: "registry"; id: string } & (
  | {
      op: "share";
      name: string;
      type_name: string;
      /** A file the worker wrote in the registry's staging folder: a base name, no path. */
      file: string;
      /** Byte lengths in the file: the pickle's main payload, then each out-of-band buffer. */
      sizes: number[];
    }
  | { op: "fetch"; name: string; wait_ms?: number }
  | { op: "list" }
);

export type WorkerMessage =
  | ReadyMessage
  | KernelEvent
  | ReplyMessage
  | LogMessage
  | RegistryRequest;

// ---- reply contents ----

export interface CompleteReply {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
}

export interface InspectReply {
  found: boolean;
  /** text/plain holds the signature and docstring. */
  data: MimeBundle;
}

export interface VariableSummary {
  name: string;
  /** Type name, e.g. "int", "DataFrame", "ndarray". */
  type: string;
  /** A short preview, at most about 80 characters. */
  preview: string;
  shape?: number[];
  length?: number;
  /** DataFrame columns with their dtypes. */
  columns?: { name: string; dtype: string }[];
}

export interface NamespaceReply {
  variables: VariableSummary[];
}

export type SyntaxCheckReply =
  | { ok: true }
  | { ok: false; message: string; line: number; column: number };
