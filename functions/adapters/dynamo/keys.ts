/**
 * The item formats of the single table, defined once: primary keys, index keys and how a record
 * becomes an item. The DynamoDB store writes these items; the in-memory store keeps the very same
 * items and answers its queries from the same index keys, so both order and select alike.
 * (Keys and indexes are listed in table-design.ts and the README.)
 */
import type { CivilDate } from '../../core/civil-date.js';
import type { OccurrenceUpdate } from '../../core/engine/ports.js';
import type { CalendarMeta, MailBounce, MailRecord, OccurrenceRecord, SubmissionRecord, UploadIntent } from '../../core/engine/records.js';

export type Item = Record<string, unknown>;

/** Attributes that exist only for the table's keys and conditions; records never see them. */
const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'type', 'fileKeys', 'bounceKeys'];

export const CALENDARS_PK = 'CALENDARS';
/** Each calendar's unsent mails are one partition of GSI1, so a worker sweeping one calendar reads only its own. */
export const outboxPk = (calendar: string) => `OUTBOX#${calendar}`;
/**
 * The single outbox partition of releases before the per-calendar sweep: read (for the calendar's
 * mails) until no mail committed before the upgrade can still be unsent; never written.
 */
export const LEGACY_OUTBOX_PK = 'OUTBOX';
/** The highest sort key character we use: bounds "everything up to this prefix". */
export const HIGH = '\uffff';

export const calendarKey = (id: string) => ({ PK: CALENDARS_PK, SK: id });
export const occurrenceKey = (id: string) => ({ PK: `OCC#${id}`, SK: 'OCC' });
export const mailKey = (id: string) => ({ PK: `MAIL#${id}`, SK: 'MAIL' });
export const submissionKey = (occurrenceId: string, submissionId: string) => ({ PK: `OCC#${occurrenceId}`, SK: `SUB#${submissionId}` });
export const intentKey = (occurrenceId: string, submissionId: string) => ({ PK: `OCC#${occurrenceId}`, SK: `INTENT#${submissionId}` });

/** Occurrence ids are calendar/task/office/period. */
export const calendarOf = (occurrenceId: string) => occurrenceId.split('/')[0]!;

export const attentionPk = (calendar: string) => `ATTN#${calendar}`;
export const attentionSk = (nextActionAt: CivilDate, id: string) => `${nextActionAt}#${id}`;
/** Every attention key of a day sorts below this. */
export const attentionUntil = (day: CivilDate) => `${day}#${HIGH}`;
export const officePk = (calendar: string, office: string) => `OFFICE#${calendar}#${office}`;
export const officeSk = (year: number, due: CivilDate, id: string) => `${year}#${due}#${id}`;
export const calendarYearPk = (calendar: string, year: number) => `CAL#${calendar}#${year}`;
export const submissionSk = (recordedAt: string, submissionId: string) => `SUB#${recordedAt}#${submissionId}`;

export function calendarItem(meta: CalendarMeta): Item {
  return { ...calendarKey(meta.id), type: 'calendar', ...meta };
}

/** What tells one bounce from another: a redelivered notification has the same key. */
export const bounceKey = (bounce: MailBounce) => `${bounce.type}#${bounce.address}#${bounce.at}`;

export function occurrenceItem(record: OccurrenceRecord): Item {
  return {
    ...occurrenceKey(record.id),
    type: 'occurrence',
    ...record,
    ...(record.nextActionAt === null ? {} : { GSI1PK: attentionPk(record.calendar), GSI1SK: attentionSk(record.nextActionAt, record.id) }),
    GSI2PK: officePk(record.calendar, record.office),
    GSI2SK: officeSk(record.year, record.due, record.id),
    GSI3PK: calendarYearPk(record.calendar, record.year),
    GSI3SK: `OCC#${record.office}#${record.task}#${record.period}`,
  };
}

/** A mail is in the outbox index while it is not sent and not failed for good. */
export function mailItem(mail: MailRecord): Item {
  const unsent = mail.status === 'pending' || mail.status === 'sending';
  return { ...mailKey(mail.id), type: 'mail', ...mail, ...(unsent ? { GSI1PK: outboxPk(mail.calendar), GSI1SK: `${mail.createdAt}#${mail.id}` } : {}) };
}

export function submissionItem(submission: SubmissionRecord): Item {
  return {
    ...submissionKey(submission.occurrenceId, submission.submissionId),
    type: 'submission',
    ...submission,
    // DynamoDB has no empty sets: a submission of links alone has no fileKeys until a file arrives.
    ...(submission.files.length > 0 ? { fileKeys: new Set(submission.files.map((f) => f.key)) } : {}),
    GSI3PK: calendarYearPk(submission.calendar, submission.year),
    GSI3SK: submissionSk(submission.recordedAt, submission.submissionId),
  };
}

export function intentItem(intent: UploadIntent): Item {
  return { ...intentKey(intent.occurrenceId, intent.submissionId), type: 'intent', ...intent };
}

/**
 * The office index key is built from `year` and `due`, and an update cannot read the stored one: an
 * update that sets one of them must set both, or the key would no longer match the fields.
 */
export function assertIndexable(update: OccurrenceUpdate): void {
  if ((update.set.due === undefined) !== (update.set.year === undefined)) {
    throw new Error(`update of ${update.id} sets ${update.set.due === undefined ? 'year' : 'due'} alone: the office index key needs both due and year`);
  }
}

/**
 * The index keys an occurrence update changes, derived from the fields it sets (and, for the partition
 * keys, from its id): the attention key follows nextActionAt (null leaves the index, undefined leaves it
 * alone); the office sort key and the calendar-year partition follow due and year. Keys built from the
 * id's parts (calendar, task, office, period) never move: an id names one place in every index.
 * Both stores apply exactly these, so an updated item is the same item in either.
 */
export function indexKeysOfUpdate(update: OccurrenceUpdate): { set: Record<string, string>; remove: string[] } {
  assertIndexable(update);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const next = update.set.nextActionAt;
  if (next === null) remove.push('GSI1PK', 'GSI1SK');
  else if (next !== undefined) {
    set.GSI1PK = attentionPk(calendarOf(update.id));
    set.GSI1SK = attentionSk(next, update.id);
  }
  if (update.set.due !== undefined && update.set.year !== undefined) {
    set.GSI2SK = officeSk(update.set.year, update.set.due, update.id);
    set.GSI3PK = calendarYearPk(calendarOf(update.id), update.set.year);
  }
  return { set, remove };
}

/** TransactWriteItems takes at most this many items. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Refuses, before anything is written, a transaction DynamoDB would refuse: more than 100 items, or one
 * item twice. (DynamoDB Local cancels the latter as a failed condition instead, which reads as a lost race.)
 */
export function assertTransaction(what: string, keys: readonly { PK: string; SK: string }[]): void {
  if (keys.length > MAX_TRANSACTION_ITEMS) throw new Error(`${what}: ${keys.length} items, a transaction takes ${MAX_TRANSACTION_ITEMS}`);
  const seen = new Set<string>();
  for (const key of keys) {
    const id = `${key.PK}\u0000${key.SK}`;
    if (seen.has(id)) throw new Error(`${what}: ${key.PK} ${key.SK} twice in one transaction`);
    seen.add(id);
  }
}

export function strip<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const key of KEY_ATTRIBUTES) delete copy[key];
  return copy as T;
}
