import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { type InputEvent, keyString } from "../../../src/ui/keys/parse-input.js";
import { attachInput } from "../../../src/ui/terminal/input.js";

function attach(options: Parameters<typeof attachInput>[2] = {}) {
  const stdin = new PassThrough();
  const seen: string[] = [];
  const name = (event: InputEvent) => (event.type === "key" ? keyString(event) : event.type);
  const detach = attachInput(stdin, (event) => seen.push(name(event)), options);
  return { stdin, seen, detach };
}

it("reads keys, tells a lone Escape by its timeout, and routes responses apart", async () => {
  const responses: string[] = [];
  const { stdin, seen, detach } = attach({ onResponse: (event) => responses.push(event.kind) });
  stdin.write("\x1b[A");
  stdin.write("\x1b[?1u");
  stdin.write("\x1b");
  await sleep(5);
  expect(seen).toEqual(["up"]);
  await sleep(60);
  expect(seen).toEqual(["up", "escape"]);
  expect(responses).toEqual(["kitty-flags"]);
  stdin.write("\x1b");
  await sleep(1);
  stdin.write("x");
  await sleep(60);
  expect(seen).toEqual(["up", "escape", "alt+x"]);
  detach();
  stdin.write("y");
  await sleep(5);
  expect(seen).toHaveLength(3);
});

it("a failing or ended stdin is reported to onClose, never thrown", async () => {
  const closed: (string | undefined)[] = [];
  const { stdin } = attach({ onClose: (error) => closed.push(error?.message) });
  stdin.emit("error", Object.assign(new Error("read EIO"), { code: "EIO" }));
  stdin.end();
  await sleep(5);
  expect(closed).toEqual(["read EIO", undefined]);
});
