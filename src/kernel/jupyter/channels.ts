// The client's ZeroMQ sockets to one kernel: shell, control and stdin (DEALER, sharing one routing
// id, so the kernel's input requests reach us), iopub (SUB, everything) and the heartbeat (REQ).
// zeromq 6 allows one send at a time per socket, so each socket's sends are chained.

import { randomUUID } from "node:crypto";
import type { JsonObject } from "../../notebook/types.js";
import { type Channel, type ConnectionInfo, channelAddress } from "./connection.js";
import {
  deserialize,
  header,
  type JupyterMessage,
  type MessageHeader,
  serialize,
  WireError,
} from "./wire.js";

type Zmq = typeof import("zeromq");
type Listener = (channel: Channel, message: JupyterMessage) => void;

interface Link {
  socket: import("zeromq").Dealer | import("zeromq").Subscriber;
  sending: Promise<unknown>;
}

export class KernelChannels {
  readonly session = randomUUID();
  private readonly links = new Map<Channel, Link>();
  private heartbeat: import("zeromq").Request | undefined;
  private closed = false;

  private constructor(
    private readonly zmq: Zmq,
    private readonly info: ConnectionInfo,
    private readonly listener: Listener,
    /** Frames that failed to parse or verify: told, never acted on. */
    private readonly onBadMessage: (channel: Channel, why: string) => void,
  ) {}

  static async connect(
    info: ConnectionInfo,
    listener: Listener,
    onBadMessage: (channel: Channel, why: string) => void,
  ): Promise<KernelChannels> {
    // Loaded only when a Jupyter kernel is used: the native addon costs start-up otherwise.
    const zmq = await import("zeromq");
    const channels = new KernelChannels(zmq, info, listener, onBadMessage);
    channels.open();
    return channels;
  }

  private open(): void {
    const routingId = `oprel-${this.session}`;
    for (const channel of ["shell", "control", "stdin"] as const) {
      const socket = new this.zmq.Dealer({ routingId, linger: 0 });
      socket.connect(channelAddress(this.info, channel));
      this.links.set(channel, { socket, sending: Promise.resolve() });
      void this.readLoop(channel, socket);
    }
    const iopub = new this.zmq.Subscriber({ linger: 0 });
    iopub.subscribe();
    iopub.connect(channelAddress(this.info, "iopub"));
    this.links.set("iopub", { socket: iopub, sending: Promise.resolve() });
    void this.readLoop("iopub", iopub);
  }

  private async readLoop(channel: Channel, socket: AsyncIterable<Buffer[]>): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: JupyterMessage;
        try {
          message = deserialize(frames, this.info.key);
        } catch (error) {
          if (error instanceof WireError) this.onBadMessage(channel, error.message);
          continue;
        }
        this.listener(channel, message);
      }
    } catch {
      // The socket was closed under the loop: nothing more to read.
    }
  }

  /** Sends a message; returns its header (the msg_id replies and outputs point back to). */
  send(
    channel: "shell" | "control" | "stdin",
    msgType: string,
    content: JsonObject,
    parent: Partial<MessageHeader> = {},
  ): MessageHeader {
    const head = header(msgType, this.session);
    const link = this.links.get(channel);
    if (!link || this.closed) return head;
    const frames = serialize(
      { header: head, parent_header: parent, metadata: {}, content },
      this.info.key,
    );
    const socket = link.socket as import("zeromq").Dealer;
    link.sending = link.sending.then(() => socket.send(frames)).catch(() => undefined);
    return head;
  }

  /**
   * One heartbeat: true when the kernel echoed within `timeoutMs`. A REQ socket that missed its
   * reply cannot send again, so a miss replaces the socket.
   */
  async ping(timeoutMs: number): Promise<boolean> {
    if (this.closed) return false;
    if (!this.heartbeat) {
      this.heartbeat = new this.zmq.Request({
        linger: 0,
        receiveTimeout: timeoutMs,
        sendTimeout: timeoutMs,
      });
      this.heartbeat.connect(channelAddress(this.info, "hb"));
    }
    const socket = this.heartbeat;
    try {
      await socket.send("ping");
      await socket.receive();
      return true;
    } catch {
      if (this.heartbeat === socket) this.heartbeat = undefined;
      socket.close();
      return false;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const link of this.links.values()) link.socket.close();
    this.heartbeat?.close();
    this.links.clear();
  }
}
