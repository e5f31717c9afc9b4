// Whatever a cell sends, a run must not lose the notebook. The worker keeps outputs within nbformat,
// but a notebook can reach past it (a raw message, a library's own bundle); when the executed
// notebook fails validation, only the outputs that break the schema go, each replaced by a note on
// stderr saying why, and the rest is saved.

import { validateNotebook, withFields } from "../notebook/index.js";
import type { CodeCell, Notebook, Output } from "../notebook/types.js";

const OUTPUT_PATH = /^\/cells\/(\d+)\/outputs\/(\d+)(?:\/|$)/;

export interface RepairedNotebook {
  notebook: Notebook;
  /** One sentence per replaced output, naming the cell and the output. */
  dropped: string[];
}

/**
 * Replaces each invalid output by a stderr stream. Problems outside outputs are left alone: the
 * notebook then stays invalid, and saving it reports them.
 */
export function repairOutputs(notebook: Notebook): RepairedNotebook {
  const dropped: string[] = [];
  let current = notebook;
  // Each pass fixes the first invalid output; a replacement is always valid, so this ends.
  for (;;) {
    const result = validateNotebook(current);
    if (result.valid) break;
    const match = OUTPUT_PATH.exec(result.path);
    if (!match) break;
    const [cellIndex, outputIndex] = [Number(match[1]), Number(match[2])];
    const cell = current.cells[cellIndex];
    if (cell?.cell_type !== "code" || cell.outputs[outputIndex] === undefined) break;
    const outputs = [...cell.outputs];
    outputs[outputIndex] = droppedNote(reasonOf(result.message, outputIndex));
    const cells = [...current.cells];
    cells[cellIndex] = withFields(cell, { outputs }) satisfies CodeCell;
    current = withFields(current, { cells });
    dropped.push(result.message);
  }
  return { notebook: current, dropped };
}

/** The validator's message without its "cell 3 (id …), output 2" lead, which the note sits in. */
function reasonOf(message: string, outputIndex: number): string {
  const lead = `, output ${outputIndex + 1}`;
  const at = message.indexOf(lead);
  if (at === -1) return message;
  return message
    .slice(at + lead.length)
    .replace(/^:?\s*/, "")
    .trim();
}

function droppedNote(reason: string): Output {
  return {
    output_type: "stream",
    name: "stderr",
    text: `oprel: an output was dropped because it is not valid nbformat: ${reason}\n`,
  };
}
