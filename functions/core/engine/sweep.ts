/**
 * The daily sweep, for every calendar whose today is a working day:
 * 1. query the sparse "next action" index for occurrences due by today (never a scan);
 * 2. assess each one, a few at a time (reminder, overdue, escalation, at-risk) — a failing item is recorded, pushed to
 *    tomorrow, and the sweep goes on;
 * 3. per office, commit ONE mail for the day together with the state changes it reports, atomically
 *    and only if that mail does not exist yet (a doubled sweep writes nothing). The mail's id comes from
 *    its content (office, day and the items it reports), so a re-run finds the mail it already wrote
 *    and sends only what no mail has reported;
 * 4. deliver the unsent mails of the outbox (including ones a crashed run left behind), on working
 *    days of their calendar only.
 */
import { createHash } from 'node:crypto';
import { addDays, type CivilDate, civilDateAt } from '../civil-date.js';
import { type ReminderItem, reminderMail } from '../email/reminder-mail.js';
import { ROBOT_MESSAGE_BYTES, reminderMarkdown, splitMarkdown } from '../email/robot-markdown.js';
import { WorkingDays } from '../working-days.js';
import { assess } from './assess.js';
import { inParallel } from './in-parallel.js';
import { uploadUrl } from './links.js';
import { type DeliveryResult, deliverPending, emptyDelivery } from './outbox.js';
import { ConflictError, type EngineDeps, type OccurrenceUpdate, type RobotTarget } from './ports.js';
import { type CalendarMeta, type MailRecord, type OccurrenceRecord, pendingMail } from './records.js';

export interface SweepResult {
  days: Record<string, CivilDate>;
  /** Calendars for which today is not a working day (nothing sent). */
  restingCalendars: string[];
  examined: number;
  mailsCommitted: string[];
  /** Mails another sweep had already committed with the same content. */
  mailsAlreadyCommitted: string[];
  overdueFlagged: number;
  escalated: number;
  atRisk: number;
  /** Occurrences cancelled because their office is no longer in the calendar. */
  cancelled: number;
  itemErrors: { id: string; error: string }[];
  delivery: DeliveryResult;
}

/** TransactWriteItems takes 100 items: the mail plus 99 occurrences. */
const ITEMS_PER_MAIL = 99;
/**
 * With robots, each robot's message parts join the transaction too: 60 items make at most 12 WeCom
 * parts (lines of at most ~750 bytes), times 3 robots, plus the mail: 97.
 */
const ITEMS_PER_MAIL_WITH_ROBOTS = 60;
const COMMIT_ATTEMPTS = 4;
/** Items (and office mails) handled at once within a calendar. */
const PARALLEL_ITEMS = 8;

function emptyResult(): SweepResult {
  return {
    days: {},
    restingCalendars: [],
    examined: 0,
    mailsCommitted: [],
    mailsAlreadyCommitted: [],
    overdueFlagged: 0,
    escalated: 0,
    atRisk: 0,
    cancelled: 0,
    itemErrors: [],
    delivery: emptyDelivery(),
  };
}

/**
 * Every calendar, one after another, in this process (local mode, the simulation, the tests). In AWS
 * the scheduled run hands each calendar to its own worker instead (see `sweepOneCalendar`).
 */
export async function sweep(deps: EngineDeps, now: Date): Promise<SweepResult> {
  const total = emptyResult();
  for (const calendar of await deps.store.calendars.list()) {
    const one = await sweepListedCalendar(deps, calendar, now).catch((error: Error): SweepResult => ({ ...emptyResult(), itemErrors: [{ id: calendar.id, error: error.message }] }));
    mergeInto(total, one);
  }
  return total;
}

/** The calendar was named for a sweep but is not in the table. */
export class UnknownCalendarError extends Error {
  override readonly name = 'UnknownCalendarError';
}

/**
 * One calendar's sweep: its due items, its mails committed, then its outbox delivered. A failure of
 * the calendar itself (it cannot be read) is thrown, for the caller to retry or set aside; a failing
 * item or mail is recorded and the sweep goes on.
 */
export async function sweepOneCalendar(deps: EngineDeps, calendarId: string, now: Date): Promise<SweepResult> {
  const calendar = await deps.store.calendars.get(calendarId);
  if (!calendar) throw new UnknownCalendarError(`calendar ${calendarId} is not in the table`);
  return sweepListedCalendar(deps, calendar, now);
}

/** The sweep of a calendar whose record is already read. */
async function sweepListedCalendar(deps: EngineDeps, calendar: CalendarMeta, now: Date): Promise<SweepResult> {
  const result = emptyResult();
  await sweepCalendar(deps, calendar, now, result);
  const resting = result.restingCalendars.includes(calendar.id);
  // Offices are written to on working days only: a mail left over from Friday waits for Monday.
  result.delivery = await deliverPending(deps, calendar.id, (mail) => !resting || mail.kind !== 'reminder');
  return result;
}

function mergeInto(total: SweepResult, one: SweepResult): void {
  Object.assign(total.days, one.days);
  total.restingCalendars.push(...one.restingCalendars);
  total.examined += one.examined;
  total.mailsCommitted.push(...one.mailsCommitted);
  total.mailsAlreadyCommitted.push(...one.mailsAlreadyCommitted);
  total.overdueFlagged += one.overdueFlagged;
  total.escalated += one.escalated;
  total.atRisk += one.atRisk;
  total.cancelled += one.cancelled;
  total.itemErrors.push(...one.itemErrors);
  total.delivery.sent.push(...one.delivery.sent);
  total.delivery.failed.push(...one.delivery.failed);
  total.delivery.skipped.push(...one.delivery.skipped);
  total.delivery.unconfirmed.push(...one.delivery.unconfirmed);
  total.delivery.waiting.push(...one.delivery.waiting);
}

async function sweepCalendar(deps: EngineDeps, calendar: CalendarMeta, now: Date, result: SweepResult): Promise<void> {
  // Why the calendar's zone: the sweep runs at 09:00 Asia/Shanghai, which is still "yesterday" in UTC.
  const today = civilDateAt(now, calendar.timeZone);
  result.days[calendar.id] = today;
  // Whatever falls due on a weekend or holiday (an overdue flag, an escalation) waits for the next
  // working day and goes out in that day's one mail.
  const workingDays = WorkingDays.fromTable(calendar.workingDays ?? []);
  if (!workingDays.isWorkingDay(today)) {
    result.restingCalendars.push(calendar.id);
    return;
  }
  const offices = new Set(calendar.offices.map((o) => o.id));
  const byOffice = new Map<string, ReminderItem[]>();

  const due: OccurrenceRecord[] = [];
  for await (const record of deps.store.occurrences.dueForAction(calendar.id, today)) due.push(record);
  result.examined += due.length;

  // 1. Each item assessed, a few at a time: those with nothing to tell are written back at once.
  await inParallel(due, PARALLEL_ITEMS, async (record) => {
    try {
      if (!offices.has(record.office)) {
        // Its office left the plan: nobody is left to remind.
        await deps.store.occurrences.update({ id: record.id, expectedVersion: record.version, set: { status: 'cancelled', nextActionAt: null, updatedAt: stamp(deps) } });
        result.cancelled += 1;
        return;
      }
      const assessment = assess(record, today, deps.policy);
      if (assessment.notices.length === 0) {
        await deps.store.occurrences.update({ id: record.id, expectedVersion: record.version, set: { ...assessment.progress, updatedAt: stamp(deps) } });
        return;
      }
      const items = byOffice.get(record.office) ?? [];
      items.push({ record: { ...record, ...assessment.progress }, notices: assessment.notices });
      byOffice.set(record.office, items);
    } catch (error) {
      if (error instanceof ConflictError) return; // another writer moved it; whoever did handles it
      await recordItemError(deps, record, today, error as Error, result);
    }
  });

  // 2. One mail per office (and part), the offices a few at a time.
  const mails = [...byOffice].flatMap(([office, items]) => {
    const sorted = [...items].sort((a, b) => a.record.id.localeCompare(b.record.id));
    const size = robotsOf(calendar, office).length > 0 ? ITEMS_PER_MAIL_WITH_ROBOTS : ITEMS_PER_MAIL;
    return Array.from({ length: Math.ceil(sorted.length / size) }, (_, part) => ({ office, chunk: sorted.slice(part * size, (part + 1) * size) }));
  });
  const day = { today, now, workingDays };
  await inParallel(mails, PARALLEL_ITEMS, async ({ office, chunk }) => {
    try {
      await commitOfficeMail(deps, calendar, office, chunk, day, result);
    } catch (error) {
      for (const { record } of chunk) await recordItemError(deps, record, today, error as Error, result);
    }
  });
}

/**
 * Commits the office's mail for the day with the state changes it reports. When the commit loses a
 * race, either this very mail exists (a concurrent or earlier sweep: done) or an item changed under
 * us (e.g. a submission arrived): then the items are read and assessed again, after a short pause.
 */
async function commitOfficeMail(deps: EngineDeps, calendar: CalendarMeta, office: string, items: ReminderItem[], day: SweepDay, result: SweepResult): Promise<void> {
  const { today } = day;
  let current = items;
  for (let attempt = 1; current.length > 0; attempt += 1) {
    // One link for the mail and its robot messages (reading the office's key version once).
    const link = await uploadUrl(deps.links, calendar.id, office, day.now);
    const mail = mailFor(deps, calendar, office, current, today, link);
    const outcome = await deps.store.outbox.commit(
      mail,
      current.map((item) => updateFor(item.record, deps)),
      robotMessagesFor(deps, calendar, mail, current, day, link),
    );
    if (outcome === 'committed') {
      result.mailsCommitted.push(mail.id);
      for (const { notices } of current) {
        if (notices.includes('overdue')) result.overdueFlagged += 1;
        if (notices.includes('escalation')) result.escalated += 1;
        if (notices.includes('at-risk')) result.atRisk += 1;
      }
      return;
    }
    if (outcome === 'mail-exists') {
      result.mailsAlreadyCommitted.push(mail.id);
      return;
    }
    if (attempt >= COMMIT_ATTEMPTS) throw new ConflictError(`the items of ${mail.id} kept changing during ${COMMIT_ATTEMPTS} attempts; they stay due`);
    await pause(attempt);
    const fresh = await deps.store.occurrences.getMany(current.map((item) => item.record.id));
    current = fresh
      .filter((record) => record.nextActionAt !== null && record.nextActionAt <= today)
      .map((record) => ({ record, assessment: assess(record, today, deps.policy) }))
      .filter(({ assessment }) => assessment.notices.length > 0)
      .map(({ record, assessment }) => ({ record: { ...record, ...assessment.progress }, notices: assessment.notices }))
      .sort((a, b) => a.record.id.localeCompare(b.record.id));
  }
}

/** The mail's id is its content's: the same office, day and items always give the same id. */
export function reminderMailId(calendar: string, office: string, day: CivilDate, occurrenceIds: readonly string[]): string {
  const items = createHash('sha256')
    .update([...occurrenceIds].sort().join('\n'))
    .digest('hex')
    .slice(0, 12);
  return `reminder#${calendar}#${office}#${day}#${items}`;
}

interface SweepDay {
  today: CivilDate;
  now: Date;
  workingDays: WorkingDays;
}

function robotsOf(calendar: CalendarMeta, office: string): RobotTarget[] {
  return calendar.offices.find((o) => o.id === office)?.robots ?? [];
}

/**
 * The same reminder for each of the office's robots, each part its own outbox entry (exactly once per
 * channel): ids extend the mail's, so a re-run finds them as it finds the mail.
 */
function robotMessagesFor(deps: EngineDeps, calendar: CalendarMeta, mail: MailRecord, items: ReminderItem[], { today, workingDays }: SweepDay, link: string): MailRecord[] {
  const robots = robotsOf(calendar, mail.office ?? '');
  if (robots.length === 0) return [];
  const content = reminderMarkdown(calendar, mail.office ?? '', items, today, link, workingDays);
  return robots.flatMap((robot) => {
    const parts = splitMarkdown(content.markdown, ROBOT_MESSAGE_BYTES[robot.vendor]);
    return parts.map((text, index) =>
      pendingMail(
        {
          id: `${mail.id}#${robot.vendor}:${robot.secret}#${index + 1}`,
          kind: mail.kind,
          calendar: mail.calendar,
          office: mail.office,
          day: mail.day,
          to: [],
          cc: [],
          subject: parts.length > 1 ? `${content.title}（${index + 1}/${parts.length}）` : content.title,
          html: '',
          text,
          occurrenceIds: mail.occurrenceIds,
          robot: { vendor: robot.vendor, webhook: robot.webhook, secret: robot.secret },
        },
        deps.clock(),
      ),
    );
  });
}

function mailFor(deps: EngineDeps, calendar: CalendarMeta, office: string, items: ReminderItem[], today: CivilDate, link: string): MailRecord {
  const occurrenceIds = items.map((i) => i.record.id);
  return pendingMail(
    {
      id: reminderMailId(calendar.id, office, today, occurrenceIds),
      kind: 'reminder',
      calendar: calendar.id,
      office,
      day: today,
      ...reminderMail(calendar, office, items, today, link),
      occurrenceIds,
    },
    deps.clock(),
  );
}

/** The assessed record carries its read version: the write only lands if nobody moved it since. */
function updateFor(record: OccurrenceRecord, deps: EngineDeps): OccurrenceUpdate {
  return {
    id: record.id,
    expectedVersion: record.version,
    set: {
      status: record.status,
      remindedThrough: record.remindedThrough,
      overdueOn: record.overdueOn,
      escalatedOn: record.escalatedOn,
      atRiskOn: record.atRiskOn,
      nextActionAt: record.nextActionAt,
      lastError: null,
      updatedAt: stamp(deps),
    },
  };
}

async function recordItemError(deps: EngineDeps, record: OccurrenceRecord, today: CivilDate, error: Error, result: SweepResult): Promise<void> {
  result.itemErrors.push({ id: record.id, error: error.message });
  try {
    const fresh = (await deps.store.occurrences.get(record.id)) ?? record;
    // Only push it back if it is still due: a concurrent writer may have moved it on already.
    if (fresh.nextActionAt === null || fresh.nextActionAt > today) return;
    await deps.store.occurrences.update({
      id: record.id,
      expectedVersion: fresh.version,
      set: { lastError: error.message.slice(0, 500), errorCount: fresh.errorCount + 1, nextActionAt: addDays(today, 1), updatedAt: stamp(deps) },
    });
  } catch {
    // Recording the error is best effort: the item stays due and is retried by the next sweep.
  }
}

function stamp(deps: EngineDeps): string {
  return deps.clock().toISOString();
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 10));
}
