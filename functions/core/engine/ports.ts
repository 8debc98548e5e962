/**
 * The ports of the engine: what the use cases need from storage, mail and the evidence bucket.
 * Adapters (DynamoDB, SES, S3, and the in-memory ones) implement them; the core never imports an AWS SDK.
 *
 * The store is split by aggregate: calendars, occurrences, the outbox of mails, submissions. A write that
 * spans two aggregates (a mail with the state changes it reports; a submission with its count) belongs to
 * the aggregate that starts it and is all-or-nothing.
 */
import type { AuditEntry } from '../access/audit.js';
import type { CivilDate } from '../civil-date.js';
import type { EnginePolicy } from './assess.js';
import type { LinkSettings } from './links.js';
import type { CalendarMeta, MailBounce, MailRecord, OccurrenceProgress, OccurrenceRecord, PlannedOccurrence, SubmissionRecord, UploadIntent } from './records.js';

/** The wall clock: leases, record times. Business days come from the run's scheduled time instead. */
export type Clock = () => Date;

/** What the use cases that write and mail need (sweep, review); adapters provide it. */
export interface EngineDeps {
  store: Store;
  mailer: Mailer;
  /** The group robots' channel (DingTalk, WeCom); absent where a function sends no reminders. */
  robots?: RobotChannel;
  /** How delivery waits for a robot's rate limit (tests pass one that moves their clock). */
  sleep?: (ms: number) => Promise<void>;
  policy: EnginePolicy;
  links: LinkSettings;
  clock: Clock;
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
  constructor(
    message: string,
    readonly field: string,
  ) {
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

export interface CalendarStore {
  put(meta: CalendarMeta): Promise<void>;
  get(id: string): Promise<CalendarMeta | undefined>;
  list(): Promise<CalendarMeta[]>;
  /** Moves the calendar's last digest time forward (never back). */
  setLastDigestAt(calendar: string, at: string): Promise<void>;
  /**
   * Appends a bounce or complaint to the calendar's `bounces`; the same one again (a redelivered
   * notification) is ignored. False when it was already marked or the calendar does not exist (nothing is created).
   */
  markBounce(calendar: string, bounce: MailBounce): Promise<boolean>;
}

export interface OccurrenceStore {
  get(id: string): Promise<OccurrenceRecord | undefined>;
  getMany(ids: readonly string[]): Promise<OccurrenceRecord[]>;
  /** Creates it unless it exists; returns false when it already existed. */
  create(record: OccurrenceRecord): Promise<boolean>;
  /**
   * Creates each record that does not exist yet (never overwriting one that does), in as few round
   * trips as the store allows; returns how many were created.
   */
  createMany(records: readonly OccurrenceRecord[]): Promise<number>;
  /** Compare-and-set on the version; throws ConflictError when it moved. */
  update(update: OccurrenceUpdate): Promise<OccurrenceRecord>;
  /**
   * A renamed task: creates `record` (which carries the old one's progress) with copies of the old
   * occurrence's submissions, and applies `retire` to the old one; all or nothing. False when the new
   * record exists already; ConflictError when the old one moved.
   */
  carryOver(record: OccurrenceRecord, submissions: readonly SubmissionRecord[], retire: OccurrenceUpdate): Promise<boolean>;
  /** Occurrences of a calendar whose next action is due on or before `day` (the sparse index), page by page. */
  dueForAction(calendar: string, day: CivilDate): AsyncIterable<OccurrenceRecord>;
  /** Every occurrence in the attention index of a calendar (tests and checks: the index must stay small). */
  attention(calendar: string): Promise<OccurrenceRecord[]>;
  ofCalendarYear(calendar: string, year: number): Promise<OccurrenceRecord[]>;
  ofOffice(calendar: string, office: string, year: number): Promise<OccurrenceRecord[]>;
}

/** How a mail commit ended; anything else (throttling, a malformed item) is thrown. */
export type CommitOutcome = 'committed' | 'mail-exists' | 'stale';

export interface OutboxStore {
  /**
   * Atomically: create the mail (unless one with its id exists) and apply every update (each CAS).
   * 'mail-exists' or 'stale' (an update lost its race) write nothing; any other failure throws.
   * `companions` are the same message for the office's other channels (its robots): created with it, or not at all.
   */
  commit(mail: MailRecord, updates: readonly OccurrenceUpdate[], companions?: readonly MailRecord[]): Promise<CommitOutcome>;
  /** The calendar's mails not yet sent: pending, or sending (claim decides whether a lease has expired). */
  unsent(calendar: string): Promise<MailRecord[]>;
  /** pending (or sending with an expired lease) → sending with a new lease; false when another sender holds it or it was sent. */
  claim(id: string, leaseUntil: string, now: string): Promise<boolean>;
  /** sending → sent; repeating it with the same message id is harmless (a lost reply retried). */
  markSent(id: string, messageId: string, sentAt: string): Promise<void>;
  /** Gives the mail back for a later attempt, or marks it failed for good. */
  release(id: string, error: string, permanent: boolean): Promise<void>;
  get(id: string): Promise<MailRecord | undefined>;
  /**
   * Takes one send from a channel's rate (at most `rate.count` in any `rate.windowMs`, across every sender):
   * null when taken, else the ISO instant to try again at (the window is full, or the channel is held).
   */
  takeSendSlot(channel: string, now: string, rate: SendRate): Promise<string | null>;
  /** No sends on the channel before `until` (a vendor locked it); never shortens a hold. */
  holdChannel(channel: string, until: string): Promise<void>;
}

export interface SendRate {
  count: number;
  windowMs: number;
}

/** A review decision, applied only while the submission still has `expectedStatus`. */
export interface ReviewChange {
  occurrenceId: string;
  submissionId: string;
  expectedStatus: SubmissionRecord['status'];
  status: SubmissionRecord['status'];
  reason: string | null;
  reviewedBy: string;
  reviewedAt: string;
  /** The audit entry of the decision, written in the same transaction: no decision without its entry. */
  audit?: AuditEntry;
}

export interface SubmissionStore {
  get(occurrenceId: string, submissionId: string): Promise<SubmissionRecord | undefined>;
  ofOccurrence(occurrenceId: string): Promise<SubmissionRecord[]>;
  /** Submissions of a calendar's year recorded in [since, until) (recordedAt), oldest first. */
  recordedBetween(calendar: string, year: number, since: string | null, until: string): Promise<SubmissionRecord[]>;
  /**
   * Records one uploaded file. The first file of a submission creates it and applies `firstFileUpdate`
   * to the occurrence in the same transaction; a file already recorded is ignored (event redelivery).
   */
  recordFile(submission: SubmissionRecord, firstFileUpdate: OccurrenceUpdate): Promise<'created' | 'appended' | 'duplicate'>;
  /**
   * Atomically sets a submission's review (only from `expectedStatus`), applies the occurrence update,
   * and puts `notice` (the mail telling the office, if any) into the outbox.
   */
  commitReview(review: ReviewChange, update: OccurrenceUpdate, notice?: MailRecord): Promise<void>;
  /** What an office asked to upload (names, note, activity date): kept here, not in the bucket's metadata. */
  putIntent(intent: UploadIntent): Promise<void>;
  getIntent(occurrenceId: string, submissionId: string): Promise<UploadIntent | undefined>;
}

export interface Store {
  calendars: CalendarStore;
  occurrences: OccurrenceStore;
  outbox: OutboxStore;
  submissions: SubmissionStore;
}

export interface OutgoingMail {
  /** The outbox entry it comes from (transports that can carry it, e.g. as a Message-ID, do). */
  id?: string;
  from?: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
}

/** A channel's failure (mail or robot): permanent (bad address, rejected) or transient (throttled, unavailable). */
export class MailTransportError extends Error {
  override readonly name: string = 'MailTransportError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface Mailer {
  /** Returns the provider's message id. Throws MailTransportError. */
  send(mail: OutgoingMail): Promise<string>;
}

/** A group robot as an office's channel: the vendor, its webhook and the name of the secret with its credentials. */
export interface RobotTarget {
  vendor: 'dingtalk' | 'wecom';
  webhook: string;
  secret: string;
}

/** One markdown message to one robot (a long one is split into several before it enters the outbox). */
export interface RobotMessage {
  /** The outbox entry it comes from. */
  id: string;
  robot: RobotTarget;
  title: string;
  markdown: string;
}

/** The vendor refused for sending too fast and locks the robot for `lockMs` (DingTalk: 10 minutes). */
export class RobotLockedError extends MailTransportError {
  override readonly name = 'RobotLockedError';
  constructor(
    message: string,
    readonly lockMs: number,
  ) {
    super(message, false);
  }
}

/** The channel port of the group robots (DingTalk and WeCom adapters). */
export interface RobotChannel {
  /** Returns an id for the message. Throws MailTransportError (a reply with errcode != 0 included). */
  send(message: RobotMessage): Promise<string>;
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
  /** The version read (the bucket is versioned in AWS); null where the bucket keeps no versions (the local emulator). */
  versionId: string | null;
}

/** An object as a listing shows it (the daily reconciliation). */
export interface ListedObject {
  key: string;
  size: number;
  /** ISO instant. */
  lastModified: string;
}

/** S3 allows 2 KB of user metadata (keys and values, UTF-8); a presigned PUT beyond it always fails. */
export const MAX_METADATA_BYTES = 2048;

export class MetadataTooLargeError extends Error {
  override readonly name = 'MetadataTooLargeError';
}

export function assertMetadataSize(metadata: Record<string, string>): void {
  const bytes = Object.entries(metadata).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > MAX_METADATA_BYTES) throw new MetadataTooLargeError(`object metadata is ${bytes} bytes; S3 allows ${MAX_METADATA_BYTES}`);
}

/** What a presigned PUT is granted for: the signature binds every field, so the client cannot change one. */
export interface PutGrant {
  key: string;
  contentType: string;
  size: number;
  metadata: Record<string, string>;
  expiresInSeconds: number;
  /**
   * The file's SHA-256 as the client computed it (64 hex digits). Signed into the PUT as
   * `x-amz-checksum-sha256`: S3 refuses a body that does not match it.
   */
  sha256?: string | undefined;
}

export interface EvidenceBucket {
  /**
   * A presigned PUT that cannot overwrite (`If-None-Match: *` is signed into it) and, given the file's
   * SHA-256, whose body S3 checks against it. Throws MetadataTooLargeError beyond S3's metadata limit
   * (the emulator does not enforce it; we do).
   */
  presignPut(input: PutGrant): Promise<UploadTarget>;
  /** Reads an object's metadata and hashes its content: the version given, else the current one. */
  inspect(key: string, versionId?: string): Promise<StoredObject>;
  /** A short-lived download link for a reviewer: of the version given, else the current one. */
  presignGet(key: string, expiresInSeconds: number, versionId?: string): Promise<string>;
  /** Every object under the prefix (current versions), page by page. */
  list(prefix: string): AsyncIterable<ListedObject>;
}

/** One calendar's sweep, as the scheduled run hands it to a worker. */
export interface SweepOrder {
  calendar: string;
  /** The run's clock (the schedule's time), so a retried or late worker sweeps the same day. */
  scheduledTime: string;
  runId?: string | undefined;
}

/** Where the scheduled run puts one order per calendar (SQS in AWS); each is swept by its own worker. */
export interface SweepQueue {
  /** Resolves once every order is queued; throws a SweepQueueError naming the calendars it could not queue. */
  enqueue(orders: readonly SweepOrder[]): Promise<void>;
}

/** Some orders could not be queued after retries: their calendars are named, the others are queued. */
export class SweepQueueError extends Error {
  override readonly name = 'SweepQueueError';
  constructor(
    readonly calendars: readonly string[],
    detail: string,
  ) {
    super(`could not queue the sweep of ${calendars.length} calendar(s): ${calendars.slice(0, 10).join(', ')}${calendars.length > 10 ? ', …' : ''} (${detail})`);
  }
}
