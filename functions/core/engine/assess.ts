/**
 * The occurrence state machine: given a record and today's civil date, what the owner must be told
 * and when the sweep needs to look again. Pure; the sweep and the submission flows share it.
 */
import { addDays, type CivilDate, daysBetween } from '../civil-date.js';
import type { OccurrenceProgress, OccurrenceRecord, OccurrenceStatus } from './records.js';

export interface EnginePolicy {
  /** Copy the office head once an occurrence has been overdue this many days. */
  escalateAfterDays: number;
}

export const DEFAULT_POLICY: EnginePolicy = { escalateAfterDays: 7 };

/**
 * reminder: a planned reminder date has come; prepare: a window or observance opens soon; overdue: just
 * became overdue; escalation: copy the head; at-risk: a quota falls behind.
 */
export type Notice = 'reminder' | 'prepare' | 'overdue' | 'escalation' | 'at-risk';

export interface Assessment {
  notices: Notice[];
  progress: Pick<OccurrenceProgress, 'status' | 'remindedThrough' | 'overdueOn' | 'escalatedOn' | 'atRiskOn' | 'nextActionAt'>;
}

export function isComplete(record: Pick<OccurrenceRecord, 'submitted' | 'required'>): boolean {
  return record.submitted >= record.required;
}

export function statusOf(record: OccurrenceRecord, today: CivilDate): OccurrenceStatus {
  if (record.status === 'cancelled') return 'cancelled';
  if (record.accepted >= record.required) return 'done';
  if (isComplete(record)) return 'submitted';
  // A target shows progress; missing it is not a breach of duty.
  if (record.kind === 'target') return 'open';
  return today > record.overdueAfter ? 'overdue' : 'open';
}

/**
 * A quota is at risk once less than half of the evenly paced time its missing items need is left
 * (counting the days after today): 0 of 2 in a year from early July, 0 of 1 in a month from the 16th.
 */
export function riskDate(record: OccurrenceRecord): CivilDate | null {
  if (record.kind !== 'quota') return null;
  const missing = record.required - record.submitted;
  if (missing <= 0) return null;
  const periodDays = daysBetween(record.opens, record.due) + 1;
  const needed = (missing * periodDays) / record.required;
  // The first day d with (due − d) < needed / 2.
  return addDays(record.due, 1 - Math.ceil(needed / 2));
}

/** The head is copied this many days after the office's own overdue notice (not after the planned date). */
export function escalationDate(record: Pick<OccurrenceRecord, 'overdueOn'>, policy: EnginePolicy): CivilDate | null {
  return record.overdueOn === null ? null : addDays(record.overdueOn, policy.escalateAfterDays);
}

export function daysOverdue(record: Pick<OccurrenceRecord, 'overdueAfter'>, today: CivilDate): number {
  return Math.max(0, daysBetween(record.overdueAfter, today));
}

/**
 * When the sweep next needs this record, as seen on `today`; null when nothing more can happen (keeps
 * the index sparse). Nothing that can no longer happen is kept: an at-risk notice only while the
 * period runs, so a quota whose risk date passed unnoticed does not stay in the index for ever.
 */
export function nextActionAt(record: OccurrenceRecord, policy: EnginePolicy, today: CivilDate): CivilDate | null {
  if (record.status === 'cancelled' || isComplete(record) || record.kind === 'target') return null;
  const candidates: CivilDate[] = [];
  const nextReminder = record.reminders.find((date) => date > record.remindedThrough);
  if (nextReminder) candidates.push(nextReminder);
  const prepare = preparePending(record);
  if (prepare) candidates.push(prepare);
  if (record.overdueOn === null) candidates.push(addDays(record.overdueAfter, 1));
  else if (record.escalatedOn === null) candidates.push(escalationDate(record, policy)!);
  const risk = riskDate(record);
  if (record.atRiskOn === null && risk !== null && today <= record.due) candidates.push(risk < record.opens ? record.opens : risk);
  return candidates.length === 0 ? null : candidates.sort()[0]!;
}

/** The prepare date, while it is still to come (dates up to `remindedThrough` are consumed). */
function preparePending(record: OccurrenceRecord): CivilDate | null {
  const prepareOn = record.prepareOn ?? null;
  return prepareOn !== null && prepareOn > record.remindedThrough && prepareOn < record.opens ? prepareOn : null;
}

/**
 * What today brings for one record. Several missed reminder dates are consumed together (caught up
 * once), so a sweep that did not run for days sends one reminder, not a burst.
 */
export function assess(record: OccurrenceRecord, today: CivilDate, policy: EnginePolicy): Assessment {
  const notices: Notice[] = [];
  let { remindedThrough, overdueOn, escalatedOn, atRiskOn } = record;
  const active = record.status !== 'cancelled' && !isComplete(record) && record.kind !== 'target';

  if (active) {
    const prepare = preparePending(record);
    // Once the window has opened, preparing is moot: the reminders take over.
    if (prepare && prepare <= today && today < record.opens) notices.push('prepare');
    if (record.reminders.some((date) => date > remindedThrough && date <= today)) notices.push('reminder');
    if (overdueOn === null && today > record.overdueAfter) {
      overdueOn = today;
      notices.push('overdue');
    } else if (overdueOn !== null && escalatedOn === null && today >= escalationDate({ overdueOn }, policy)!) {
      escalatedOn = today;
      notices.push('escalation');
    }
    const risk = riskDate(record);
    if (atRiskOn === null && risk !== null && today >= risk && today <= record.due) {
      atRiskOn = today;
      notices.push('at-risk');
    }
  }
  if (remindedThrough < today) remindedThrough = today;

  const next: OccurrenceRecord = { ...record, remindedThrough, overdueOn, escalatedOn, atRiskOn };
  return {
    notices,
    progress: {
      status: statusOf(next, today),
      remindedThrough,
      overdueOn,
      escalatedOn,
      atRiskOn,
      nextActionAt: nextActionAt(next, policy, today),
    },
  };
}
