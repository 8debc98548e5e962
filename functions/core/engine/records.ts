/**
 * What the engine keeps per occurrence, submission and e-mail: plain data, no storage concerns.
 */
import { createHash } from 'node:crypto';
import { addDays, type CivilDate } from '../civil-date.js';
import type { Occurrence, Plan } from '../compile.js';
import type { WorkingDayYear } from '../working-days.js';

export type OccurrenceStatus = 'open' | 'submitted' | 'done' | 'overdue' | 'cancelled';

/**
 * The part of a record that comes from the compiled plan; a re-deploy may change it. It is the
 * compiler's occurrence less its explanatory text, plus the year, the count that completes it, and
 * a hash of all of it (so materialise can tell a changed plan from an unchanged one).
 */
export type PlannedOccurrence = Omit<Occurrence, 'description' | 'assignment' | 'provisionalReasons'> & {
  year: number;
  /** How many accepted submissions complete it: the quota, or 1. */
  required: number;
  planHash: string;
};

/** The part the engine owns: progress, what was sent, what comes next. */
export interface OccurrenceProgress {
  status: OccurrenceStatus;
  /** Submissions received and not rejected. */
  submitted: number;
  accepted: number;
  /** Reminder dates up to and including this one are consumed (sent or skipped). */
  remindedThrough: CivilDate;
  overdueOn: CivilDate | null;
  escalatedOn: CivilDate | null;
  atRiskOn: CivilDate | null;
  /** When the sweep next needs to look at it; null when nothing is pending (sparse index). */
  nextActionAt: CivilDate | null;
  lastError: string | null;
  errorCount: number;
  /** Set when its task was renamed: the occurrence that carries its progress on. */
  renamedTo?: string | null;
  /** Compare-and-set counter: every write checks and increments it. */
  version: number;
  updatedAt: string;
}

export type OccurrenceRecord = PlannedOccurrence & OccurrenceProgress;

export type SubmissionStatus = 'received' | 'accepted' | 'rejected';

export interface EvidenceFile {
  key: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  /** The object version the storage event reported (AWS); downloads and the ledger read this version. */
  versionId?: string;
}

export interface SubmissionRecord {
  occurrenceId: string;
  submissionId: string;
  calendar: string;
  year: number;
  office: string;
  task: string;
  title: string;
  /** The date the evidenced activity took place, given by the office. */
  effectiveDate: CivilDate;
  note: string | null;
  /** When the office uploaded it (the storage event's time). */
  createdAt: string;
  /**
   * When the engine recorded it (wall clock): the digest's window is on this, so a submission whose
   * event arrives late is still reported once, by the next digest.
   */
  recordedAt: string;
  /** A copy kept under a renamed task's occurrence; the original stays under `carriedFrom`. */
  carriedFrom?: string;
  files: EvidenceFile[];
  /** Link evidence (文章链接): http(s) URLs handed in with the files, or instead of any. */
  links?: string[];
  status: SubmissionStatus;
  reason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/**
 * What an office asked to upload, written when the upload is granted: the activity date, the note and
 * the file names stay here, because S3 user metadata holds 2 KB at most (a long Chinese note exceeds it).
 */
export interface UploadIntent {
  occurrenceId: string;
  submissionId: string;
  effectiveDate: CivilDate;
  note: string | null;
  files: { key: string; name: string; contentType: string; size: number; sha256?: string }[];
  links?: string[];
  createdAt: string;
}

export type MailKind = 'reminder' | 'digest' | 'rejection';
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailRecord {
  /** Deterministic: the same reminder day, office and part always get the same id, so it is created once. */
  id: string;
  kind: MailKind;
  calendar: string;
  office: string | null;
  day: CivilDate;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
  /** Occurrences the mail is about (for audit and tests). */
  occurrenceIds: string[];
  status: MailStatus;
  attempts: number;
  leaseUntil: string | null;
  messageId: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface CalendarMeta {
  id: string;
  title: string;
  organisation: string;
  timeZone: string;
  policyOffice: string | null;
  offices: Plan['offices'];
  /** Every year materialised (history included). */
  years: number[];
  /** Years with a committed plan (a `planOf` layer): from 1 December a missing next year is flagged. */
  planYears?: number[];
  /** Years whose plan was withdrawn (no longer compiled): their open items were cancelled. */
  withdrawnYears?: number[];
  /** The calendar itself was withdrawn (its file deleted): everything open was cancelled. */
  withdrawn?: boolean;
  lastDigestAt: string | null;
  /**
   * The working days of the years materialised (and each one's next), as the plans were compiled with
   * them: the sweep and the digest read them here instead of bundling the holiday data. A record written
   * before this field existed has none until the next materialise (each deploy and each morning's rollover).
   */
  workingDays?: WorkingDayYear[];
  /**
   * Addresses of this calendar's offices that bounced or complained (SES), oldest first: the board warns
   * while an office still uses one. Written only by `markBounce`, never by `put`.
   */
  bounces?: MailBounce[];
}

/** An address SES could not deliver to for good (`bounce`), or whose recipient reported the mail as spam (`complaint`). */
export interface MailBounce {
  address: string;
  type: 'bounce' | 'complaint';
  /** When SES says it happened (ISO instant). */
  at: string;
}

export function plannedOccurrence(occurrence: Occurrence, year: number): PlannedOccurrence {
  const planned: Omit<PlannedOccurrence, 'planHash'> = {
    id: occurrence.id,
    calendar: occurrence.calendar,
    year,
    task: occurrence.task,
    title: occurrence.title,
    kind: occurrence.kind,
    office: occurrence.office,
    officeName: occurrence.officeName,
    period: occurrence.period,
    opens: occurrence.opens,
    due: occurrence.due,
    quota: occurrence.quota,
    required: occurrence.quota ?? 1,
    reminders: occurrence.reminders,
    prepareOn: occurrence.prepareOn,
    graceDays: occurrence.graceDays,
    overdueAfter: occurrence.overdueAfter,
    evidence: occurrence.evidence.map((e) => ({ ...e })),
    legalBasis: occurrence.legalBasis,
    source: occurrence.source,
    provisional: occurrence.provisional,
  };
  return { ...planned, planHash: hashOf(planned) };
}

export function initialProgress(today: CivilDate, now: Date): OccurrenceProgress {
  return {
    status: 'open',
    submitted: 0,
    accepted: 0,
    // Reminders before the day a plan is first materialised are skipped, not sent late in a burst.
    remindedThrough: addDays(today, -1),
    overdueOn: null,
    escalatedOn: null,
    atRiskOn: null,
    nextActionAt: null,
    lastError: null,
    errorCount: 0,
    version: 0,
    updatedAt: now.toISOString(),
  };
}

export function calendarMeta(plan: Plan, years: number[], lastDigestAt: string | null, existing?: CalendarMeta): CalendarMeta {
  const planYears = new Set(existing?.planYears ?? []);
  if (plan.layer) planYears.add(plan.year);
  else planYears.delete(plan.year);
  return {
    id: plan.calendar,
    title: plan.title,
    organisation: plan.organisation,
    timeZone: plan.timeZone,
    policyOffice: plan.policyOffice,
    offices: plan.offices,
    years,
    planYears: [...planYears].sort(),
    withdrawnYears: (existing?.withdrawnYears ?? []).filter((y) => y !== plan.year),
    withdrawn: false,
    lastDigestAt,
    workingDays: mergeWorkingDays(existing?.workingDays ?? [], plan.workingDays ?? []),
  };
}

/** The newer plan's years replace the stored ones; other years are kept, in year order. */
function mergeWorkingDays(stored: readonly WorkingDayYear[], fromPlan: readonly WorkingDayYear[]): WorkingDayYear[] {
  const byYear = new Map(stored.map((y) => [y.year, y] as const));
  for (const y of fromPlan) byYear.set(y.year, y);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** A mail as it enters the outbox: pending, never attempted. */
export function pendingMail(content: Pick<MailRecord, 'id' | 'kind' | 'calendar' | 'office' | 'day' | 'to' | 'cc' | 'subject' | 'html' | 'text' | 'occurrenceIds'>, now: Date): MailRecord {
  return { ...content, status: 'pending', attempts: 0, leaseUntil: null, messageId: null, error: null, createdAt: now.toISOString(), sentAt: null };
}
