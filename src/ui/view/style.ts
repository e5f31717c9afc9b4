// The few colours and marks the notebook view uses, in one place. chalk decides whether the
// terminal takes colour (NO_COLOR, FORCE_COLOR, a dumb terminal).

import chalk from "chalk";

export const style = {
  dim: (text: string) => chalk.dim(text),
  bold: (text: string) => chalk.bold(text),
  inverse: (text: string) => chalk.inverse(text),
  strike: (text: string) => chalk.strikethrough(text),
  error: (text: string) => chalk.red(text),
  ok: (text: string) => chalk.green(text),
  busy: (text: string) => chalk.yellow(text),
  accent: (text: string) => chalk.cyan(text),
  commandBar: (text: string) => chalk.blue(text),
  editBar: (text: string) => chalk.green(text),
};

/** The bar left of a cell: where the focus is, and in which mode. */
export const BAR = "▌";
/** Columns before a cell's text: the prompt ("[12]:"), padded, then the bar and a space. */
export const PROMPT_WIDTH = 7;
export const GUTTER_WIDTH = PROMPT_WIDTH + 2;
