import { describe, expect, it } from "vitest";
import { TailBuffer } from "../../../src/kernel/tail-buffer.js";

describe("TailBuffer", () => {
  it("keeps everything below the limit, in order", () => {
    const tail = new TailBuffer(100);
    tail.push(Buffer.from("one\n"));
    tail.push(Buffer.from("two\n"));
    expect(tail.text()).toBe("one\ntwo\n");
  });

  it("keeps only the last bytes when more is written", () => {
    const tail = new TailBuffer(10);
    for (let i = 0; i < 100; i += 1) tail.push(Buffer.from(`${i % 10}`));
    tail.push(Buffer.from("abcdefghijklmnop"));
    expect(tail.text()).toBe("ghijklmnop");
    tail.push(Buffer.from("XY"));
    expect(tail.text()).toBe("ijklmnopXY");
  });
});
