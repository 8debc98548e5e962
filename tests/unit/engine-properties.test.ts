/**
 * The engine's promises, checked over whole years in memory on generated calendars, submission,
 * rejection and plan-edit schedules, skipped and doubled sweeps, and random faults on every port:
 * - each reminder reaches its office exactly once (a mail sent though the transport's reply was lost
 *   may arrive twice: SES has no idempotency key; so may one whose "sent" mark the store refused six
 *   times in a row; those are counted apart and must be the only ones);
 * - no office gets more than one reminder mail on a working day, and none on a non-working day;
 * - an item is overdue if and only if it is past due plus grace and incomplete;
 * - the head is copied only N days after the office's own overdue notice;
 * - a submission is never lost or counted twice;
 * - the attention index holds only items with a present or future action.
 * Each run prints its seed: `FC_SEED=<seed> npx vitest run tests/unit/engine-properties.test.ts` replays it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledWorkingDays } from '../../functions/core/bundled-working-days.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { addDays, type CivilDate, civilDateAt, eachDay } from '../../functions/core/civil-date.js';
import type { Plan } from '../../functions/core/compile.js';
import { nextActionAt, statusOf } from '../../functions/core/engine/assess.js';
import { MAX_MAIL_ATTEMPTS } from '../../functions/core/engine/outbox.js';
import type { MailRecord, OccurrenceRecord } from '../../functions/core/engine/records.js';
import { seededRandom } from '../../functions/local/seeded-random.js';
import { compileTasks, TEST_OFFICES } from '../support/calendars.js';
import { type EngineWorld, engineWorld } from '../support/engine-world.js';
import { unsentEverywhere } from '../support/unsent.js';

type TaskInput = NonNullable<CalendarInput['tasks']>[number];
const workingDays = bundledWorkingDays();
const YEAR = 2025;
const SPAN_END = `${YEAR + 1}-01-20`;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

const monthDay = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const orderedMonthDays = fc.tuple(monthDay, monthDay).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]);

/** Every schedule kind; `after` follows the first task. */
const schedule = (index: number): fc.Arbitrary<TaskInput['schedule']> =>
  fc.oneof(
    monthDay.map((date) => ({ kind: 'fixed' as const, date, leadDays: 10 })),
    orderedMonthDays.map(([opens, closes]) => ({ kind: 'window' as const, opens, closes })),
    fc.tuple(orderedMonthDays, fc.constantFrom('same', 'previous' as const)).map(([[opens, due], reportingYear]) => ({ kind: 'deadline' as const, opens, due, reportingYear })),
    fc.record({ per: fc.constantFrom('year', 'half-year', 'quarter', 'month' as const), min: fc.integer({ min: 1, max: 3 }) }).map((q) => ({ kind: 'quota' as const, ...q })),
    fc.record({ per: fc.constantFrom('year', 'quarter', 'month' as const), count: fc.integer({ min: 1, max: 30 }) }).map((t) => ({ kind: 'target' as const, ...t })),
    orderedMonthDays.map(([opens, due]) => ({ kind: 'annual' as const, opens, due })),
    fc.constantFrom('FREQ=MONTHLY;BYMONTHDAY=-1', 'FREQ=MONTHLY;BYDAY=1FR', 'FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=15').map((rule) => ({ kind: 'rrule' as const, rule, leadDays: 7 })),
    ...(index > 0 ? [fc.record({ withinDays: fc.integer({ min: 1, max: 30 }), anchor: fc.constantFrom('opens', 'due' as const) }).map((a) => ({ kind: 'after' as const, task: 'task-0', ...a }))] : []),
  );

const tasks = fc
  .integer({ min: 1, max: 4 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          schedule: schedule(i),
          owners: fc.constantFrom<TaskInput['owners']>('all', ['office'], ['science', 'policy']),
          reminders: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
          graceDays: fc.integer({ min: 0, max: 5 }),
          prepareDays: fc.constantFrom(0, 3, 10),
        }),
      ),
    ),
  )
  .map((list) => list.map((t, i) => ({ ...t, id: `task-${i}`, title: `生成的任务${i}`, source: '生成。' }) as TaskInput));

const scenario = fc.record({
  tasks,
  escalateAfterDays: fc.integer({ min: 1, max: 10 }),
  /** Share of required units the offices submit, and of submissions the policy office rejects. */
  submitRate: fc.double({ min: 0, max: 1, noNaN: true }),
  rejectRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
  faultRate: fc.constantFrom(0, 0.02, 0.05, 0.1),
  /** A day of the year (0–364) on which the plan is edited: the first task's dates move, or the last task is dropped. */
  edit: fc.option(fc.record({ day: fc.integer({ min: 30, max: 330 }), kind: fc.constantFrom('move' as const, 'drop' as const) }), { nil: undefined }),
  skippedDays: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 25 }),
  doubledDays: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 25 }),
  runSeed: fc.integer({ min: 1, max: 2 ** 30 }),
});

interface Ledger {
  /** occurrence → (effective day, change in submitted count): uploads count from their day, rejections from the next. */
  counts: Map<string, { day: CivilDate; delta: number }[]>;
  /** occurrence → submission ids the offices were told were recorded. */
  uploads: Map<string, string[]>;
  /** occurrence → number of rejections and acceptances given. */
  rejected: Map<string, number>;
  accepted: Map<string, number>;
  /** Every plan version materialised (notice causes may come from any). */
  plans: Plan[];
  /** occurrence → every (overdueOn, escalatedOn, atRiskOn) it was seen with after a day's runs. */
  seen: Map<string, Set<string>>;
}

function editedPlan(original: CalendarInput['tasks'], kind: 'move' | 'drop'): CalendarInput['tasks'] {
  const list = original ?? [];
  if (kind === 'drop' && list.length > 1) return list.slice(0, -1).filter((t) => !(t.schedule.kind === 'after' && t.schedule.task === list.at(-1)!.id));
  return list.map((t, i) => (i === 0 ? { ...t, graceDays: (t.graceDays ?? 0) + 20, reminders: [...(t.reminders ?? []), 3] } : t));
}

async function runScenario(s: {
  tasks: TaskInput[];
  escalateAfterDays: number;
  submitRate: number;
  rejectRate: number;
  faultRate: number;
  edit: { day: number; kind: 'move' | 'drop' } | undefined;
  skippedDays: number[];
  doubledDays: number[];
  runSeed: number;
}) {
  const random = seededRandom(s.runSeed);
  const world = engineWorld({ escalateAfterDays: s.escalateAfterDays });
  const plan = compileTasks(s.tasks, YEAR);
  const ledger: Ledger = { counts: new Map(), uploads: new Map(), rejected: new Map(), accepted: new Map(), plans: [plan], seen: new Map() };
  await world.materialise(plan, `${YEAR}-01-01`);
  world.faults.failRandomly(s.faultRate, random);

  // Who uploads what, when: each required unit with probability submitRate, on a day in its window or up to 3 weeks late.
  const uploads = new Map<CivilDate, OccurrenceRecord[]>();
  for (const o of await world.occurrences(plan.calendar, YEAR)) {
    for (let unit = 0; unit < o.required; unit += 1) {
      if (random() >= s.submitRate) continue;
      const span = Math.max(0, Math.round((Date.parse(o.due) - Date.parse(o.opens)) / 86_400_000));
      const day = random() < 0.2 ? addDays(o.due, 1 + Math.floor(random() * 21)) : addDays(o.opens, Math.floor(random() * (span + 1)));
      if (day >= `${YEAR}-01-01` && day <= SPAN_END) uploads.set(day, [...(uploads.get(day) ?? []), o]);
    }
  }
  const days = [...eachDay(`${YEAR}-01-01`, SPAN_END)];
  const lastFaultyDay = `${YEAR}-12-31`;
  const pendingReviews: { occurrenceId: string; submissionId: string; decision: 'accept' | 'reject' }[] = [];

  for (const [index, day] of days.entries()) {
    if (day > lastFaultyDay) world.faults.calm(); // the catch-up days are calm: whatever was pushed back goes out
    if (s.edit && index === s.edit.day) {
      const edited = compileTasks(editedPlan(s.tasks, s.edit.kind), YEAR);
      ledger.plans.push(edited);
      await materialiseCalmly(world, edited, day);
    }
    for (const o of uploads.get(day) ?? []) {
      const current = (await world.truth.occurrences.get(o.id))!;
      if (current.status === 'cancelled' || current.opens > day) continue;
      const done = await world.upload(current, day);
      if (!done) continue;
      ledger.uploads.set(o.id, [...(ledger.uploads.get(o.id) ?? []), done.submissionId]);
      ledger.counts.set(o.id, [...(ledger.counts.get(o.id) ?? []), { day, delta: 1 }]);
      pendingReviews.push({ occurrenceId: o.id, submissionId: done.submissionId, decision: random() < s.rejectRate ? 'reject' : 'accept' });
    }
    if (!s.skippedDays.includes(index) || day > lastFaultyDay) {
      if (s.doubledDays.includes(index)) await Promise.all([world.sweep(day), world.sweep(day)]);
      else await world.sweep(day);
    }
    // The policy office reviews what came in the day before, at 10:00; a rejection counts from tomorrow.
    for (const review of pendingReviews.splice(0)) {
      const reject = review.decision === 'reject';
      const before = (await world.truth.submissions.get(review.occurrenceId, review.submissionId))!.status;
      const result = await world.review(review.occurrenceId, review.submissionId, review.decision, day);
      const after = (await world.truth.submissions.get(review.occurrenceId, review.submissionId))!.status;
      if (result instanceof Error) pendingReviews.push(review); // the reviewer tries again tomorrow
      // What counts is whether the decision landed (a lost reply lands it, yet reports an error).
      if (before === after) continue;
      const tally = reject ? ledger.rejected : ledger.accepted;
      tally.set(review.occurrenceId, (tally.get(review.occurrenceId) ?? 0) + 1);
      if (reject) ledger.counts.set(review.occurrenceId, [...(ledger.counts.get(review.occurrenceId) ?? []), { day: addDays(day, 1), delta: -1 }]);
    }
    // What the engine decided today: a later plan edit may undo an overdue flag, but the notice was real.
    for (const r of await world.occurrences(plan.calendar, YEAR)) {
      ledger.seen.set(r.id, new Set([...(ledger.seen.get(r.id) ?? []), JSON.stringify([r.overdueOn, r.escalatedOn, r.atRiskOn])]));
    }
  }
  await checkInvariants(world, plan, ledger, s.escalateAfterDays, SPAN_END);
}

/** A deploy is retried until it lands (CloudFormation retries the custom resource). */
async function materialiseCalmly(world: EngineWorld, plan: Plan, day: CivilDate) {
  await world.materialise(plan, day);
}

async function checkInvariants(world: EngineWorld, plan: Plan, ledger: Ledger, escalateAfterDays: number, end: CivilDate) {
  const records = new Map((await world.occurrences(plan.calendar, YEAR)).map((r) => [r.id, r]));
  const mailIds = [...new Set(world.inbox.sent.map((m) => m.id!))];
  const mails = new Map<string, MailRecord>();
  for (const id of mailIds) mails.set(id, (await world.truth.outbox.get(id))!);
  const reminders = [...mails.values()].filter((m) => m.kind === 'reminder');

  // 1. Each mail arrives once; the only extra copies are those whose transport reply was lost.
  const lost = new Map<string, number>();
  for (const m of world.faults.lostMailReplies) lost.set(m.id!, (lost.get(m.id!) ?? 0) + 1);
  // A sent mark the store would not take after all its retries is the same unknown, on the store's side.
  for (const id of world.unconfirmed) lost.set(id, (lost.get(id) ?? 0) + 1);
  for (const id of mailIds) {
    const copies = world.inbox.sent.filter((m) => m.id === id).length;
    expect(copies - 1, `mail ${id} arrived ${copies} times, ${lost.get(id) ?? 0} lost replies`).toBeLessThanOrEqual(lost.get(id) ?? 0);
  }
  // Nothing committed is left unsent, and nothing failed but after all its attempts.
  for (const mail of await unsentEverywhere(world.truth)) expect.fail(`mail ${mail.id} is still ${mail.status} at the end`);
  for (const mail of mails.values()) if (mail.status === 'failed') expect(mail.attempts).toBeGreaterThanOrEqual(MAX_MAIL_ATTEMPTS);

  // 2. One reminder mail per office and working day; none on other days (by the mail's day and by when it went out).
  const perOfficeDay = new Map<string, Set<string>>();
  for (const m of reminders) {
    const key = `${m.office}|${m.day}`;
    perOfficeDay.set(key, new Set([...(perOfficeDay.get(key) ?? []), m.id]));
    expect(workingDays.isWorkingDay(m.day), `reminder ${m.id} on ${m.day}`).toBe(true);
  }
  for (const [key, ids] of perOfficeDay) expect(ids.size, `${key}: ${[...ids].join(', ')}`).toBe(1);
  for (const sent of world.inbox.sent) {
    const mail = mails.get(sent.id!)!;
    if (mail.kind === 'reminder') expect(workingDays.isWorkingDay(civilDateAt(new Date(sent.sentAt), 'Asia/Shanghai')), `${mail.id} sent at ${sent.sentAt}`).toBe(true);
  }

  for (const record of records.values()) {
    const id = record.id;
    const timeline = ledger.counts.get(id) ?? [];
    const submittedOn = (day: CivilDate) => timeline.filter((c) => c.day <= day).reduce((n, c) => n + c.delta, 0);
    const incompleteFrom = (day: CivilDate) => [...eachDay(day, end)].every((d) => submittedOn(d) < record.required);
    const including = reminders.filter((m) => m.occurrenceIds.includes(id)).sort((a, b) => a.day.localeCompare(b.day));
    const mailDays = including.map((m) => m.day);

    // 3a. An item is in at most one mail a day.
    expect(new Set(mailDays).size, `${id} reported twice on one day: ${mailDays.join(', ')}`).toBe(mailDays.length);
    // 3b. Every mail about it has a cause since the previous one: a reminder date, going overdue, escalation, at risk.
    const versions = ledger.plans.map((p) => p.occurrences.find((o) => o.id === id)).filter((o) => o !== undefined);
    const seen = [...(ledger.seen.get(id) ?? [])].map((x) => JSON.parse(x) as [CivilDate | null, CivilDate | null, CivilDate | null]);
    const causes = [...versions.flatMap((v) => [...v.reminders, ...(v.prepareOn ? [v.prepareOn] : []), addDays(v.overdueAfter, 1)]), ...seen.flat().filter((d): d is CivilDate => d !== null)];
    mailDays.forEach((day, k) => {
      const after = k === 0 ? '0000-00-00' : mailDays[k - 1]!;
      expect(
        causes.some((c) => c > after && c <= day),
        `${id}: mail on ${day} has no cause since ${after} (causes ${causes.join(', ')})`,
      ).toBe(true);
    });
    // 3c. Never lost: a reminder date (of every plan version) of an item that stays incomplete reaches the office on or after it.
    if (record.status !== 'cancelled') {
      // (Reminder dates before the plan was first written, 1 January, are skipped by design: no late burst.)
      for (const d of record.reminders.filter((r) => r >= `${YEAR}-01-01` && r <= end && versions.every((v) => v.reminders.includes(r)))) {
        if (incompleteFrom(d))
          expect(
            mailDays.some((day) => day >= d),
            `${id}: reminder of ${d} never sent (mails ${mailDays.join(', ')})`,
          ).toBe(true);
      }
    }

    // 4. Overdue iff past due + grace and incomplete; flagged only then, and told to the office that day.
    // A target is not a duty: never reminded, never overdue.
    if (record.kind === 'target') {
      expect(record.status === 'overdue' || record.overdueOn !== null || mailDays.length > 0, `${id}: a target was chased`).toBe(false);
    } else if (record.status !== 'cancelled') {
      expect(record.status, `${id} stored status`).toBe(statusOf(record, end));
      expect(record.status === 'overdue').toBe(end > record.overdueAfter && record.submitted < record.required);
      if (end > record.overdueAfter && incompleteFrom(addDays(record.overdueAfter, 1))) expect(record.overdueOn, `${id} never flagged overdue`).not.toBeNull();
    }
    if (record.overdueOn !== null && record.overdueOn !== `${YEAR}-01-01`) {
      // (past due + grace under the plan of the day: a later edit may have moved the deadline since)
      expect(
        versions.some((v) => record.overdueOn! > v.overdueAfter),
        `${id} flagged overdue on ${record.overdueOn}, due+grace ${versions.map((v) => v.overdueAfter).join(' / ')}`,
      ).toBe(true);
      expect(mailDays, `${id}: no overdue notice on ${record.overdueOn}`).toContain(record.overdueOn);
    }
    // 5. The head is copied N days after the office's own overdue notice, never before.
    for (const [overdueOn, escalatedOn] of seen) {
      if (escalatedOn === null || escalatedOn === `${YEAR}-01-01`) continue;
      expect(overdueOn).not.toBeNull();
      expect(escalatedOn >= addDays(overdueOn!, escalateAfterDays), `${id}: head copied ${escalatedOn}, overdue notice ${overdueOn}`).toBe(true);
    }
    if (record.escalatedOn !== null && record.escalatedOn !== `${YEAR}-01-01`) {
      const escalation = including.find((m) => m.day === record.escalatedOn)!;
      const office = TEST_OFFICES!.find((o) => o.id === record.office)!;
      expect(escalation.cc).toEqual(office.headEmail ? [office.headEmail] : []);
    }

    // 6. Submissions: none lost, none counted twice.
    const stored = await world.truth.submissions.ofOccurrence(id);
    expect(stored.map((x) => x.submissionId).sort()).toEqual([...(ledger.uploads.get(id) ?? [])].sort());
    expect(record.submitted).toBe(stored.filter((x) => x.status !== 'rejected').length);
    expect(record.accepted).toBe(stored.filter((x) => x.status === 'accepted').length);
    expect(stored.filter((x) => x.status === 'rejected').length).toBe(ledger.rejected.get(id) ?? 0);

    // 7. The attention index: what the record says it needs next, never in the past.
    expect(record.nextActionAt, `${id} next action`).toBe(nextActionAt(record, world.runtime.policy, end));
    if (record.nextActionAt !== null) expect(record.nextActionAt > end, `${id} left in the index at ${record.nextActionAt}`).toBe(true);
  }
  const indexed = await world.truth.occurrences.attention(plan.calendar);
  expect(indexed.map((r) => r.id).sort()).toEqual(
    [...records.values()]
      .filter((r) => r.nextActionAt !== null)
      .map((r) => r.id)
      .sort(),
  );
}

describe('engine properties over a year, in memory, under injected faults', () => {
  it(`keeps every promise (seed ${seed})`, async () => {
    console.log(`engine properties: seed ${seed} (replay with FC_SEED=${seed})`);
    await fc.assert(
      fc.asyncProperty(scenario, (s) => runScenario(s)),
      { numRuns: 25, seed, endOnFailure: true },
    );
  }, 300_000);
});
