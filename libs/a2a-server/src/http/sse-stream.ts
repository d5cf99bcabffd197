import { platformMetrics } from '@a2a-platform/telemetry';
import type { FastifyReply } from 'fastify';
import type { StreamItem } from '../core/request-handler.js';

/** Open SSE responses of one server, so that closing the server can end them. */
export class OpenStreams {
  private readonly closers = new Set<() => void>();

  add(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  get size(): number {
    return this.closers.size;
  }

  closeAll(): void {
    for (const close of [...this.closers]) close();
    this.closers.clear();
  }
}

export interface SseRelay {
  reply: FastifyReply;
  /** The A2A method streaming, as the open-streams gauge labels it. */
  method?: string;
  first: StreamItem;
  rest: AsyncIterator<StreamItem>;
  /** The wire form of one event (a JSON-RPC response, or the bare StreamResponse on REST). */
  encode: (item: StreamItem) => unknown;
  /** The wire form of an error that happens after the first event. */
  encodeError: (err: unknown) => unknown;
  /** Aborted when the client disconnects or the server closes; ends the store watch. */
  controller: AbortController;
  streams: OpenStreams;
}

/**
 * Writes events as they come, each with the store's event id as the SSE `id:` so that a client
 * can resume with Last-Event-ID. `reply.sse.send` waits for the socket to drain, so a slow
 * client slows its own stream only.
 */
export async function relayStream(relay: SseRelay): Promise<void> {
  const { reply, controller } = relay;
  const sse = reply.sse;
  const untrack = relay.streams.add(() => controller.abort());
  sse.onClose(() => controller.abort());
  reply.raw.once('close', () => controller.abort());
  const uncount = countOpenStream(relay.method);
  try {
    await sse.send(message(relay.first, relay.encode));
    for (;;) {
      if (controller.signal.aborted) break;
      const next = await relay.rest.next();
      if (next.done || controller.signal.aborted) break;
      await sse.send(message(next.value, relay.encode));
    }
  } catch (err) {
    if (!controller.signal.aborted && sse.isConnected) {
      await sse.send({ data: relay.encodeError(err) }).catch(() => undefined);
    }
  } finally {
    untrack();
    uncount();
    controller.abort();
    await relay.rest.return?.(undefined).catch(() => undefined);
    // The route handlers return `reply`, whose `then` waits for the response to end, so the
    // plugin's own close-after-handler never runs: the stream must be ended here.
    sse.close();
  }
}

/** Adds the stream to the `a2a.server.sse.active` gauge; returns its removal. Never throws. */
function countOpenStream(method: string | undefined): () => void {
  const attrs = method ? { method } : {};
  try {
    platformMetrics().sseActive.add(1, attrs);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      platformMetrics().sseActive.add(-1, attrs);
    } catch {
      // Best effort, like the increment.
    }
  };
}

function message(item: StreamItem, encode: (item: StreamItem) => unknown): { id?: string; data: unknown } {
  return item.id ? { id: item.id, data: encode(item) } : { data: encode(item) };
}
