// The Jupyter messaging protocol's wire format (5.x): a message travels as ZeroMQ frames
//   [routing ids..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]
// and the signature is the hex HMAC-SHA256, under the connection file's key, of the four JSON
// frames in that order. An empty key means unsigned messages (Jupyter's own convention).
// https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol

import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { JsonObject } from "../../notebook/types.js";

export const DELIMITER = "<IDS|MSG>";
export const PROTOCOL_VERSION = "5.3";

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
  [key: string]: unknown;
}

export interface JupyterMessage<C = JsonObject> {
  /** ZeroMQ routing prefixes (what came before the delimiter). */
  identities: Buffer[];
  header: MessageHeader;
  /** {} when the message answers nothing. */
  parent_header: Partial<MessageHeader>;
  metadata: JsonObject;
  content: C;
  buffers: Buffer[];
}

/** Signs the four JSON frames; "" when there is no key. */
export function sign(key: string, frames: readonly (Buffer | string)[]): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** A new message header for this session. */
export function header(msgType: string, session: string, username = "oprel"): MessageHeader {
  return {
    msg_id: randomUUID(),
    msg_type: msgType,
    session,
    username,
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
}

/** The frames of a message, signed. */
export function serialize(
  message: Omit<JupyterMessage<unknown>, "identities" | "buffers"> & {
    identities?: Buffer[];
    buffers?: Buffer[];
  },
  key: string,
): Buffer[] {
  const json = [message.header, message.parent_header, message.metadata, message.content].map(
    (part) => Buffer.from(JSON.stringify(part), "utf8"),
  );
  return [
    ...(message.identities ?? []),
    Buffer.from(DELIMITER),
    Buffer.from(sign(key, json)),
    ...json,
    ...(message.buffers ?? []),
  ];
}

/** Why a set of frames is not a message we accept. */
export class WireError extends Error {}

/** Parses frames into a message, checking the signature; throws WireError on a bad one. */
export function deserialize(frames: readonly Buffer[], key: string): JupyterMessage {
  const at = frames.findIndex((frame) => frame.toString("latin1") === DELIMITER);
  if (at === -1) throw new WireError("no <IDS|MSG> delimiter");
  if (frames.length < at + 6) throw new WireError("fewer than the 5 frames after the delimiter");
  const signature = (frames[at + 1] as Buffer).toString("latin1");
  const json = frames.slice(at + 2, at + 6) as Buffer[];
  if (key !== "") {
    const expected = Buffer.from(sign(key, json), "latin1");
    const given = Buffer.from(signature, "latin1");
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new WireError("bad signature");
  }
  const [head, parent, metadata, content] = json.map((frame) => {
    try {
      return JSON.parse(frame.toString("utf8")) as unknown;
    } catch {
      throw new WireError("a JSON frame does not parse");
    }
  });
  return {
    identities: frames.slice(0, at) as Buffer[],
    header: head as MessageHeader,
    parent_header: (parent ?? {}) as Partial<MessageHeader>,
    metadata: (metadata ?? {}) as JsonObject,
    content: (content ?? {}) as JsonObject,
    buffers: frames.slice(at + 6) as Buffer[],
  };
}
