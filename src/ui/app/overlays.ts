// What covers the notebook for a moment: the key help, the output pager, a one-line prompt (open
// a file, answer input()), or a question with single-key answers (quit with unsaved work, a file
// changed on disk, a recovery copy to restore).

import type { VariableSummary } from "../../kernel/index.js";
import type { TextBufferState } from "../editor/text-buffer.js";
import type { PagerState } from "../pager/pager-state.js";

export interface Choice {
  key: string;
  label: string;
  run: () => void | Promise<void>;
}

export type Overlay =
  | { kind: "help"; scroll: number }
  | { kind: "pager"; state: PagerState }
  | {
      kind: "prompt";
      purpose: "open" | "stdin" | "search" | "assistant";
      label: string;
      buffer: TextBufferState;
      password: boolean;
      /** Called with the text on Enter; the prompt closes first. */
      submit: (text: string) => void | Promise<void>;
      cancel?: () => void;
    }
  | { kind: "choice"; question: string; choices: Choice[]; cancel?: () => void }
  /**
   * The shared registry's entries, or with `variables` the notebook's variables to share, one
   * selected (src/ui/app/commands/registry-commands.ts).
   */
  | { kind: "registry"; cursor: number; variables?: VariableSummary[] };
