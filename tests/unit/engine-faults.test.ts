/**
 * Every call a sweep makes to its ports (store, by aggregate, and mail transport), failed in turn, in
 * each way a call can fail: it throws, it is throttled, it times out, or it succeeds and its reply is
 * lost. After the failed run, the run is retried (as Lambda and the scheduler retry it), and the next
 * working day runs; each office must then have had its reminder exactly once, on a working day.
 */
import { describe, expect, it } from 'vitest';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import type { MailRecord } from '../../functions/core/engine/records.js';
import { compileTasks } from '../support/calendars.js';
import { type EngineWorld, engineWorld } from '../support/engine-world.js';
import { FAULT_KINDS, type FaultKind } from '../support/faults.js';
import { unsentEverywhere } from '../support/unsent.js';

type Tasks = NonNullable<CalendarInput['tasks']>;
const CAL = 'test-bureau';
const TASKS: Tasks = [
  { id: 'report', title: '报送法治宣传材料', schedule: { kind: 'deadline', due: '03-14' }, owners: 'all', reminders: [7], source: '请于3月14日前报送。' },
  { id: 'lecture', title: '法治讲座', schedule: { kind: 'deadline', due: '03-14' }, owners: ['science'], reminders: [7], source: '举办法治讲座。' },
];
const OFFICES = ['policy', 'office', 'science'];

async function world(): Promise<EngineWorld> {
  const w = engineWorld({ pageSize: 2 });
  await w.materialise(compileTasks(TASKS, 2025), '2025-01-01');
  return w;
}

/** How many port calls a calm sweep of 2025-03-07 makes. */
async function callsOfOneSweep(): Promise<number> {
  const w = await world();
  const before = w.faults.calls;
  await w.sweep('2025-03-07');
  return w.faults.calls - before;
}

async function check(w: EngineWorld, label: string): Promise<void> {
  const mails = new Map<string, MailRecord>();
  for (const sent of w.inbox.sent) mails.set(sent.id!, (await w.truth.outbox.get(sent.id!))!);
  for (const office of OFFICES) {
    const items = TASKS.filter((t) => t.owners === 'all' || (t.owners as string[]).includes(office)).map((t) => `${CAL}/${t.id}/${office}/2025`);
    for (const item of items) {
      const including = [...mails.values()].filter((m) => m.occurrenceIds.includes(item));
      expect(
        including.map((m) => m.id),
        `${label}: ${item} reported in ${including.length} mails`,
      ).toHaveLength(1);
      const copies = w.inbox.sent.filter((s) => s.id === including[0]!.id).length;
      const lost = w.faults.lostMailReplies.filter((m) => m.id === including[0]!.id).length;
      expect(copies - 1, `${label}: ${item} arrived ${copies} times with ${lost} lost transport replies`).toBeLessThanOrEqual(lost);
      expect(['2025-03-07', '2025-03-10'], `${label}: mail day`).toContain(including[0]!.day);
      const record = (await w.truth.occurrences.get(item))!;
      expect(record.remindedThrough >= '2025-03-07', `${label}: ${item} reminded through ${record.remindedThrough}`).toBe(true);
      expect(record.nextActionAt, `${label}: ${item} next action (going overdue)`).toBe('2025-03-15');
    }
  }
  expect(await unsentEverywhere(w.truth), `${label}: mails left unsent`).toEqual([]);
  for (const sent of w.inbox.sent) expect(['2025-03-07', '2025-03-10'], `${label}: sent on ${sent.sentAt}`).toContain(sent.sentAt.slice(0, 10));
}

describe('a sweep with its k-th port call failing, for every k', () => {
  it('counts the calls of a calm sweep (the range the faults walk)', async () => {
    expect(await callsOfOneSweep()).toBeGreaterThan(10);
  });

  for (const kind of FAULT_KINDS) {
    it(`${kind}: the retried run and the next working day deliver each reminder exactly once`, async () => {
      const calls = await callsOfOneSweep();
      for (let k = 1; k <= calls; k += 1) {
        const w = await world();
        w.faults.failAt(k, kind);
        await w.sweep('2025-03-07');
        await w.sweep('2025-03-07'); // the retry
        await w.sweep('2025-03-10'); // Monday
        await check(w, `${kind} at call ${k}`);
      }
    });

    it(`${kind}: two sweeps running at once, one failing at its k-th call`, async () => {
      const calls = await callsOfOneSweep();
      for (let k = 1; k <= 2 * calls; k += 1) {
        const w = await world();
        w.faults.failAt(k, kind as FaultKind);
        await Promise.all([w.sweep('2025-03-07'), w.sweep('2025-03-07')]);
        await w.sweep('2025-03-10');
        await check(w, `${kind} at call ${k} of two concurrent sweeps`);
      }
    });
  }

  it('a day skipped is caught up once: the reminder goes out the next working day, in one mail per office', async () => {
    const w = await world();
    await w.sweep('2025-03-10');
    await check(w, 'skipped 03-07');
    expect(w.inbox.sent.map((s) => s.sentAt.slice(0, 10))).toEqual(['2025-03-10', '2025-03-10', '2025-03-10']);
  });
});
