/**
 * The ports of the engine: what the use cases need from storage, mail and the evidence bucket.
 * Adapters (DynamoDB, SES, S3) implement them; the core never imports an AWS SDK.
 */
import type { CivilDate } from '../civil-date.js';
import type { EnginePolicy } from './assess.js';
import type { LinkSettings } from './links.js';
import type { CalendarMeta, MailRecord, OccurrenceProgress, OccurrenceRecord, PlannedOccurrence, SubmissionRecord } from './records.js';

/** What the use cases that write and mail need (sweep, review); adapters provide it. */
export interface EngineDeps {
  store: Store;
  mailer: Mailer;
  policy: EnginePolicy;
  links: LinkSettings;
  mailFrom?: string;
}

/** A compare-and-set write lost to a concurrent writer (or the item changed since it was read). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/**
 * A well-formed request the engine will not honour (a file of the wrong type or too large, an item
 * that was cancelled, a rejection without a reason); `field` names what to fix.
 */
export class RequestRejectedError extends Error {
  override readonly name = 'RequestRejectedError';
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Changes to one occurrence, applied only if its version is still `expectedVersion`. */
export interface OccurrenceUpdate {
  id: string;
  expectedVersion: number;
  set: Partial<OccurrenceProgress> & Partial<PlannedOccurrence>;
}

export interface Store {
  putCalendar(meta: CalendarMeta): Promise<void>;
  getCalendar(id: string): Promise<CalendarMeta | undefined>;
  listCalendars(): Promise<CalendarMeta[]>;
  /** Moves the calendar's last digest time forward (never back). */
  setLastDigestAt(calendar: string, at: string): Promise<void>;

  getOccurrence(id: string): Promise<OccurrenceRecord | undefined>;
  getOccurrences(ids: readonly string[]): Promise<OccurrenceRecord[]>;
  /** Creates it unless it exists; returns false when it already existed. */
  createOccurrence(record: OccurrenceRecord): Promise<boolean>;
  /** Compare-and-set on the version; throws ConflictError when it moved. */
  updateOccurrence(update: OccurrenceUpdate): Promise<OccurrenceRecord>;
  /** Occurrences of a calendar whose next action is due on or before `day` (the sparse index). */
  dueForAction(calendar: string, day: CivilDate): AsyncIterable<OccurrenceRecord>;
  occurrencesOf(calendar: string, year: number): Promise<OccurrenceRecord[]>;
  occurrencesOfOffice(calendar: string, office: string, year: number): Promise<OccurrenceRecord[]>;

  /**
   * Atomically: create the mail (unless one with its id exists) and apply every update (each CAS).
   * Returns false, writing nothing, when the mail already exists or any update lost its race.
   */
  commitMail(mail: MailRecord, updates: readonly OccurrenceUpdate[]): Promise<boolean>;
  /** Mails not yet sent: pending, or sending (claimMail decides whether a lease has expired). */
  unsentMails(): Promise<MailRecord[]>;
  /** pending (or sending with an expired lease) → sending with a new lease; false when another sender holds it or it was sent. */
  claimMail(id: string, leaseUntil: string, now: string): Promise<boolean>;
  markMailSent(id: string, messageId: string, sentAt: string): Promise<void>;
  /** Gives the mail back for a later attempt, or marks it failed for good. */
  releaseMail(id: string, error: string, permanent: boolean): Promise<void>;
  getMail(id: string): Promise<MailRecord | undefined>;

  getSubmission(occurrenceId: string, submissionId: string): Promise<SubmissionRecord | undefined>;
  submissionsOf(occurrenceId: string): Promise<SubmissionRecord[]>;
  submissionsSince(calendar: string, year: number, since: string | null): Promise<SubmissionRecord[]>;
  /**
   * Records one uploaded file. The first file of a submission creates it and applies `firstFileUpdate`
   * to the occurrence in the same transaction; a file already recorded is ignored (event redelivery).
   * Returns 'created', 'appended' or 'duplicate'.
   */
  recordFile(submission: SubmissionRecord, firstFileUpdate: OccurrenceUpdate): Promise<'created' | 'appended' | 'duplicate'>;
  /** Atomically sets a submission's review (only from `expectedStatus`) and applies the occurrence update. */
  commitReview(
    review: { occurrenceId: string; submissionId: string; expectedStatus: SubmissionRecord['status']; status: SubmissionRecord['status']; reason: string | null; reviewedBy: string; reviewedAt: string },
    update: OccurrenceUpdate,
  ): Promise<void>;
}

export interface OutgoingMail {
  from?: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
}

/** A mail transport failure: permanent (bad address, rejected) or transient (throttled, unavailable). */
export class MailTransportError extends Error {
  override readonly name = 'MailTransportError';
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

export interface Mailer {
  /** Returns the provider's message id. Throws MailTransportError. */
  send(mail: OutgoingMail): Promise<string>;
}

export interface UploadTarget {
  key: string;
  url: string;
  /** Headers the client must send with its PUT (they are part of the signature). */
  headers: Record<string, string>;
}

export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
  sha256: string;
}

export interface EvidenceBucket {
  presignPut(input: { key: string; contentType: string; size: number; metadata: Record<string, string>; expiresInSeconds: number }): Promise<UploadTarget>;
  /** Reads an object's metadata and hashes its content. */
  inspect(key: string): Promise<StoredObject>;
  /** A short-lived download link for a reviewer. */
  presignGet(key: string, expiresInSeconds: number): Promise<string>;
}
