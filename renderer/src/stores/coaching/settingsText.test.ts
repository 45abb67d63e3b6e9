import { describe, expect, it } from 'vitest';
import { formatLeads, formatShifts, parsePeople, parseShifts } from './settingsText';

const agents = [
  { id: 1, name: 'Mari Tamm', email: null },
  { id: 2, name: 'Wang Wei', email: null },
];

describe('coaching settings as lines', () => {
  it('reads leads with and without e-mail, and reports bad lines by number', () => {
    const r = parsePeople('Lea Kask <lea@example.ee>\n\nJaan Tamm\nbad <x@y> <z@w>');
    expect(r.people).toEqual([
      { name: 'Lea Kask', email: 'lea@example.ee' },
      { name: 'Jaan Tamm', email: null },
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([4]);
    expect(formatLeads(r.people)).toBe('Lea Kask <lea@example.ee>\nJaan Tamm');
  });

  it('reads shifts per agent or for everyone, with day ranges that may wrap the week', () => {
    const r = parseShifts('Mari Tamm; Mon-Fri; 09:00-17:00\n*; Sat,Sun; 10:00-16:00\nwang wei; Fri-Mon; 22:00-06:00\nNobody; Mon; 09:00-10:00\nMari Tamm; Mon; 9-17', agents);
    expect(r.shifts).toEqual([
      { agentId: 1, days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' },
      { agentId: null, days: [0, 6], from: '10:00', to: '16:00' },
      { agentId: 2, days: [0, 1, 5, 6], from: '22:00', to: '06:00' },
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(formatShifts(r.shifts.slice(0, 2), agents)).toBe('Mari Tamm; Mon,Tue,Wed,Thu,Fri; 09:00-17:00\n*; Sun,Sat; 10:00-16:00');
  });
});
