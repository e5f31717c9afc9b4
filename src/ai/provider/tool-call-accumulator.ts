// Reassembles streamed tool calls leniently. OpenAI sends `index` on every delta; some compatible
// servers leave it out, repeat the name, or send a whole call in one chunk.

import type { RawCall } from "./types.js";

export interface ToolCallDelta {
  index?: number | null;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

export class ToolCallAccumulator {
  private readonly calls: RawCall[] = [];
  private readonly byIndex = new Map<number, RawCall>();

  add(delta: ToolCallDelta): void {
    const call = this.target(delta);
    if (delta.id) call.id = delta.id;
    const name = delta.function?.name;
    if (name && !call.name) call.name = name;
    call.arguments += delta.function?.arguments ?? "";
  }

  /** The finished calls; calls without an id get one, so results can refer to them. */
  result(): RawCall[] {
    return this.calls.map((call, position) => ({
      ...call,
      id: call.id || `call_${position + 1}`,
    }));
  }

  private target(delta: ToolCallDelta): RawCall {
    if (typeof delta.index === "number") {
      const known = this.byIndex.get(delta.index);
      if (known) return known;
      return this.open(delta.index);
    }
    // No index: a new id, or a new name after a call that already has arguments, starts a call.
    const last = this.calls.at(-1);
    const startsNew =
      !last ||
      (!!delta.id && !!last.id && delta.id !== last.id) ||
      (!delta.id && !!delta.function?.name && last.name !== "" && last.arguments !== "");
    return startsNew ? this.open(undefined) : last;
  }

  private open(index: number | undefined): RawCall {
    const call: RawCall = { id: "", name: "", arguments: "" };
    this.calls.push(call);
    if (index !== undefined) this.byIndex.set(index, call);
    return call;
  }
}
