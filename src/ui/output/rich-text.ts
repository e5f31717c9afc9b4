// Markdown and HTML outputs as styled terminal text. marked with marked-terminal (which loads
// cli-highlight and highlight.js) and html-to-text take about a second to load, so they load on
// first need, never on the way to the first paint. Until they are ready, callers show the source
// as plain text and redraw once `whenRichTextReady()` settles.

import type { MarkedExtension } from "marked";
import { log } from "../../log.js";

interface RichRenderers {
  markdown(source: string, width: number): string;
  html(source: string, width: number): string;
}

let renderers: RichRenderers | undefined;
let loading: Promise<void> | undefined;

/** The renderers if loaded; otherwise undefined, and loading starts in the background. */
export function richText(): RichRenderers | undefined {
  if (renderers === undefined) void whenRichTextReady();
  return renderers;
}

/** Whether the renderers are loaded (without starting to load them). */
export function richTextLoaded(): boolean {
  return renderers !== undefined;
}

/** Settles once the renderers are loaded (or failed to load: then sources stay plain text). */
export function whenRichTextReady(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    log("ui.output", `markdown/html renderers failed to load: ${String(error)}`);
  });
  return loading;
}

async function load(): Promise<void> {
  const [{ Marked }, { markedTerminal }, { convert }, { Chalk }] = await Promise.all([
    import("marked"),
    import("marked-terminal"),
    import("html-to-text"),
    import("chalk"),
  ]);
  // Styles from our own 16-colour chalk: the global one turns colour off when stdout is no TTY.
  const chalk = new Chalk({ level: 1 });
  const styles = {
    code: chalk.yellow,
    blockquote: chalk.gray.italic,
    html: chalk.gray,
    heading: chalk.green.bold,
    firstHeading: chalk.magenta.bold,
    strong: chalk.bold,
    em: chalk.italic,
    codespan: chalk.yellow,
    del: chalk.dim.strikethrough,
    link: chalk.blue,
    href: chalk.blue.underline,
  };
  const byWidth = new Map<number, { parse(source: string, options: { async: false }): unknown }>();
  renderers = {
    markdown(source, width) {
      let marked = byWidth.get(width);
      if (marked === undefined) {
        const options = { ...styles, width, reflowText: true, showSectionPrefix: false, tab: 2 };
        // @types/marked-terminal predates marked's extension type; the runtime value is one.
        marked = new Marked(markedTerminal(options) as unknown as MarkedExtension<string, string>);
        byWidth.set(width, marked);
      }
      return marked.parse(source, { async: false }) as string;
    },
    html(source, width) {
      return convert(source, {
        wordwrap: Math.max(20, width),
        selectors: [
          { selector: "table", format: "dataTable", options: { maxColumnWidth: 40 } },
          { selector: "a", options: { ignoreHref: true } },
          { selector: "img", format: "skip" },
        ],
      });
    },
  };
}
