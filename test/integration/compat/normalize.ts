// What must differ between two runs of the same notebook, whoever runs it, is rewritten to one
// placeholder before the comparison. Nothing else is: every other difference is either on the
// allow-list in known-differences.ts or fails the test.

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is exactly what this removes.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
// CPython's default repr and IPython's pretty printer both print id(obj): different in every process.
const ADDRESS = /\b0x[0-9a-f]{6,}\b/g;
// The file name a cell is compiled under: ipykernel writes /tmp/ipykernel_<pid>/<hash>.py, oprel
// names it "Cell In[n]" (in warnings "<cell In[n]>"). Both are the same thing: "this cell".
const IPYKERNEL_CELL_FILE = /\/tmp\/ipykernel_\d+\/\d+\.py/g;
const OPREL_CELL_FILE = /<cell In\[\d+\]>/g;
// SyntaxError's value ends with "(<file>, line n)"; IPython's tokenizer errors say "<tokenize>".
const SYNTAX_ERROR_FILE = /\((?:\d+\.py|<tokenize>|Cell In\[\d+\]|<cell>), line (\d+)\)$/;

export interface NormalizeContext {
  /** The folder the notebook ran in (its copy for this side); shown as <DIR>. */
  dir: string;
}

export function normalizeText(text: string, context: NormalizeContext): string {
  return text
    .replace(ANSI, "")
    .replace(ADDRESS, "0x…")
    .replace(IPYKERNEL_CELL_FILE, "<cell>")
    .replace(OPREL_CELL_FILE, "<cell>")
    .split(context.dir)
    .join("<DIR>");
}

export function normalizeErrorValue(evalue: string, context: NormalizeContext): string {
  return normalizeText(evalue, context).replace(SYNTAX_ERROR_FILE, "(<cell>, line $1)");
}
