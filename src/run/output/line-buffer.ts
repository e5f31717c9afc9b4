// Cell output arrives in chunks that do not respect lines; prefixes go on whole lines only.

export class LineBuffer {
  private partial = "";

  /** The complete lines in text, keeping the unfinished rest for later. */
  push(text: string): string[] {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    return lines;
  }

  /** What is left, as a last line, if anything. */
  flush(): string[] {
    const rest = this.partial;
    this.partial = "";
    return rest === "" ? [] : [rest];
  }
}
