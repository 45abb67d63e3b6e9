import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHANNELS } from '../../shared/domain/channels';
import { createCore, type CoreInternals } from '../../main/core/app';
import type { IngestEvent } from '../../main/core/ingest/events';
import type { SettingsStore } from '../../main/core/ports';
import { createMemorySettingsStore } from '../../main/core/settings/file-store';
import { startHost, type RunningHost } from '../../main/host/server';

/**
 * What the live-floor benchmarks share: a core on a file database, the headless host on a free
 * loopback port, Debian's Chromium showing `#/live`, and a steady stream of live events.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER = path.join(REPO, 'build', 'renderer');
const ZONE = 'Europe/Tallinn';
const AGENTS_PER_CHANNEL = 8;

/** Why a browser benchmark cannot run here, or null when it can. */
export function skipReason(): string | null {
  if (!fs.existsSync(CHROMIUM)) return `skipped: ${CHROMIUM} not found (install Debian's chromium package to run this benchmark)`;
  return null;
}

/** Builds the renderer when there is none; a stale build is measured as it is, with a note. */
function ensureRenderer(log: (m: string) => void): void {
  const index = path.join(RENDERER, 'index.html');
  if (!fs.existsSync(index)) {
    log('build/renderer is missing: building it (node scripts/build.mjs renderer)');
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs'), 'renderer'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0 || !fs.existsSync(index)) throw new Error('Building the renderer failed; run `node scripts/build.mjs renderer` to see why.');
    return;
  }
  const built = fs.statSync(index).mtimeMs;
  const newest = newestMtime(path.join(REPO, 'renderer', 'src'));
  if (newest > built) log('note: renderer sources are newer than build/renderer; run `node scripts/build.mjs renderer` to measure the current code');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export interface Floor {
  core: CoreInternals;
  settings: SettingsStore;
  host: RunningHost;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Core + host + Chromium on `#/live`, resolved once the five channel tiles are on screen. */
export async function startFloor(dir: string, log: (m: string) => void): Promise<Floor> {
  ensureRenderer(log);
  const settings = createMemorySettingsStore({ timezone: ZONE });
  const core = createCore({
    dbPath: path.join(dir, 'floor.sqlite'),
    settings,
    host: 'headless',
    version: 'bench',
    runSources: false,
    uploadsDir: path.join(dir, 'uploads'),
    log,
  });
  let host: RunningHost | null = null;
  let browser: Browser | null = null;
  try {
    host = await startHost({ core, host: '127.0.0.1', port: 0, staticDir: RENDERER, log });
    loginAgents(core);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${host.url}#/live`);
    await page.locator('[data-testid="queue-tile"][data-channel]:not([data-queue])').nth(CHANNELS.length - 1).waitFor({ timeout: 30_000 });
    const h = host;
    const b = browser;
    return {
      core,
      settings,
      host: h,
      browser: b,
      page,
      async close() {
        await b.close();
        await h.close();
        core.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await host?.close();
    core.close();
    throw error;
  }
}

const agentOf = (channel: number, n: number) => `SIP/${1000 + channel * 100 + (n % AGENTS_PER_CHANNEL)}`;

function loginAgents(core: CoreInternals): void {
  const at = Date.now();
  const events: IngestEvent[] = [];
  CHANNELS.forEach((channel, c) => {
    for (let n = 0; n < AGENTS_PER_CHANNEL; n++) {
      const agent = agentOf(c, n);
      events.push({ kind: 'agent', source: 'bench-load', at, agent, name: `Agent ${c}-${n}`, action: 'login', queue: `${channel}-a` });
      events.push({ kind: 'agent', source: 'bench-load', at, agent, action: 'add', queue: `${channel}-b` });
    }
  });
  core.ingest(events);
}

/**
 * Endless live traffic over all five channels: each contact is enqueued, answered (or abandoned)
 * `waitSec` later and ended `talkSec` after that; every tenth contact abandons, and an agent
 * pauses or resumes in its place, so every slot carries three events.
 */
function* traffic(eventsPerSec: number, waitSec = 1.5, talkSec = 3): Generator<IngestEvent> {
  const slotsPerSec = eventsPerSec / 3;
  const wait = Math.max(1, Math.round(waitSec * slotsPerSec));
  const talk = Math.max(1, Math.round(talkSec * slotsPerSec));
  const run = Date.now().toString(36);
  const id = (k: number) => `${run}-${k}`;
  const channel = (k: number) => k % CHANNELS.length;
  const paused = new Set<string>();
  for (let j = 0; ; j++) {
    const at = Date.now();
    const c = channel(j);
    yield { kind: 'enqueued', source: 'bench-load', id: id(j), at, channel: CHANNELS[c]!, queue: `${CHANNELS[c]}-${Math.floor(j / 5) % 2 ? 'b' : 'a'}`, caller: `+3725${String(j % 40_000).padStart(5, '0')}` };
    const k = j - wait;
    if (k >= 0) {
      if (k % 10 === 7) yield { kind: 'ended', source: 'bench-load', id: id(k), at, outcome: 'abandoned' };
      else yield { kind: 'answered', source: 'bench-load', id: id(k), at, agent: agentOf(channel(k), Math.floor(k / 5)), ringMs: 3000 };
    }
    const m = k - talk;
    if (m >= 0) {
      if (m % 10 === 7) {
        const agent = agentOf(channel(m), Math.floor(m / 50));
        const action = paused.delete(agent) ? 'unpause' : (paused.add(agent), 'pause');
        yield { kind: 'agent', source: 'bench-load', at, agent, action, reason: action === 'pause' ? 'Break' : null };
      } else {
        yield { kind: 'ended', source: 'bench-load', id: id(m), at, outcome: 'answered', talkMs: talkSec * 1000 };
      }
    }
  }
}

export interface Load {
  /** Events ingested so far. */
  sent(): number;
  /** Each `core.ingest` call: when it started, how long it held the thread (ms), whether it threw. */
  calls: { at: number; ms: number; failed?: string }[];
  stop(): void;
}

/**
 * Feeds `traffic` into `core.ingest` at a steady rate: every 10 ms, whatever is due. When the
 * thread was busy, the backlog goes in as one batch, as a live source's buffered lines would.
 */
export function startLoad(core: CoreInternals, eventsPerSec: number): Load {
  const source = traffic(eventsPerSec);
  const start = Date.now();
  const calls: Load['calls'] = [];
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - start) * eventsPerSec) / 1000) - sent;
    if (due <= 0) return;
    const batch: IngestEvent[] = [];
    for (let i = 0; i < due; i++) batch.push(source.next().value as IngestEvent);
    const at = Date.now();
    const t = performance.now();
    try {
      core.ingest(batch);
      calls.push({ at, ms: performance.now() - t });
    } catch (error) {
      // A live source's batch that cannot be written (e.g. SQLITE_BUSY) is lost: counted, not fatal.
      calls.push({ at, ms: performance.now() - t, failed: error instanceof Error ? error.message : String(error) });
    }
    sent += due;
  }, 10);
  return { sent: () => sent, calls, stop: () => clearInterval(timer) };
}
