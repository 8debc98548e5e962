/**
 * The simulation: every day of a span played through the real handlers, with a virtual clock.
 * 1. build a world (in memory, or the embedded stack); the calendar's compiled plans are written by the
 *    rollover rules (this year and next) when the span starts and whenever it enters a new year or December;
 * 2. decide, from a seeded random generator, which required submissions each office makes and when
 *    (some late, some never, according to the submit rate);
 * 3. each day: the day's uploads go through the api handler (presigned PUT) and the s3-event handler;
 *    at 09:00 the sweep handler runs, at 09:30 the digest handler (which sends on the week's first working day);
 * 4. count what the offices and the policy office actually received, and what the store holds.
 */

import { bundledWorkingDays } from '../core/bundled-working-days.js';
import { issueToken } from '../core/capability.js';
import { addDays, type CivilDate, daysBetween, eachDay, yearOf } from '../core/civil-date.js';
import type { Plan } from '../core/compile.js';
import type { OccurrenceRecord } from '../core/engine/records.js';
import { rollover, rolloverPeriod } from '../core/engine/rollover.js';
import type { HolidayYear } from '../core/holiday-schema.js';
import type { Handlers } from './handlers.js';
import { seededRandom } from './seeded-random.js';
import { type SimulationStore, type SimulationWorld, simulationWorld } from './simulation-world.js';
import { uploadRequestEvent } from './upload-request.js';

export interface SimulationOptions {
  /** The calendar's compiled plans (as the deploy ships them): the years the span touches and the one after. */
  plans: Plan[];
  notices: HolidayYear[];
  from: CivilDate;
  to: CivilDate;
  submitRate: number;
  seed: number;
  store?: SimulationStore;
  onDay?: (day: CivilDate, index: number, total: number) => void;
}

export interface MonthFigures {
  month: string;
  reminders: number;
  submissions: number;
  overdueFlagged: number;
  digests: number;
}

export interface SimulationResult {
  calendar: string;
  from: CivilDate;
  to: CivilDate;
  years: number[];
  store: SimulationStore;
  seed: number;
  submitRate: number;
  /** Occurrences due within the span (not cancelled). */
  occurrences: number;
  remindersSent: number;
  duplicateReminders: number;
  remindersOnNonWorkingDays: number;
  submissions: number;
  submissionsRefused: number;
  /** Flagged overdue by the sweep during the span (with a notice to the office). */
  overdueFlagged: number;
  escalations: number;
  /** Already past due when the span began: marked overdue quietly when the plan was loaded. */
  overdueAtStart: number;
  digestsSent: number;
  completed: number;
  months: MonthFigures[];
  /** Plans the digests reported missing ("2027年普法工作计划尚未录入"), with the first day they said so. */
  missingPlans: { year: number; firstReported: CivilDate }[];
  /** office → month of the span → state counts of the occurrences due that month, at the span's end. */
  heat: { office: string; officeName: string; months: { done: number; late: number; missing: number }[] }[];
  elapsedSeconds: number;
}

export interface PlannedUpload {
  day: CivilDate;
  occurrenceId: string;
  office: string;
}

const REMINDER_SUBJECT = /^【(?:法治工作提醒|逾期提醒)】.+：\d+项事项待办理（(\d{4}-\d{2}-\d{2})）$/;
const DIGEST_SUBJECT = /^【法治工作周报】.*（(\d{4}-\d{2}-\d{2})）$/;

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const [first] = options.plans;
  if (!first) throw new Error('nothing to simulate: no plan covers the span');
  const store = options.store ?? 'memory';
  const world = await simulationWorld(store, at(options.from, '00:00'));
  try {
    const { api, sweep, digest, s3Event, runtime } = world.handlers;
    // The rollover schedule, as deployed: this year and next are written when the span starts, and again
    // whenever it enters a new year or December (the daily run in between changes nothing).
    let rolledOverFor = '';
    const rolloverIfDue = async (day: CivilDate) => {
      const key = rolloverPeriod(day);
      if (key === rolledOverFor) return;
      world.setClock(at(day, '00:00'));
      await rollover(runtime.store, options.plans, at(day, '00:00'), runtime.policy);
      rolledOverFor = key;
    };

    const uploadsByDay = new Map<CivilDate, PlannedUpload[]>();
    for (const plan of options.plans) {
      for (const u of planUploads(plan, options.submitRate, options.seed)) {
        if (u.day >= options.from && u.day <= options.to) uploadsByDay.set(u.day, [...(uploadsByDay.get(u.day) ?? []), u]);
      }
    }

    // 3. Play the span.
    const days = [...eachDay(options.from, options.to)];
    let refused = 0;
    const missingPlans = new Map<number, CivilDate>();
    for (const [index, day] of days.entries()) {
      await rolloverIfDue(day);
      for (const [serial, upload] of (uploadsByDay.get(day) ?? []).entries()) {
        world.setClock(at(day, '08:30'));
        if (!(await uploadThroughApi(world, api, s3Event, first.calendar, upload, serial))) refused += 1;
      }
      world.setClock(at(day, '09:00'));
      await sweep({ scheduledTime: at(day, '09:00').toISOString() });
      world.setClock(at(day, '09:30'));
      for (const result of await digest({ scheduledTime: at(day, '09:30').toISOString() })) {
        for (const year of result.mailId ? (result.content?.missingPlans ?? []) : []) if (!missingPlans.has(year)) missingPlans.set(year, day);
      }
      options.onDay?.(day, index + 1, days.length);
    }

    // 4. Count what was really received and recorded.
    const years = (await runtime.store.calendars.get(first.calendar))?.years ?? [];
    const records = (await Promise.all(years.map((y) => runtime.store.occurrences.ofCalendarYear(first.calendar, y)))).flat();
    const submissions = (await Promise.all(years.map((y) => runtime.store.submissions.recordedBetween(first.calendar, y, null, '\uffff')))).flat();
    return {
      ...figures(
        options,
        store,
        await world.delivered(),
        records,
        submissions.map((s) => s.effectiveDate),
        refused,
        started,
      ),
      years,
      missingPlans: [...missingPlans].map(([year, firstReported]) => ({ year, firstReported })),
    };
  } finally {
    await world.stop();
  }
}

function figures(
  options: SimulationOptions,
  store: SimulationStore,
  mails: { subject: string; to: string[] }[],
  records: OccurrenceRecord[],
  submissionDays: CivilDate[],
  refused: number,
  started: number,
): Omit<SimulationResult, 'missingPlans'> {
  const first = options.plans[0]!;
  const workingDays = bundledWorkingDays(options.notices);
  const reminders = mails.flatMap((m) => {
    const match = REMINDER_SUBJECT.exec(m.subject);
    return match ? [{ day: match[1]!, to: m.to.join(',') }] : [];
  });
  const perRecipientDay = new Map<string, number>();
  for (const r of reminders) perRecipientDay.set(`${r.to}|${r.day}`, (perRecipientDay.get(`${r.to}|${r.day}`) ?? 0) + 1);
  const digestDays = mails.flatMap((m) => DIGEST_SUBJECT.exec(m.subject)?.[1] ?? []);

  const monthKeys = [...new Set([...eachDay(options.from, options.to)].map((d) => d.slice(0, 7)))];
  const months: MonthFigures[] = monthKeys.map((month) => ({ month, reminders: 0, submissions: 0, overdueFlagged: 0, digests: 0 }));
  const monthOf = (date: string) => months.find((m) => m.month === date.slice(0, 7));
  for (const r of reminders) monthOf(r.day) && (monthOf(r.day)!.reminders += 1);
  for (const day of submissionDays) monthOf(day) && (monthOf(day)!.submissions += 1);
  // Loaded already past due: marked overdue and escalated quietly on the first day, no notice sent.
  const quiet = (o: OccurrenceRecord) => o.overdueOn === options.from && o.escalatedOn === options.from;
  const flagged = records.filter((o) => o.overdueOn !== null && !quiet(o));
  for (const o of flagged) if (monthOf(o.overdueOn!)) monthOf(o.overdueOn!)!.overdueFlagged += 1;
  for (const day of digestDays) monthOf(day) && (monthOf(day)!.digests += 1);
  const inSpan = (o: OccurrenceRecord) => o.status !== 'cancelled' && o.due >= options.from && o.due <= options.to;

  return {
    calendar: first.calendar,
    from: options.from,
    to: options.to,
    years: options.plans.map((p) => p.year),
    store,
    seed: options.seed,
    submitRate: options.submitRate,
    occurrences: records.filter(inSpan).length,
    remindersSent: reminders.length,
    duplicateReminders: [...perRecipientDay.values()].reduce((n, count) => n + count - 1, 0),
    remindersOnNonWorkingDays: reminders.filter((r) => !workingDays.isWorkingDay(r.day)).length,
    submissions: submissionDays.length,
    submissionsRefused: refused,
    overdueFlagged: flagged.length,
    escalations: records.filter((o) => o.escalatedOn !== null && !quiet(o)).length,
    overdueAtStart: records.filter(quiet).length,
    digestsSent: digestDays.length,
    completed: records.filter((o) => inSpan(o) && o.submitted >= o.required).length,
    months,
    heat: first.offices.map((office) => ({
      office: office.id,
      officeName: office.name,
      months: monthKeys.map((month) => {
        const due = records.filter((o) => o.office === office.id && o.due.startsWith(month) && inSpan(o));
        const complete = due.filter((o) => o.submitted >= o.required);
        const late = complete.filter((o) => o.overdueOn !== null).length;
        return { done: complete.length - late, late, missing: due.length - complete.length };
      }),
    })),
    elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/**
 * Who submits what, when: each required unit is sent with probability `submitRate`, mostly on time
 * (a uniform day between opening and due), 15% up to three weeks late; nothing outside the plan's year
 * is played. Pure and seeded, so the same seed always plays the same year.
 */
export function planUploads(plan: Plan, submitRate: number, seed: number): PlannedUpload[] {
  const first = `${plan.year}-01-01`;
  const last = `${plan.year}-12-31`;
  const random = seededRandom(seed);
  const uploads: PlannedUpload[] = [];
  for (const o of plan.occurrences) {
    for (let unit = 0; unit < (o.quota ?? 1); unit += 1) {
      if (random() >= submitRate) continue;
      const from = o.opens < first ? first : o.opens;
      const span = daysBetween(from, o.due);
      const late = random() < 0.15;
      const day = late ? addDays(o.due, 1 + Math.floor(random() * 21)) : addDays(from, Math.floor(random() * (span + 1)));
      if (day <= last && day >= first && yearOf(day) === plan.year) uploads.push({ day, occurrenceId: o.id, office: o.office });
    }
  }
  return uploads;
}

/** One office upload, as the upload page does it: ask the API, PUT to the presigned URL, storage reports it. */
async function uploadThroughApi(world: SimulationWorld, api: Handlers['api'], s3Event: Handlers['s3Event'], calendar: string, upload: PlannedUpload, serial: number): Promise<boolean> {
  const time = at(upload.day, '08:30'); // before the sweep
  const token = issueToken({ calendar, office: upload.office, expiresAt: Math.floor(time.getTime() / 1000) + 86_400 }, world.tokenSecret);
  const content = Buffer.from(`%PDF-1.4 simulated evidence ${upload.occurrenceId} ${serial}\n`);
  const response = await api(
    uploadRequestEvent(token, time, { occurrenceId: upload.occurrenceId, effectiveDate: upload.day, files: [{ name: '签到表.pdf', contentType: 'application/pdf', size: content.length }] }),
  );
  if (response.statusCode !== 200) return false;
  const grant = JSON.parse(response.body ?? '{}') as { uploads: { url: string; headers: Record<string, string>; key: string }[] };
  for (const target of grant.uploads) {
    await world.put(target, content);
    await s3Event({ Records: [{ eventName: 'ObjectCreated:Put', eventTime: time.toISOString(), s3: { object: { key: encodeURIComponent(target.key) } } }] } as never);
  }
  return true;
}

/** A time of day in Shanghai (UTC+8, no daylight saving) on a civil date. */
function at(day: CivilDate, time: '00:00' | '08:30' | '09:00' | '09:30'): Date {
  return new Date(`${day}T${time}:00.000+08:00`);
}
