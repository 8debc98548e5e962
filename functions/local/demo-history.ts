/**
 * A living year for a first `npm start`: on empty local data, the year so far is played as offices
 * would have lived it, so the board shows a realistic mix (done, awaiting review, sent back, overdue,
 * open) on any date, not a wall of red for everything that fell due before the first start.
 * 1. the plans are written as on 1 January (rollover: this year and next), so nothing is past due yet;
 * 2. for each item already open, offices hand in evidence on seeded-random days (most on time, some
 *    late, some never) through the real api and s3-event handlers, with the day's clock;
 * 3. the policy office reviews most of it a few days later (a few sent back, a few left waiting);
 * 4. nothing is swept: the first sweep (09:00, or `POST /dev/sweep`) catches the year up in one mail per
 *    office and flags what is overdue, as the engine does after any gap.
 */
import { issueToken } from '../core/capability.js';
import { addDays, type CivilDate, daysBetween } from '../core/civil-date.js';
import type { Plan } from '../core/compile.js';
import { reviewSubmission } from '../core/engine/review.js';
import { rollover } from '../core/engine/rollover.js';
import { REJECTION_REASONS } from '../core/labels.js';
import type { Handlers } from './handlers.js';
import { seededRandom } from './seeded-random.js';
import { uploadRequestEvent } from './upload-request.js';

export interface DemoHistory {
  submissions: number;
  accepted: number;
  rejected: number;
}

export interface DemoOptions {
  handlers: Handlers;
  plans: readonly Plan[];
  today: CivilDate;
  tokenSecret: string;
  /** The office's PUT of a presigned upload (to the S3 emulator). */
  put(url: string, headers: Record<string, string>, body: Buffer): Promise<void>;
  seed?: number;
}

/** The first three of the board's common reasons (three, so a seed plays the same demo as before). */
const REASONS = REJECTION_REASONS.slice(0, 3);

export async function playDemoHistory(options: DemoOptions): Promise<DemoHistory> {
  const { handlers, today } = options;
  const { runtime } = handlers;
  const year = Number(today.slice(0, 4));
  const random = seededRandom(options.seed ?? year);
  const history: DemoHistory = { submissions: 0, accepted: 0, rejected: 0 };
  await rollover(runtime.store, options.plans, new Date(`${year}-01-01T00:00:00+08:00`), runtime.policy, { complete: true });

  const calendars = [...new Set(options.plans.map((p) => p.calendar))];
  for (const calendar of calendars) {
    const items = (await runtime.store.occurrences.ofCalendarYear(calendar, year)).filter((o) => o.status !== 'cancelled' && o.opens < today && o.kind !== 'target');
    for (const item of items) {
      const last = addDays(today, -1);
      for (let unit = 0; unit < item.required; unit += 1) {
        // Items past due: most were handed in; items still running: some already.
        const past = item.due < today;
        if (random() >= (past ? 0.75 : 0.35)) continue;
        const lateBy = past && random() < 0.15 ? 1 + Math.floor(random() * 10) : 0;
        const span = Math.max(0, daysBetween(item.opens, item.due < last ? item.due : last));
        const day = lateBy > 0 ? addDays(item.due, lateBy) : addDays(item.opens, Math.floor(random() * (span + 1)));
        if (day > last || day < item.opens) continue;
        const submissionId = await uploadOn(options, item, day, history.submissions);
        history.submissions += 1;
        // Reviewed three working days or so later, if that is already past.
        const reviewDay = addDays(day, 3);
        const roll = random();
        if (reviewDay >= today || roll < 0.1) continue; // still awaiting review
        const rejected = roll < 0.2;
        await reviewSubmission(
          await runtime.engine(),
          { occurrenceId: item.id, submissionId, decision: rejected ? 'reject' : 'accept', reviewer: '政策法规处', ...(rejected ? { reason: REASONS[Math.floor(random() * REASONS.length)]! } : {}) },
          new Date(`${reviewDay}T10:00:00+08:00`),
        );
        if (rejected) history.rejected += 1;
        else history.accepted += 1;
      }
    }
  }
  return history;
}

/** One upload as the upload page makes it, on `day` at 10:00 Shanghai time. */
async function uploadOn(options: DemoOptions, item: { id: string; calendar: string; office: string; title: string }, day: CivilDate, serial: number): Promise<string> {
  const at = new Date(`${day}T10:00:00+08:00`);
  const token = issueToken({ calendar: item.calendar, office: item.office, expiresAt: Math.floor(at.getTime() / 1000) + 3600 }, options.tokenSecret);
  const content = Buffer.from(`%PDF-1.4\n% ${item.title}（示例材料 ${serial + 1}）\n`);
  const response = await options.handlers.api(
    uploadRequestEvent(token, at, {
      occurrenceId: item.id,
      effectiveDate: day,
      note: '示例数据：首次启动时生成',
      files: [{ name: `活动材料${serial + 1}.pdf`, contentType: 'application/pdf', size: content.length }],
    }),
  );
  if (response.statusCode !== 200) throw new Error(`demo upload for ${item.id} on ${day} refused: ${response.body}`);
  const grant = JSON.parse(response.body ?? '{}') as { submissionId: string; uploads: { url: string; headers: Record<string, string>; key: string }[] };
  for (const target of grant.uploads) {
    await options.put(target.url, target.headers, content);
    await options.handlers.s3Event({ Records: [{ eventName: 'ObjectCreated:Put', eventTime: at.toISOString(), s3: { object: { key: encodeURIComponent(target.key) } } }] } as never);
  }
  return grant.submissionId;
}
