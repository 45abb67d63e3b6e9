import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../shared/contract';
import type { ReviewFilters } from '../../../../shared/contract/review';
import { setApi } from '../../api/client';
import { useReviewStore } from './actions';

const WEEK: ReviewFilters = { from: '2026-11-16', to: '2026-11-22' };

/**
 * A fake API whose review.kpis answers (named by their grouping) and review.contacts answers
 * (named by their order) wait until the test releases them, in any order.
 */
function heldKpis() {
  const held: { by: string; release: () => void }[] = [];
  const hold = (by: string) => new Promise<void>((release) => held.push({ by, release }));
  const call = async (method: string, input: unknown): Promise<unknown> => {
    if (method === 'review.kpis') {
      const by = (input as { by: string[] }).by[0]!;
      await hold(by);
      return { table: `by ${by}` };
    }
    if (method === 'review.contacts') {
      const sort = (input as { sort: string }).sort;
      await hold(sort);
      return { rows: [{ id: sort }], next: null };
    }
    return {};
  };
  setApi({ call: call as unknown as ApiClient['call'], on: () => () => undefined, onConnection: () => () => undefined });
  const release = async (by: string) => {
    const i = held.findIndex((h) => h.by === by);
    if (i < 0) throw new Error(`no answer held for ${by}`);
    held.splice(i, 1)[0]!.release();
    // Let the awaiting actions finish.
    for (let n = 0; n < 10; n++) await Promise.resolve();
  };
  return { release, pending: () => held.map((h) => h.by) };
}

const shown = () => useReviewStore.getState().table as unknown as { table: string } | null;

beforeEach(() => useReviewStore.getState().reset());
afterEach(() => setApi(null));

describe('the KPI table and the contacts follow the grouping and order last chosen', () => {
  it('a load still under way when the grouping changes does not put back the old grouping’s table', async () => {
    const api = heldKpis();
    const loading = useReviewStore.getState().load(WEEK);
    await api.release('enter-desc');
    const grouping = useReviewStore.getState().setBy('agent', WEEK);
    expect(api.pending()).toEqual(['day', 'agent']);
    await api.release('agent');
    await grouping;
    expect(shown()?.table).toBe('by agent');
    await api.release('day');
    await loading;
    expect(useReviewStore.getState().by).toBe('agent');
    expect(shown()?.table).toBe('by agent');
  });

  it('of two groupings chosen one after the other, the later one’s table stays, whichever answer comes last', async () => {
    const api = heldKpis();
    await Promise.all([useReviewStore.getState().load(WEEK), api.release('day'), api.release('enter-desc')]);
    const first = useReviewStore.getState().setBy('agent', WEEK);
    const second = useReviewStore.getState().setBy('queue', WEEK);
    await api.release('queue');
    await api.release('agent');
    await Promise.all([first, second]);
    expect(shown()?.table).toBe('by queue');
  });

  it('the contacts follow the order last chosen: a load still under way does not put back the old order’s page', async () => {
    const api = heldKpis();
    const loading = useReviewStore.getState().load(WEEK);
    await api.release('day');
    const sorting = useReviewStore.getState().setSort('wait-desc', WEEK);
    expect(api.pending()).toEqual(['enter-desc', 'wait-desc']);
    await api.release('wait-desc');
    await sorting;
    await api.release('enter-desc');
    await loading;
    expect(useReviewStore.getState().sort).toBe('wait-desc');
    expect(useReviewStore.getState().contacts).toEqual([{ id: 'wait-desc' }]);
    expect(useReviewStore.getState().contactsLoading).toBe(false);
  });
});
