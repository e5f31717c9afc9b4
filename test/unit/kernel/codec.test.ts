import { describe, expect, it } from "vitest";
import { encodeRequest, LineDecoder } from "../../../src/kernel/codec.js";
import type { WorkerMessage } from "../../../src/kernel/protocol.js";

function collect() {
  const messages: WorkerMessage[] = [];
  const bad: string[] = [];
  const decoder = new LineDecoder(
    (message) => messages.push(message),
    (line) => bad.push(line),
  );
  return { decoder, messages, bad };
}

const stream = (text: string) => ({ type: "stream", id: "x1", name: "stdout", text });

describe("LineDecoder", () => {
  it("decodes lines split at every byte, including inside multi-byte characters", () => {
    const texts = ["héllo wörld", "日本語のテキスト", "emoji 🎉🐍 and more", "plain"];
    const wire = Buffer.from(`${texts.map((text) => JSON.stringify(stream(text))).join("\n")}\n`);
    for (let cut = 1; cut < wire.length; cut += 1) {
      const { decoder, messages } = collect();
      decoder.push(wire.subarray(0, cut));
      decoder.push(wire.subarray(cut));
      expect(messages.map((m) => (m as { text: string }).text)).toEqual(texts);
    }
  });

  it("decodes a stream fed one byte at a time", () => {
    const { decoder, messages } = collect();
    const wire = Buffer.from(`${JSON.stringify(stream("a🐍b"))}\n${JSON.stringify(stream("c"))}\n`);
    for (let i = 0; i < wire.length; i += 1) decoder.push(wire.subarray(i, i + 1));
    expect(messages).toEqual([stream("a🐍b"), stream("c")]);
  });

  it("keeps an unfinished line until its newline arrives", () => {
    const { decoder, messages } = collect();
    decoder.push(Buffer.from('{"type":"log","te'));
    expect(messages).toEqual([]);
    decoder.push(Buffer.from('xt":"x"}'));
    expect(messages).toEqual([]);
    decoder.push(Buffer.from("\n"));
    expect(messages).toEqual([{ type: "log", text: "x" }]);
  });

  it("reports a malformed line and keeps decoding the next ones", () => {
    const { decoder, messages, bad } = collect();
    decoder.push(Buffer.from('not json\n{"type":"log","text":"ok"}\n\n'));
    expect(bad).toEqual(["not json"]);
    expect(messages).toEqual([{ type: "log", text: "ok" }]);
  });

  it("decodes 100,000 lines arriving in 64 KB chunks", () => {
    const line = `${JSON.stringify(stream("line of output number 12345\n"))}\n`;
    const wire = Buffer.from(line.repeat(100_000));
    const { decoder, messages } = collect();
    for (let offset = 0; offset < wire.length; offset += 65_536) {
      decoder.push(wire.subarray(offset, offset + 65_536));
    }
    expect(messages).toHaveLength(100_000);
  });
});

describe("encodeRequest", () => {
  it("writes one line per request even when the code has newlines", () => {
    const line = encodeRequest({ type: "execute", id: "x1", code: "a = 1\nb = 'ü'\n" });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({ type: "execute", id: "x1", code: "a = 1\nb = 'ü'\n" });
  });
});
