import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient } from '../../../../shared/contract';
import type { AgentEntry } from '../../../../shared/contract/agents';
import { setApi } from '../../api/client';
import { useAgentsStore } from './actions';
import { filterAgents, mergeTargets, nameProblem } from './selectors';

const agent = (id: number, name: string, aliases: string[] = [name]): AgentEntry => ({ id, name, email: null, aliases, contacts: id, lastSeen: null, state: 'offline' });
const LIST = [agent(1, 'Sathish', ['SIP/1001', 'Sathish']), agent(2, 'karthik'), agent(3, 'Karthik')];

function fakeApi(handler: (method: string, input: unknown) => Promise<unknown>) {
  const call = vi.fn(handler);
  setApi({ call: call as unknown as ApiClient['call'], on: () => () => undefined, onConnection: () => () => undefined });
  return call;
}

beforeEach(() => useAgentsStore.getState().reset());
afterEach(() => setApi(null));

describe('agent directory selectors', () => {
  it('checks a new name as the server does', () => {
    expect(nameProblem(LIST, 1, '   ')).toBe('empty');
    expect(nameProblem(LIST, 1, 'x'.repeat(81))).toBe('tooLong');
    expect(nameProblem(LIST, 1, ' Karthik ')).toBe('taken');
    expect(nameProblem(LIST, 3, 'Karthik')).toBeNull();
    expect(nameProblem(LIST, 1, 'Sathish Kumar')).toBeNull();
  });

  it('offers every other agent as a merge target, and filters by name or spelling', () => {
    expect(mergeTargets(LIST, 2).map((a) => a.id)).toEqual([3, 1]);
    expect(filterAgents(LIST, 'sip/10').map((a) => a.id)).toEqual([1]);
    expect(filterAgents(LIST, 'KARTH').map((a) => a.id)).toEqual([2, 3]);
    expect(filterAgents(LIST, ' ')).toHaveLength(3);
  });
});

describe('agent directory store', () => {
  it('renames in place and merges away the merged row', async () => {
    const call = fakeApi(async (method, input) => {
      if (method === 'agents.directory') return LIST;
      if (method === 'agents.rename') return { ...LIST[0]!, name: (input as { name: string }).name };
      if (method === 'agents.merge') return { agent: { ...LIST[2]!, aliases: ['Karthik', 'karthik'], contacts: 5 }, moved: { contacts: 2, attempts: 0, agentEvents: 0, aliases: 1 } };
      throw new Error(method);
    });
    await useAgentsStore.getState().load();
    expect(await useAgentsStore.getState().rename(1, 'Sathish Kumar')).toEqual({ ok: true });
    expect(await useAgentsStore.getState().merge(2, 3)).toEqual({ ok: true });
    expect(call).toHaveBeenCalledWith('agents.merge', { from: 2, into: 3 });
    expect(useAgentsStore.getState().agents.map((a) => [a.id, a.name, a.contacts])).toEqual([
      [1, 'Sathish Kumar', 1],
      [3, 'Karthik', 5],
    ]);
    expect(useAgentsStore.getState().busyId).toBeNull();
  });

  it('returns a refusal with its code and leaves the list as it was', async () => {
    fakeApi(async (method) => {
      if (method === 'agents.directory') return LIST;
      throw new ApiError('conflict', 'The agent to merge into (Karthik, id 3) was already merged into agent 1.');
    });
    await useAgentsStore.getState().load();
    expect(await useAgentsStore.getState().merge(2, 3)).toEqual({ ok: false, code: 'conflict', message: expect.stringContaining('already merged') });
    expect(useAgentsStore.getState().agents).toEqual(LIST);
  });
});
