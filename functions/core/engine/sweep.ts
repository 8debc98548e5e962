/**
 * The daily sweep, for every calendar whose today is a working day:
 * 1. query the sparse "next action" index for occurrences due by today (never a scan);
 * 2. assess each one (reminder, overdue, escalation, at-risk) — a failing item is recorded, pushed to
 *    tomorrow, and the sweep goes on;
 * 3. per office, commit ONE mail for the day together with the state changes it reports, atomically
 *    and only if no mail for that office and day exists yet (a doubled sweep writes nothing);
 * 4. deliver every unsent mail in the outbox (including ones a crashed run left behind).
 */
import { addDays, civilDateAt, type CivilDate } from '../civil-date.js';
import { reminderMail, type ReminderItem } from '../email/reminder-mail.js';
import { assess } from './assess.js';
import { uploadUrl } from './links.js';
import { deliverPending, type DeliveryResult } from './outbox.js';
import { ConflictError, type EngineDeps, type OccurrenceUpdate, type Store } from './ports.js';
import { pendingMail, type CalendarMeta, type MailRecord, type OccurrenceRecord } from './records.js';
import { WorkingDays } from '../working-days.js';

export interface SweepResult {
  days: Record<string, CivilDate>;
  /** Calendars for which today is not a working day (nothing sent). */
  restingCalendars: string[];
  examined: number;
  mailsCommitted: string[];
  /** Offices whose mail for the day already existed (another sweep got there first). */
  mailsAlreadyCommitted: string[];
  overdueFlagged: number;
  escalated: number;
  atRisk: number;
  itemErrors: { id: string; error: string }[];
  delivery: DeliveryResult;
}

/** TransactWriteItems takes 100 items: the mail plus 99 occurrences. */
const ITEMS_PER_MAIL = 99;

export async function sweep(deps: EngineDeps, now: Date): Promise<SweepResult> {
  const result: SweepResult = { days: {}, restingCalendars: [], examined: 0, mailsCommitted: [], mailsAlreadyCommitted: [], overdueFlagged: 0, escalated: 0, atRisk: 0, itemErrors: [], delivery: { sent: [], failed: [], skipped: [] } };
  for (const calendar of await deps.store.listCalendars()) {
    try {
      await sweepCalendar(deps, calendar, now, result);
    } catch (error) {
      result.itemErrors.push({ id: calendar.id, error: (error as Error).message });
    }
  }
  result.delivery = await deliverPending(deps.store, deps.mailer, now, deps.mailFrom);
  return result;
}

async function sweepCalendar(deps: EngineDeps, calendar: CalendarMeta, now: Date, result: SweepResult): Promise<void> {
  // Why the calendar's zone: the sweep runs at 09:00 Asia/Shanghai, which is still "yesterday" in UTC.
  const today = civilDateAt(now, calendar.timeZone);
  result.days[calendar.id] = today;
  // Offices are only written to on working days: whatever falls due on a weekend or holiday (an overdue
  // flag, an escalation) waits for the next working day and goes out in that day's one mail.
  if (!WorkingDays.create(calendar.holidayNotices ?? []).isWorkingDay(today)) {
    result.restingCalendars.push(calendar.id);
    return;
  }
  const byOffice = new Map<string, ReminderItem[]>();

  for await (const record of deps.store.dueForAction(calendar.id, today)) {
    result.examined += 1;
    try {
      const assessment = assess(record, today, deps.policy);
      const next = { ...record, ...assessment.progress };
      if (assessment.notices.length === 0) {
        await deps.store.updateOccurrence({ id: record.id, expectedVersion: record.version, set: { ...assessment.progress, updatedAt: now.toISOString() } });
        continue;
      }
      const items = byOffice.get(record.office) ?? [];
      items.push({ record: next, notices: assessment.notices });
      byOffice.set(record.office, items);
    } catch (error) {
      if (error instanceof ConflictError) continue; // another sweep moved it; it is handled there
      await recordItemError(deps.store, record, today, now, error as Error, result);
    }
  }

  for (const [office, items] of byOffice) {
    for (let part = 0; part * ITEMS_PER_MAIL < items.length; part += 1) {
      const chunk = items.slice(part * ITEMS_PER_MAIL, (part + 1) * ITEMS_PER_MAIL);
      try {
        await commitOfficeMail(deps, calendar, office, chunk, today, now, part, result);
      } catch (error) {
        for (const { record } of chunk) await recordItemError(deps.store, record, today, now, error as Error, result);
      }
    }
  }
}

/**
 * Commits the office's mail for the day with the state changes it reports. When the commit loses a
 * race, either today's mail already exists (a concurrent or earlier sweep: done) or an item changed
 * under us (e.g. a submission arrived): then the items are read and assessed again, up to 3 times.
 */
async function commitOfficeMail(deps: EngineDeps, calendar: CalendarMeta, office: string, items: ReminderItem[], today: CivilDate, now: Date, part: number, result: SweepResult): Promise<void> {
  const id = `reminder#${calendar.id}#${office}#${today}#${part}`;
  let current = items;
  for (let attempt = 1; attempt <= 3 && current.length > 0; attempt += 1) {
    if (await deps.store.commitMail(mailFor(deps, calendar, office, current, today, now, id), current.map((item) => updateFor(item.record, now)))) {
      result.mailsCommitted.push(id);
      for (const { notices } of current) {
        if (notices.includes('overdue')) result.overdueFlagged += 1;
        if (notices.includes('escalation')) result.escalated += 1;
        if (notices.includes('at-risk')) result.atRisk += 1;
      }
      return;
    }
    if (await deps.store.getMail(id)) {
      result.mailsAlreadyCommitted.push(id);
      return;
    }
    const fresh = await deps.store.getOccurrences(current.map((item) => item.record.id));
    current = fresh
      .filter((record) => record.nextActionAt !== null && record.nextActionAt <= today)
      .map((record) => ({ record, assessment: assess(record, today, deps.policy) }))
      .filter(({ assessment }) => assessment.notices.length > 0)
      .map(({ record, assessment }) => ({ record: { ...record, ...assessment.progress }, notices: assessment.notices }));
  }
}

function mailFor(deps: EngineDeps, calendar: CalendarMeta, office: string, items: ReminderItem[], today: CivilDate, now: Date, id: string): MailRecord {
  return pendingMail(
    {
      id,
      kind: 'reminder',
      calendar: calendar.id,
      office,
      day: today,
      ...reminderMail(calendar, office, items, today, uploadUrl(deps.links, calendar.id, office, now)),
      occurrenceIds: items.map((i) => i.record.id),
    },
    now,
  );
}

/** The assessed record carries its read version: the write only lands if nobody moved it since. */
function updateFor(record: OccurrenceRecord, now: Date): OccurrenceUpdate {
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
      updatedAt: now.toISOString(),
    },
  };
}

async function recordItemError(store: Store, record: OccurrenceRecord, today: CivilDate, now: Date, error: Error, result: SweepResult): Promise<void> {
  result.itemErrors.push({ id: record.id, error: error.message });
  try {
    const fresh = (await store.getOccurrence(record.id)) ?? record;
    await store.updateOccurrence({
      id: record.id,
      expectedVersion: fresh.version,
      set: { lastError: error.message.slice(0, 500), errorCount: fresh.errorCount + 1, nextActionAt: addDays(today, 1), updatedAt: now.toISOString() },
    });
  } catch {
    // Recording the error is best effort: the item stays due and is retried by the next sweep.
  }
}
