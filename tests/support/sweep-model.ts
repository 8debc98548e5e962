/**
 * A bureau of 20 offices with a year of typical law-popularisation work (a monthly article, collective
 * study, Constitution Week, quarterly reports, the year-end evidence deadline), swept every day of its
 * year in memory with every port call counted. The busiest day's counts are one calendar's work on a
 * national day: every query and write of a sweep is within its calendar's partitions, so a province or
 * the nation is this work times its calendars (tests/bench/run.ts checks it at 1× and 10× the data).
 *
 * Time is modelled, never measured: each call is charged a pessimistic latency and calls are assumed
 * one after another (the sweep overlaps up to 8), so the figure is an upper bound.
 */
import { createMemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import type { CalendarInput } from '../../functions/core/calendar-schema.js';
import { type CivilDate, eachDay } from '../../functions/core/civil-date.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { sweepOneCalendar } from '../../functions/core/engine/sweep.js';
import { compileTasks } from './calendars.js';
import { FaultPlan, faultyMailer, faultyStore } from './faults.js';

export const MODEL_OFFICES = 20;
const YEAR = 2025;

/** Pessimistic per-call latencies (p99-like, seconds) of the calls a sweep makes. */
export const MODEL_LATENCY = {
  /** A DynamoDB GetItem, BatchGetItem or a page of a Query. */
  read: 0.025,
  /** A DynamoDB UpdateItem / PutItem with a condition. */
  write: 0.03,
  /** A TransactWriteItems (the office's mail with its items). */
  transaction: 0.08,
  /** One SES SendEmail (or SMTP/robot message). */
  send: 0.3,
} as const;

const READS = new Set(['calendars.get', 'calendars.list', 'occurrences.dueForAction', 'occurrences.get', 'occurrences.getMany', 'outbox.unsent', 'outbox.get']);
const TRANSACTIONS = new Set(['outbox.commit']);

export interface CalendarWork {
  reads: number;
  writes: number;
  transactions: number;
  sends: number;
}

export function modelledSeconds(work: CalendarWork): number {
  return work.reads * MODEL_LATENCY.read + work.writes * MODEL_LATENCY.write + work.transactions * MODEL_LATENCY.transaction + work.sends * MODEL_LATENCY.send;
}

export function modelBureau(id = 'model-bureau', offices = MODEL_OFFICES): CalendarInput {
  const ids = Array.from({ length: offices }, (_, i) => `office-${i + 1}`);
  return {
    id,
    title: '模型局年度普法工作计划',
    organisation: { name: '模型市科学技术局' },
    offices: ids.map((office, i) => ({ id: office, name: `第${i + 1}处`, emails: [`${office}@${id}.example`] })),
    policyOffice: ids[0]!,
    tasks: [
      { id: 'article', title: '每月报送普法文章', schedule: { kind: 'quota', per: 'month', min: 1 }, owners: 'all', reminders: [5, 1], source: '每月至少报送1篇。' },
      { id: 'study', title: '集体学法', schedule: { kind: 'quota', per: 'year', min: 2 }, owners: 'all', reminders: [30], source: '全年集体学法不少于2次。' },
      { id: 'quarterly', title: '季度法治工作报告', schedule: { kind: 'deadline', due: '03-31' }, owners: 'all', reminders: [7, 1], source: '季度末报送。' },
      { id: 'constitution-week', title: '宪法宣传周活动', schedule: { kind: 'deadline', opens: '12-01', due: '12-04' }, owners: 'all', reminders: [3], source: '12月4日国家宪法日。' },
      { id: 'evidence', title: '报送年度台账材料', schedule: { kind: 'deadline', due: '11-30' }, owners: 'all', reminders: [14, 7, 1], source: '11月底前报送台账材料。' },
    ],
  };
}

/** Sweeps the model bureau on every day of its year; returns the day with the most work, and its counts. */
export async function busiestCalendarDay(): Promise<{ day: CivilDate; mails: number; work: CalendarWork; days: number }> {
  let now = new Date(`${YEAR}-01-01T01:00:00Z`);
  const plan = new FaultPlan();
  const runtime = createMemoryRuntime({ clock: () => now });
  const store = faultyStore(runtime.store, plan);
  const input = modelBureau();
  await materialise(runtime.store, compileTasks(input.tasks, YEAR, input), now, runtime.policy);
  const deps = { ...(await runtime.engine()), store, mailer: faultyMailer(runtime.mailer(), plan) };
  let busiest = { day: '' as CivilDate, mails: 0, work: { reads: 0, writes: 0, transactions: 0, sends: 0 }, days: 0 };
  for (const day of eachDay(`${YEAR}-01-01`, `${YEAR}-12-31`)) {
    now = new Date(`${day}T01:00:00Z`);
    plan.counts.clear();
    const result = await sweepOneCalendar(deps, input.id, now);
    const work = workOf(plan.counts);
    busiest.days += 1;
    if (modelledSeconds(work) > modelledSeconds(busiest.work)) busiest = { day, mails: result.delivery.sent.length, work, days: busiest.days };
  }
  return busiest;
}

export function workOf(counts: ReadonlyMap<string, number>): CalendarWork {
  const work: CalendarWork = { reads: 0, writes: 0, transactions: 0, sends: 0 };
  for (const [name, count] of counts) {
    if (name === 'mailer.send') work.sends += count;
    else if (TRANSACTIONS.has(name)) work.transactions += count;
    else if (READS.has(name)) work.reads += count;
    else work.writes += count;
  }
  return work;
}
