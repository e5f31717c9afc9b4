// One saved or live output as terminal lines. Streams, text and tracebacks do not depend on the
// width (wrapping comes later); Markdown, HTML and images are laid out for a width, so they are
// rendered per width and cached for the last one.

import { log } from "../../log.js";
import { joinMultiline } from "../../notebook/multiline.js";
import type { JsonValue, MimeBundle, Output, StreamName } from "../../notebook/types.js";
import { plainText } from "../../terminal/sanitize.js";
import { imageInfo } from "./image-info.js";
import { type ImageRenderer, unknownPlaceholder } from "./image-view.js";
import { LineStore } from "./line-store.js";
import { mimePreference } from "./mime-order.js";
import { richText } from "./rich-text.js";

export interface OutputBlock {
  /** The block's logical lines for this width. */
  at(width: number): LineStore;
  /** Set for a stream, which live text is appended to. */
  readonly stream?: StreamName;
  /** True while it shows a stand-in because the Markdown/HTML renderers are still loading. */
  readonly waiting: boolean;
}

interface Rendered {
  text: string;
  /** A stand-in until the rich-text renderers load. */
  waiting?: boolean;
}

class FixedBlock implements OutputBlock {
  readonly waiting = false;
  constructor(
    private readonly store: LineStore,
    readonly stream?: StreamName,
  ) {}
  at(): LineStore {
    return this.store;
  }
}

class WidthBlock implements OutputBlock {
  private last: { width: number; store: LineStore; waiting: boolean } | undefined;
  constructor(private readonly render: (width: number) => Rendered) {}
  get waiting(): boolean {
    return this.last?.waiting ?? false;
  }
  at(width: number): LineStore {
    if (this.last?.width !== width || this.last.waiting) {
      const { text, waiting = false } = this.render(width);
      this.last = { width, store: LineStore.fromText(text), waiting };
    }
    return this.last.store;
  }
}

export function streamBlock(name: StreamName, text = ""): OutputBlock {
  const store = new LineStore();
  store.append(text);
  return new FixedBlock(store, name);
}

export function outputBlock(output: Output, renderImage: ImageRenderer): OutputBlock {
  switch (output.output_type) {
    case "stream":
      return streamBlock(output.name, joinMultiline(output.text));
    case "error": {
      const text =
        output.traceback.length > 0
          ? output.traceback.join("\n")
          : `${output.ename}: ${output.evalue}`;
      return new FixedBlock(LineStore.fromText(text));
    }
    case "display_data":
    case "execute_result":
      return bundleBlock(output.data, renderImage);
  }
}

function bundleBlock(bundle: MimeBundle, renderImage: ImageRenderer): OutputBlock {
  const [mime, ...rest] = mimePreference(bundle);
  if (mime === undefined) return new FixedBlock(new LineStore());
  const data = bundle[mime] as JsonValue;
  if (mime === "text/markdown" || mime === "text/html") {
    const source = textOf(data);
    const fallback = rest.length > 0 ? bundleBlock(bundleOf(bundle, rest), renderImage) : null;
    return new WidthBlock((width) => richRender(mime, source, width, fallback));
  }
  if (mime.startsWith("image/"))
    return new WidthBlock((width) => ({
      text: renderImage(imageInfo(mime, textOf(data)), width).join("\n"),
    }));
  if (mime === "application/json")
    return new FixedBlock(LineStore.fromText(JSON.stringify(data, null, 2)));
  if (mime.startsWith("text/") || mime.endsWith("javascript"))
    return new FixedBlock(LineStore.fromText(textOf(data)));
  return new WidthBlock((width) => ({ text: unknownPlaceholder(mime, width) }));
}

function richRender(
  mime: "text/markdown" | "text/html",
  source: string,
  width: number,
  fallback: OutputBlock | null,
): Rendered {
  const fallbackText = () => fallback?.at(width).slice(0, Number.MAX_SAFE_INTEGER).join("\n");
  const renderers = richText();
  // Until the renderers load, Markdown reads well as it is; HTML shows its plain-text twin.
  if (renderers === undefined)
    return { text: (mime === "text/html" && fallbackText()) || source, waiting: true };
  let text: string;
  try {
    text =
      mime === "text/markdown"
        ? renderers.markdown(plainText(source), width)
        : renderers.html(source, width);
  } catch (error) {
    log("ui.output", `${mime} could not be rendered: ${String(error)}`);
    return { text: source };
  }
  // An HTML output with no readable text (a script, a widget's frame) shows its next best type.
  if (text.trim() === "") return { text: fallbackText() ?? "" };
  return { text: text.replace(/\n+$/, "") };
}

function bundleOf(bundle: MimeBundle, mimes: string[]): MimeBundle {
  return Object.fromEntries(mimes.map((mime) => [mime, bundle[mime] as JsonValue]));
}

/** The text of a text-typed MIME value: a multi-line string, else its JSON. */
function textOf(value: JsonValue): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((line) => typeof line === "string"))
    return joinMultiline(value as string[]);
  return JSON.stringify(value);
}
