import {
  SettingsPatch,
  defaultSettings,
  type AgentLive,
  type Envelope,
  type LiveSnapshot,
  type Settings,
  type SimulatorStatus,
  type TileFigures,
  type Transport,
  type WaitingContact,
} from '../../../shared/contract';
import { CHANNELS, type Channel } from '../../../shared/domain/channels';

/**
 * A self-contained pretend contact centre for working on screens without a running host
 * (`?fake=1`) and for store tests. It is loaded only on demand, so it never ships in the path of
 * a real console.
 */
const QUEUES: Record<Channel, string[]> = {
  voice: ['Support', 'Sales', 'Billing'],
  chat: ['Web chat', 'App chat'],
  email: ['Inbox', 'Complaints'],
  social: ['Mentions', 'Direct messages'],
  sms: ['Text line'],
};
/** Mean arrivals per second and the mean handling time (s), per channel. */
const ARRIVALS: Record<Channel, number> = { voice: 0.35, chat: 0.2, email: 0.08, social: 0.05, sms: 0.05 };
const HANDLE_SEC: Record<Channel, number> = { voice: 40, chat: 60, email: 90, social: 50, sms: 30 };
const NAMES = ['Mari Tamm', 'Sara Ahmadi', 'Li Wei', 'John Doe', 'Kadri Kask', 'Reza Karimi', 'Zhang Min', 'Anna Smith', 'Jaan Sepp', 'Neda Rahimi', 'Wang Fang', 'Tom Brown', 'Liis Mägi', 'Omid Farahani', 'Chen Jing', 'Emma Jones'];
const REASONS = ['Lunch', 'Training', 'Break', 'Meeting'];
const SEGMENTS = [null, null, null, 'VIP', 'Business', 'Consumer'];

interface Waiting {
  id: number;
  channel: Channel;
  queue: string;
  caller: string;
  segment: string | null;
  repeat: boolean;
  enteredAt: number;
}

interface FakeAgent {
  live: AgentLive;
  busyUntil: number;
}

interface Counters {
  offered: number;
  answered: number;
  abandoned: number;
  inTarget: number;
}

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeOptions {
  seed?: number;
  now?: () => number;
  /** Tick period; 0 disables the timer (tests call `tick`). */
  intervalMs?: number;
}

export interface FakeTransport extends Transport {
  tick(): void;
  setRunning(running: boolean): void;
  snapshot(): LiveSnapshot;
}

export function createFakeTransport(options: FakeOptions = {}): FakeTransport {
  const random = rng(options.seed ?? 7);
  const now = options.now ?? (() => Date.now());
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let settings: Settings = defaultSettings();
  let running = true;
  let nextId = 1;
  let generated = 0;
  let lastEventAt: number | null = null;
  const waiting: Waiting[] = [];
  const counters = new Map<string, Counters>();
  const depth = new Map<string, number[]>();
  const start = now();

  const agents: FakeAgent[] = NAMES.map((name, index) => ({
    live: {
      id: index + 1,
      name,
      state: index % 7 === 6 ? 'paused' : 'available',
      since: start - Math.floor(random() * 900_000),
      reason: index % 7 === 6 ? REASONS[index % REASONS.length]! : null,
      handledToday: Math.floor(random() * 40),
      rnaToday: Math.floor(random() * 3),
      channels: index < 8 ? ['voice', 'chat'] : index < 12 ? ['email', 'social'] : ['sms', 'chat', 'email'],
    },
    busyUntil: 0,
  }));

  const key = (channel: Channel, queue: string) => `${channel}/${queue}`;
  const counter = (k: string) => {
    let c = counters.get(k);
    if (!c) {
      c = { offered: 0, answered: 0, abandoned: 0, inTarget: 0 };
      counters.set(k, c);
    }
    return c;
  };
  for (const channel of CHANNELS) {
    for (const queue of QUEUES[channel]) {
      const base = ARRIVALS[channel] * 20;
      depth.set(key(channel, queue), Array.from({ length: 60 }, (_, i) => Math.max(0, Math.round(base * (0.6 + Math.sin(i / 9) * 0.4 + random() * 0.5)))));
      const c = counter(key(channel, queue));
      c.offered = Math.floor(ARRIVALS[channel] * 3600 * 3 * (0.8 + random() * 0.4));
      c.abandoned = Math.floor(c.offered * 0.06 * random());
      c.answered = c.offered - c.abandoned - Math.floor(random() * 3);
      c.inTarget = Math.floor(c.answered * (0.7 + random() * 0.25));
    }
  }

  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  const step = () => {
    const t = now();
    if (!running) return;
    for (const channel of CHANNELS) {
      // Waves over the day make queues build up and drain rather than sit still.
      const rate = ARRIVALS[channel] * (0.8 + 0.9 * Math.max(0, Math.sin((t - start) / 40_000 + CHANNELS.indexOf(channel))));
      if (random() < rate) {
        const queues = QUEUES[channel];
        const queue = queues[Math.floor(random() * queues.length)]!;
        waiting.push({
          id: nextId++,
          channel,
          queue,
          caller: `+372 5${Math.floor(random() * 9_000_000 + 1_000_000)}`,
          segment: SEGMENTS[Math.floor(random() * SEGMENTS.length)] ?? null,
          repeat: random() < 0.15,
          enteredAt: t - Math.floor(random() * 2000),
        });
        counter(key(channel, queue)).offered += 1;
        generated += 1;
        lastEventAt = t;
      }
    }
    for (const agent of agents) {
      const a = agent.live;
      if (a.state === 'busy' && t >= agent.busyUntil) {
        Object.assign(a, { state: 'wrapup', since: t });
        agent.busyUntil = t + 8000;
        lastEventAt = t;
      } else if (a.state === 'wrapup' && t >= agent.busyUntil) {
        Object.assign(a, { state: 'available', since: t });
        lastEventAt = t;
      } else if (a.state === 'paused' && random() < 0.004) {
        Object.assign(a, { state: 'available', since: t, reason: null });
      } else if (a.state === 'available' && random() < 0.002) {
        Object.assign(a, { state: 'paused', since: t, reason: REASONS[Math.floor(random() * REASONS.length)]! });
      }
      if (a.state !== 'available' || random() < 0.5) continue;
      const index = waiting.findIndex((w) => a.channels.includes(w.channel) && t - w.enteredAt > 3000);
      if (index < 0) continue;
      const [contact] = waiting.splice(index, 1);
      if (!contact) continue;
      const c = counter(key(contact.channel, contact.queue));
      c.answered += 1;
      if (t - contact.enteredAt <= settings.targetSec[contact.channel] * 1000) c.inTarget += 1;
      a.handledToday += 1;
      Object.assign(a, { state: 'busy', since: t });
      agent.busyUntil = t + HANDLE_SEC[contact.channel] * 1000 * (0.5 + random());
      lastEventAt = t;
    }
    for (let i = waiting.length - 1; i >= 0; i -= 1) {
      const w = waiting[i]!;
      if (w.channel === 'voice' && t - w.enteredAt > 30_000 && random() < 0.01) {
        waiting.splice(i, 1);
        counter(key(w.channel, w.queue)).abandoned += 1;
        lastEventAt = t;
      }
    }
  };

  const figures = (channel: Channel, queues: string[], t: number): TileFigures => {
    const inScope = waiting.filter((w) => w.channel === channel && queues.includes(w.queue));
    const longest = inScope.reduce((max, w) => Math.max(max, t - w.enteredAt), 0);
    const targetSec = settings.targetSec[channel];
    const sum = { offered: 0, answered: 0, abandoned: 0, inTarget: 0 };
    const spark = Array.from({ length: 60 }, () => 0);
    for (const queue of queues) {
      const c = counter(key(channel, queue));
      sum.offered += c.offered;
      sum.answered += c.answered;
      sum.abandoned += c.abandoned;
      sum.inTarget += c.inTarget;
      (depth.get(key(channel, queue)) ?? []).forEach((v, i) => (spark[i] = (spark[i] ?? 0) + v));
    }
    spark[59] = inScope.length;
    const staffed = agents.filter((a) => a.live.channels.includes(channel)).map((a) => a.live.state);
    const counted = sum.answered + sum.abandoned;
    return {
      waiting: inScope.length,
      longestWaitMs: longest,
      longestTargetShare: longest / 1000 / targetSec,
      agents: {
        available: staffed.filter((s) => s === 'available').length,
        busy: staffed.filter((s) => s === 'busy' || s === 'ringing').length,
        paused: staffed.filter((s) => s === 'paused').length,
        wrapup: staffed.filter((s) => s === 'wrapup').length,
      },
      offeredToday: sum.offered,
      answeredToday: sum.answered,
      abandonedToday: sum.abandoned,
      serviceLevel: counted > 0 ? sum.inTarget / counted : null,
      targetSec,
      depth60: spark,
    };
  };

  const snapshot = (): LiveSnapshot => {
    const t = now();
    const list: WaitingContact[] = waiting.map((w) => {
      const factor = (w.segment ? (settings.segmentWeights[w.segment] ?? 1) : 1) * (w.repeat ? settings.repeatBoost : 1);
      const targetSec = settings.targetSec[w.channel];
      return {
        id: w.id,
        channel: w.channel,
        queue: w.queue,
        caller: w.caller,
        customerName: w.segment === 'VIP' ? 'Priority customer' : null,
        segment: w.segment,
        repeat: w.repeat,
        enteredAt: w.enteredAt,
        targetSec,
        urgency: ((t - w.enteredAt) / 1000 / targetSec) * factor,
        factor,
      };
    });
    return {
      at: t,
      timezone: settings.timezone,
      today: new Date(t).toISOString().slice(0, 10),
      lastEventAt,
      channels: CHANNELS.map((channel) => ({ ...figures(channel, QUEUES[channel], t), channel })),
      queues: CHANNELS.flatMap((channel) => QUEUES[channel].map((queue) => ({ ...figures(channel, [queue], t), channel, queue }))),
      waiting: list.sort((a, b) => b.urgency - a.urgency).slice(0, 200),
      waitingTotal: list.length,
      agents: agents.map((a) => ({ ...a.live, channels: [...a.live.channels] })),
    };
  };

  const status = (): SimulatorStatus => ({ available: true, running, seed: options.seed ?? 7, generated });

  const tick = () => {
    step();
    emit('live.snapshot', snapshot());
  };

  const interval = options.intervalMs ?? 1000;
  if (interval > 0) setInterval(tick, interval);

  const ok = <T>(result: T): Envelope<unknown> => ({ ok: true, result });

  return {
    tick,
    snapshot,
    setRunning(value) {
      running = value;
    },
    async invoke(method, input) {
      switch (method) {
        case 'app.info':
          return ok({ name: 'Floorwatch', version: 'fake', timezone: settings.timezone, dbPath: ':memory:', access: 'write', host: 'headless' });
        case 'settings.get':
          return ok(settings);
        case 'settings.update': {
          const parsed = SettingsPatch.strict().safeParse(input);
          if (!parsed.success) {
            return {
              ok: false,
              error: {
                code: 'bad-input',
                message: 'Some settings are not valid',
                issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
              },
            };
          }
          settings = { ...settings, ...parsed.data };
          emit('settings.changed', settings);
          return ok(settings);
        }
        case 'live.snapshot':
          return ok(snapshot());
        case 'simulator.status':
          return ok(status());
        case 'simulator.setRunning': {
          running = Boolean((input as { running?: unknown } | null)?.running);
          emit('simulator.status', status());
          return ok(status());
        }
        default:
          return { ok: false, error: { code: 'unknown-method', message: `Unknown method ${method}` } };
      }
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnection(listener) {
      listener(true);
      return () => undefined;
    },
  };
}
