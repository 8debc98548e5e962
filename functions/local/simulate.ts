/**
 * The year simulation: every day of a plan year played through the real handlers on the embedded
 * stack, with a virtual clock.
 * 1. start a fresh stack (in-memory DynamoDB Local, SES and S3 emulators) and materialise the plan on 1 January;
 * 2. decide, from a seeded random generator, which required submissions each office makes and when
 *    (some late, some never, according to the submit rate);
 * 3. each day: the day's uploads go through the api handler (presigned PUT to s3rver) and the s3-event
 *    handler; at 09:00 the sweep handler runs; on Mondays the digest handler;
 * 4. count what the offices and the policy office actually received, from the SES emulator and the table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, civilDate, daysBetween, eachDay, weekday, type CivilDate } from '../core/civil-date.js';
import { issueToken } from '../core/capability.js';
import type { Plan } from '../core/compile.js';
import { materialise } from '../core/engine/materialise.js';
import type { HolidayYear } from '../core/holiday-schema.js';
import { WorkingDays } from '../core/working-days.js';
import { startLocalStack } from './emulators.js';
import { loadHandlers, type Handlers } from './handlers.js';
import { seededRandom } from './seeded-random.js';

export interface SimulationOptions {
  plan: Plan;
  notices: HolidayYear[];
  submitRate: number;
  seed: number;
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
  year: number;
  seed: number;
  submitRate: number;
  occurrences: number;
  remindersSent: number;
  duplicateReminders: number;
  remindersOnNonWorkingDays: number;
  submissions: number;
  submissionsRefused: number;
  overdueFlagged: number;
  escalations: number;
  digestsSent: number;
  completed: number;
  months: MonthFigures[];
  /** office id → month (1–12) → state counts of the occurrences due that month, at year end. */
  heat: { office: string; officeName: string; months: { done: number; late: number; missing: number }[] }[];
  elapsedSeconds: number;
}

export interface PlannedUpload {
  day: CivilDate;
  occurrenceId: string;
  office: string;
}

const SECRET = 'simulation-token-secret-0123456789';
const REMINDER_SUBJECT = /^【(?:法治工作提醒|逾期提醒)】.+：\d+项事项待办理（(\d{4}-\d{2}-\d{2})）$/;

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const { plan } = options;
  const s3Dir = mkdtempSync(join(tmpdir(), 'fazhi-sim-s3-'));
  const stack = await startLocalStack({ s3Dir, tableName: 'fazhi-simulation' });
  try {
    Object.assign(process.env, stack.env, { TOKEN_SECRET: SECRET, ADMIN_TOKEN: `${SECRET}-admin`, MAIL_FROM: 'fazhi@simulation.example', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', LOG_LEVEL: 'error' });
    const { api, sweep, digest, s3Event, runtime } = await loadHandlers();

    const first = civilDate(plan.year, 1, 1);
    const last = civilDate(plan.year, 12, 31);
    await materialise(runtime.store, plan, nineAm(first), runtime.policy, options.notices);

    const uploads = planUploads(plan, options.submitRate, options.seed);
    const uploadsByDay = new Map<CivilDate, PlannedUpload[]>();
    for (const u of uploads) uploadsByDay.set(u.day, [...(uploadsByDay.get(u.day) ?? []), u]);

    // 3. Play the year.
    const days = [...eachDay(first, last)];
    let refused = 0;
    for (const [index, day] of days.entries()) {
      for (const upload of uploadsByDay.get(day) ?? []) {
        if (!(await uploadThroughApi(api, s3Event, plan.calendar, upload, index))) refused += 1;
      }
      await sweep({ scheduledTime: nineAm(day).toISOString() });
      if (weekday(day) === 1) await digest({ scheduledTime: nineAm(day).toISOString() });
      options.onDay?.(day, index + 1, days.length);
    }

    // 4. Count what was really received and recorded.
    const workingDays = WorkingDays.create(options.notices);
    const mails = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
    const reminders = mails.emails.flatMap((m) => {
      const match = REMINDER_SUBJECT.exec(m.subject);
      return match ? [{ day: match[1]!, to: m.destination.to.join(',') }] : [];
    });
    const perRecipientDay = new Map<string, number>();
    for (const r of reminders) perRecipientDay.set(`${r.to}|${r.day}`, (perRecipientDay.get(`${r.to}|${r.day}`) ?? 0) + 1);
    const digests = mails.emails.filter((m) => m.subject.startsWith('【法治工作周报】'));
    const records = await runtime.store.occurrencesOf(plan.calendar, plan.year);
    const submissions = await runtime.store.submissionsSince(plan.calendar, plan.year, null);

    const months: MonthFigures[] = Array.from({ length: 12 }, (_, i) => ({ month: `${plan.year}-${String(i + 1).padStart(2, '0')}`, reminders: 0, submissions: 0, overdueFlagged: 0, digests: 0 }));
    const monthOf = (date: string) => months[Number(date.slice(5, 7)) - 1];
    for (const r of reminders) if (r.day.startsWith(String(plan.year))) monthOf(r.day)!.reminders += 1;
    for (const s of submissions) monthOf(s.effectiveDate)!.submissions += 1;
    for (const o of records) if (o.overdueOn?.startsWith(String(plan.year))) monthOf(o.overdueOn)!.overdueFlagged += 1;
    for (const d of digests) {
      const day = /（(\d{4}-\d{2}-\d{2})）$/.exec(d.subject)?.[1];
      if (day) monthOf(day)!.digests += 1;
    }

    return {
      calendar: plan.calendar,
      year: plan.year,
      seed: options.seed,
      submitRate: options.submitRate,
      occurrences: plan.occurrences.length,
      remindersSent: reminders.length,
      duplicateReminders: [...perRecipientDay.values()].reduce((n, count) => n + count - 1, 0),
      remindersOnNonWorkingDays: reminders.filter((r) => !workingDays.isWorkingDay(r.day)).length,
      submissions: submissions.length,
      submissionsRefused: refused,
      overdueFlagged: records.filter((o) => o.overdueOn !== null).length,
      escalations: records.filter((o) => o.escalatedOn !== null).length,
      digestsSent: digests.length,
      completed: records.filter((o) => o.submitted >= o.required).length,
      months,
      heat: plan.offices.map((office) => ({
        office: office.id,
        officeName: office.name,
        months: Array.from({ length: 12 }, (_, i) => {
          const due = records.filter((o) => o.office === office.id && Number(o.due.slice(5, 7)) === i + 1 && o.due.startsWith(String(plan.year)));
          const complete = due.filter((o) => o.submitted >= o.required);
          const late = complete.filter((o) => o.overdueOn !== null).length;
          return { done: complete.length - late, late, missing: due.length - complete.length };
        }),
      })),
      elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await stack.stop();
    rmSync(s3Dir, { recursive: true, force: true });
  }
}

/**
 * Who submits what, when: each required unit is sent with probability `submitRate`, mostly on time
 * (a uniform day between opening and due), 15% up to three weeks late; nothing outside the year is played.
 * Pure and seeded, so the same seed always plays the same year.
 */
export function planUploads(plan: Plan, submitRate: number, seed: number): PlannedUpload[] {
  const first = civilDate(plan.year, 1, 1);
  const last = civilDate(plan.year, 12, 31);
  const random = seededRandom(seed);
  const uploads: PlannedUpload[] = [];
  for (const o of plan.occurrences) {
    for (let unit = 0; unit < (o.quota ?? 1); unit += 1) {
      if (random() >= submitRate) continue;
      const from = o.opens < first ? first : o.opens;
      const span = daysBetween(from, o.due);
      const late = random() < 0.15;
      const day = late ? addDays(o.due, 1 + Math.floor(random() * 21)) : addDays(from, Math.floor(random() * (span + 1)));
      if (day <= last && day >= first) uploads.push({ day, occurrenceId: o.id, office: o.office });
    }
  }
  return uploads;
}

/** One office upload, as the upload page does it: ask the API, PUT to the presigned URL, S3 reports it. */
async function uploadThroughApi(
  api: Handlers['api'],
  s3Event: Handlers['s3Event'],
  calendar: string,
  upload: PlannedUpload,
  serial: number,
): Promise<boolean> {
  const at = new Date(`${upload.day}T00:30:00.000Z`); // 08:30 in Shanghai, before the sweep
  const token = issueToken({ calendar, office: upload.office, expiresAt: Math.floor(at.getTime() / 1000) + 86_400 }, SECRET);
  const content = Buffer.from(`%PDF-1.4 simulated evidence ${upload.occurrenceId} ${serial}\n`);
  const response = await api({
    version: '2.0',
    routeKey: '$default',
    rawPath: '/api/uploads',
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path: '/api/uploads' }, timeEpoch: at.getTime() } as never,
    body: JSON.stringify({ occurrenceId: upload.occurrenceId, effectiveDate: upload.day, files: [{ name: '签到表.pdf', contentType: 'application/pdf', size: content.length }] }),
    isBase64Encoded: false,
  });
  if (response.statusCode !== 200) return false;
  const grant = JSON.parse(response.body ?? '{}') as { uploads: { url: string; headers: Record<string, string>; key: string }[] };
  for (const target of grant.uploads) {
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: content });
    if (!put.ok) throw new Error(`simulated upload of ${target.key} failed: ${put.status} ${await put.text()}`);
    await s3Event({ Records: [{ eventName: 'ObjectCreated:Put', eventTime: at.toISOString(), s3: { object: { key: encodeURIComponent(target.key) } } }] } as never);
  }
  return true;
}

function nineAm(day: CivilDate): Date {
  return new Date(`${day}T01:00:00.000Z`);
}
