import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AmiMessage, formatAmi } from './message';
import { createAmiParser } from './parser';
import { readAmiTranscript } from './transcript';

/** Test support: the public captures, a scripted AMI server on 127.0.0.1, hand-driven timers. */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const publicData = (...parts: string[]): string => path.resolve(repoRoot, '../shared/data/public', ...parts);

export function readCapture(...parts: string[]): string {
  return fs.readFileSync(publicData(...parts), 'utf8');
}

/** Server messages of a capture (client actions left out), as a server would send them. */
export function captureServerMessages(...parts: string[]): AmiMessage[] {
  return readAmiTranscript(readCapture(...parts)).server;
}

/** Builds messages from `Key: Value` text blocks separated by blank lines. */
export function ami(text: string): AmiMessage[] {
  return readAmiTranscript(text.replace(/^[ \t]+/gm, ''), { dedupe: false }).messages;
}

/** Wire form of a captured message, repeated headers kept apart. */
export function wire(m: AmiMessage): string {
  return formatAmi(m.headers);
}

export interface ScriptedSession {
  greeting?: string;
  /** Answer Login with `Response: Error` and this message. */
  refuseLogin?: string;
  /** Answer to QueueStatus (Response, list, QueueStatusComplete), ActionID restamped. Default: an empty list. */
  queueStatus?: readonly AmiMessage[];
  /** Messages streamed once the QueueStatus answer is sent, then `Event: ReplayDone`. */
  events?: readonly AmiMessage[];
  /** Bytes per write, each awaited, so messages cross TCP segments. */
  chunkSize?: number;
  /** Close the connection once everything is sent. */
  dropAfter?: boolean;
  /** Leave Pings unanswered (a peer that went silent). */
  ignorePing?: boolean;
}

export interface AmiTestServer {
  port: number;
  /** Actions received, one list per accepted connection. */
  received: AmiMessage[][];
  /** Resolves once `n` connections have been accepted. */
  connection(n: number): Promise<void>;
  /** Resolves once connection `index` (0-based) has been closed. */
  closed(index: number): Promise<void>;
  /** Resolves with the first action named `name` received on connection `index`. */
  action(index: number, name: string): Promise<AmiMessage>;
  close(): Promise<void>;
}

export const REPLAY_DONE = 'ReplayDone';

export function emptyQueueStatus(): AmiMessage[] {
  return ami(`Response: Success
    EventList: start
    Message: Queue status will follow

    Event: QueueStatusComplete
    EventList: Complete
    ListItems: 0
  `);
}

export async function startAmiTestServer(script: (index: number) => ScriptedSession): Promise<AmiTestServer> {
  const received: AmiMessage[][] = [];
  const sockets = new Set<net.Socket>();
  const connectionWaiters: Array<{ n: number; resolve: () => void }> = [];
  const closedFlags: boolean[] = [];
  const closeWaiters = new Map<number, Array<() => void>>();
  const actionWaiters: Array<{ index: number; name: string; resolve: (m: AmiMessage) => void }> = [];
  const findAction = (index: number, name: string) => received[index]?.find((m) => m.action?.toLowerCase() === name.toLowerCase());

  const server = net.createServer((socket) => {
    const index = received.length;
    const session = script(index);
    const actions: AmiMessage[] = [];
    received.push(actions);
    sockets.add(socket);
    socket.setNoDelay(true);
    let chain = Promise.resolve();
    const send = (text: string) => {
      chain = chain.then(() => writeChunks(socket, text, session.chunkSize));
      return chain;
    };
    socket.on('close', () => {
      sockets.delete(socket);
      closedFlags[index] = true;
      for (const w of closeWaiters.get(index) ?? []) w();
    });
    socket.on('error', () => undefined);
    const parser = createAmiParser();
    socket.on('data', (chunk) => {
      for (const f of parser.push(chunk)) {
        if (f.kind !== 'message') continue;
        const m = f.message;
        actions.push(m);
        for (const w of actionWaiters.filter((x) => x.index === index && findAction(index, x.name))) {
          actionWaiters.splice(actionWaiters.indexOf(w), 1);
          w.resolve(findAction(index, w.name)!);
        }
        const id = m.actionId ?? '';
        switch (m.action?.toLowerCase()) {
          case 'login':
            void send(
              session.refuseLogin !== undefined
                ? formatAmi([['Response', 'Error'], ['ActionID', id], ['Message', session.refuseLogin]])
                : formatAmi([['Response', 'Success'], ['ActionID', id], ['Message', 'Authentication accepted']]),
            );
            break;
          case 'queuestatus': {
            const answer = (session.queueStatus ?? emptyQueueStatus()).map((x) => wire(x.with('ActionID', id))).join('');
            const stream = (session.events ?? []).map(wire).join('');
            void send(answer + stream + formatAmi([['Event', REPLAY_DONE]])).then(() => {
              if (session.dropAfter) socket.destroy();
            });
            break;
          }
          case 'ping':
            if (!session.ignorePing) void send(formatAmi([['Response', 'Success'], ['ActionID', id], ['Ping', 'Pong'], ['Timestamp', '1514295900.000000']]));
            break;
          case 'logoff':
            void send(formatAmi([['Response', 'Goodbye'], ['ActionID', id], ['Message', 'Thanks for all the fish.']])).then(() => socket.end());
            break;
        }
      }
    });
    void send(`${session.greeting ?? 'Asterisk Call Manager/2.10.3'}\r\n`);
    for (const w of connectionWaiters.filter((x) => x.n <= received.length)) w.resolve();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    received,
    connection: (n) =>
      received.length >= n ? Promise.resolve() : new Promise((resolve) => connectionWaiters.push({ n, resolve })),
    closed: (index) =>
      closedFlags[index]
        ? Promise.resolve()
        : new Promise((resolve) => closeWaiters.set(index, [...(closeWaiters.get(index) ?? []), resolve])),
    action: (index, name) => {
      const found = findAction(index, name);
      return found ? Promise.resolve(found) : new Promise((resolve) => actionWaiters.push({ index, name, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function writeChunks(socket: net.Socket, text: string, chunkSize: number | undefined): Promise<void> {
  if (socket.destroyed) return;
  const bytes = Buffer.from(text, 'utf8');
  const size = chunkSize ?? bytes.length;
  for (let i = 0; i < bytes.length; i += size) {
    if (socket.destroyed) return;
    await new Promise<void>((resolve) => socket.write(bytes.subarray(i, i + size), () => resolve()));
    // Client and server share one event loop: yield to its poll phase so the client reads this
    // piece before the next is written, instead of finding them all queued in the kernel.
    if (chunkSize !== undefined) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Timers that fire only when the test moves the clock, in due order. */
export function manualTimers(clock: { now(): number; set(t: number): void }) {
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn: () => void, ms: number): unknown {
      const id = ++seq;
      due.set(id, { at: clock.now() + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle: unknown): void {
      due.delete(handle as number);
    },
    /** Moves the clock by `ms`, firing every timer due on the way. */
    advance(ms: number): void {
      const target = clock.now() + ms;
      for (;;) {
        let best: [number, { at: number; fn: () => void }] | null = null;
        for (const entry of due) {
          if (entry[1].at <= target && (best === null || entry[1].at < best[1].at)) best = entry;
        }
        if (best === null) break;
        due.delete(best[0]);
        if (best[1].at > clock.now()) clock.set(best[1].at);
        best[1].fn();
      }
      clock.set(target);
    },
    /** Due times of the timers still set. */
    pending(): number[] {
      return [...due.values()].map((d) => d.at).sort((a, b) => a - b);
    },
  };
}

/** Records what a source reports and lets a test wait for a condition on it. */
export function recorder<T>() {
  const items: T[] = [];
  const waiters: Array<{ test: (items: readonly T[]) => boolean; resolve: () => void }> = [];
  return {
    items,
    push(...xs: T[]) {
      items.push(...xs);
      for (const w of [...waiters]) {
        if (w.test(items)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    until(test: (items: readonly T[]) => boolean): Promise<void> {
      if (test(items)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}
