// The wire format against jupyter_client's own Session (Debian's python3-jupyter-client): what
// it signs we verify, what we sign it accepts, and a wrong key or a changed frame is refused.

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  DELIMITER,
  deserialize,
  header,
  serialize,
  sign,
  WireError,
} from "../../../src/kernel/jupyter/wire.js";

const PYTHON = "/usr/bin/python3";
const KEY = "5ca1ab1e-0000-4000-8000-feedfacecafe";

/** Runs Python with jupyter_client's Session under KEY; frames travel as base64 JSON lines. */
function session(script: string, input = ""): string {
  const prelude = `
import base64, json, sys
from jupyter_client.session import Session
s = Session(key=${JSON.stringify(KEY)}.encode(), signature_scheme="hmac-sha256", username="py")
`;
  return execFileSync(PYTHON, ["-c", prelude + script], { input, encoding: "utf8" });
}

const b64 = (frames: Buffer[]) => JSON.stringify(frames.map((f) => f.toString("base64")));
const unb64 = (text: string) => (JSON.parse(text) as string[]).map((f) => Buffer.from(f, "base64"));

describe("the Jupyter wire format", () => {
  it("reads and verifies a message jupyter_client signed", () => {
    const out = session(`
msg = s.msg("execute_request", content={"code": "print('héllo')", "silent": False})
frames = s.serialize(msg, ident=[b"client-1"])
print(json.dumps([base64.b64encode(f).decode() for f in frames]))`);
    const message = deserialize(unb64(out), KEY);
    expect(message.identities.map(String)).toEqual(["client-1"]);
    expect(message.header.msg_type).toBe("execute_request");
    expect(message.content).toEqual({ code: "print('héllo')", silent: false });
  });

  it("writes messages jupyter_client accepts, signature checked", () => {
    const head = header("kernel_info_request", "sess-1");
    const frames = serialize(
      { header: head, parent_header: {}, metadata: {}, content: { text: "ünï" } },
      KEY,
    );
    const out = session(
      `
frames = [base64.b64decode(f) for f in json.loads(sys.stdin.read())]
idents, rest = s.feed_identities(frames, copy=True)
msg = s.deserialize(rest, content=True)
print(json.dumps({"type": msg["header"]["msg_type"], "id": msg["header"]["msg_id"], "content": msg["content"]}))`,
      b64(frames),
    );
    expect(JSON.parse(out)).toEqual({
      type: "kernel_info_request",
      id: head.msg_id,
      content: { text: "ünï" },
    });
  });

  it("refuses a wrong key, a changed frame and a missing delimiter", () => {
    const frames = serialize(
      { header: header("x", "s"), parent_header: {}, metadata: {}, content: { a: 1 } },
      KEY,
    );
    expect(() => deserialize(frames, "another key")).toThrow(WireError);
    const changed = [...frames];
    changed[5] = Buffer.from(JSON.stringify({ a: 2 }));
    expect(() => deserialize(changed, KEY)).toThrow("bad signature");
    expect(() =>
      deserialize(
        frames.filter((f) => f.toString() !== DELIMITER),
        KEY,
      ),
    ).toThrow("no <IDS|MSG> delimiter");
    expect(() => deserialize(frames.slice(0, 4), KEY)).toThrow(WireError);
  });

  it("leaves messages unsigned under an empty key, and keeps binary buffers", () => {
    const buffers = [Buffer.from([0, 1, 2, 255])];
    const frames = serialize(
      { header: header("x", "s"), parent_header: {}, metadata: {}, content: {}, buffers },
      "",
    );
    expect(frames[1]?.toString()).toBe("");
    expect(deserialize(frames, "").buffers).toEqual(buffers);
    expect(sign("", [Buffer.from("x")])).toBe("");
  });
});
