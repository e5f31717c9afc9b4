// The nbformat 4.5 document, as it is on disk. Jupyter's documentation is the specification:
// outputs keep Jupyter's own shapes so saving needs no conversion.

/** A multi-line string: on disk either one string or an array of lines (each keeping its "\n"). */
export type MultilineString = string | string[];

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A MIME bundle: MIME type to data. Text types are multi-line strings, JSON types are objects. */
export type MimeBundle = { [mime: string]: JsonValue };

/** JupyterLab saves an answered input() as a "stdin" stream; nbformat names only the first two. */
export type StreamName = "stdout" | "stderr" | "stdin";

export interface StreamOutput {
  output_type: "stream";
  name: StreamName;
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: JsonObject;
  /** Not saved: the display id used by update_display. Stripped on save. */
  transient?: { display_id?: string };
}

export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: JsonObject;
  transient?: { display_id?: string };
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

interface CellBase {
  id: string;
  source: MultilineString;
  metadata: JsonObject;
}

export interface CodeCell extends CellBase {
  cell_type: "code";
  execution_count: number | null;
  outputs: Output[];
}

export interface MarkdownCell extends CellBase {
  cell_type: "markdown";
  attachments?: JsonObject;
}

export interface RawCell extends CellBase {
  cell_type: "raw";
  attachments?: JsonObject;
}

export type Cell = CodeCell | MarkdownCell | RawCell;
export type CellType = Cell["cell_type"];

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: JsonObject;
  cells: Cell[];
}
