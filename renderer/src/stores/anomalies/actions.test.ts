import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type AnomalyFinding, type AnomalyOverview } from '../../../../shared/contract';
import { setApi } from '../../api/client';
import { useAnomaliesStore } from './actions';

const finding = (id: number | null): AnomalyFinding => ({
  id,
  key: 'avoidance|7|VIP',
  kind: 'avoidance',
  segment: 'VIP',
  agent: 'Kadri',
  agentId: 7,
  queue: null,
  channel: null,
  from: '2026-01-01T00:00:00+02:00',
  to: '2026-01-29T00:00:00+02:00',
  fromAt: 0,
  toAt: 1,
  hours: null,
  observed: 10,
  expected: 1,
  total: 30,
  pValue: 0.001,
  qValue: 0.001,
  explanation: '',
  detail: { scope: 'agent-segment', weekday: null, date: null, baseRate: 0.03, peerRate: 0.03, dispersion: 1 },
  status: 'new',
  statusReason: null,
  detectedAt: 0,
  found: true,
});
const overview = (flags: AnomalyFinding[]): AnomalyOverview => ({
  from: '2026-01-01T00:00:00+02:00',
  to: '2026-01-29T00:00:00+02:00',
  timezone: 'Europe/Tallinn',
  segments: ['VIP'],
  heatmap: [],
  rna: [],
  flags,
  scannedAt: 0,
  tested: { unanswered: 0, avoidance: 1 },
});

let calls: { method: string; input: unknown }[];
let scanFinds: AnomalyFinding[];

beforeEach(() => {
  calls = [];
  scanFinds = [finding(41)];
  const results: Record<string, (input: unknown) => unknown> = {
    'anomalies.overview': () => overview([finding(null)]),
    'anomalies.scan': () => overview(scanFinds),
    'anomalies.contacts': () => [],
    'anomalies.setStatus': (input) => ({ ...finding((input as { id: number }).id), status: (input as { status: string }).status }),
  };
  setApi(
    createClient({
      invoke: async (method, input) => {
        calls.push({ method, input });
        return { ok: true, result: results[method]!(input) };
      },
      on: () => () => undefined,
    }),
  );
  useAnomaliesStore.getState().reset();
});

afterEach(() => setApi(null));

describe('anomalies store', () => {
  it('shows a flag a read found without writing, and records it only when it is acted on', async () => {
    const store = useAnomaliesStore.getState();
    await store.load();
    await store.select('avoidance|7|VIP');
    expect(calls.map((c) => c.method)).toEqual(['anomalies.overview', 'anomalies.contacts']);
    expect(calls[1]!.input).toEqual({ key: 'avoidance|7|VIP', limit: 200 });

    const flag = useAnomaliesStore.getState().overview!.flags[0]!;
    expect(await store.setStatus(flag, 'acknowledged')).toBe(true);
    expect(calls.slice(2).map((c) => c.method)).toEqual(['anomalies.scan', 'anomalies.setStatus']);
    expect(calls[3]!.input).toMatchObject({ id: 41, status: 'acknowledged' });
    expect(useAnomaliesStore.getState().overview!.flags[0]).toMatchObject({ id: 41, status: 'acknowledged' });
  });

  it('says so when a scan no longer finds the flag', async () => {
    scanFinds = [];
    await useAnomaliesStore.getState().load();
    const flag = useAnomaliesStore.getState().overview!.flags[0]!;
    expect(await useAnomaliesStore.getState().setStatus(flag, 'acknowledged')).toBe(false);
    expect(useAnomaliesStore.getState().gone).toBe(true);
    expect(calls.map((c) => c.method)).not.toContain('anomalies.setStatus');
  });
});
