/**
 * The engine's Store in memory, for the property tests and the simulation: the same items, keys and
 * conditions as the DynamoDB store (the contract suite holds both to the same behaviour). Each method
 * checks every condition before it writes anything, so a refused transaction writes nothing.
 */
import type { CivilDate } from '../../core/civil-date.js';
import {
  type CalendarStore,
  type CommitOutcome,
  ConflictError,
  type OccurrenceStore,
  type OccurrenceUpdate,
  type OutboxStore,
  type ReviewChange,
  type SendRate,
  type Store,
  type SubmissionStore,
} from '../../core/engine/ports.js';
import type { CalendarMeta, MailBounce, MailRecord, OccurrenceRecord, SubmissionRecord, UploadIntent } from '../../core/engine/records.js';
import { held, type SendWindow, takeSlot } from '../../core/engine/send-rate.js';
import { auditItem } from '../dynamo/access-keys.js';
import {
  assertIndexable,
  assertTransaction,
  attentionPk,
  attentionUntil,
  bounceKey,
  CALENDARS_PK,
  calendarItem,
  calendarKey,
  calendarYearPk,
  type Item,
  indexKeysOfUpdate,
  intentItem,
  intentKey,
  mailItem,
  mailKey,
  occurrenceItem,
  occurrenceKey,
  officePk,
  outboxPk,
  sendRateKey,
  strip,
  submissionItem,
  submissionKey,
} from '../dynamo/keys.js';
import { MemoryTable } from './memory-table.js';

/** `table`: shared with the access store (memoryAccess), so a review's audit entry lands where the audit is read. */
export function memoryStore(options: { pageSize?: number; table?: MemoryTable } = {}): Store {
  const table = options.table ?? new MemoryTable(options.pageSize);
  const occurrences = new MemoryOccurrences(table);
  return {
    calendars: new MemoryCalendars(table),
    occurrences,
    outbox: new MemoryOutbox(table, occurrences),
    submissions: new MemorySubmissions(table, occurrences),
  };
}

class MemoryCalendars implements CalendarStore {
  constructor(private readonly table: MemoryTable) {}

  /**
   * As DynamoDB's `if_not_exists(lastDigestAt, …)`: a calendar's digest time, even null, is changed only
   * by setLastDigestAt; its bounces only by markBounce.
   */
  async put(meta: CalendarMeta): Promise<void> {
    const existing = this.table.get(calendarKey(meta.id));
    const lastDigestAt = existing && existing.lastDigestAt !== undefined ? (existing.lastDigestAt as string | null) : meta.lastDigestAt;
    const { bounces: _bounces, ...plan } = meta;
    this.table.put({ ...existing, ...calendarItem({ ...plan, lastDigestAt }) });
  }

  async markBounce(calendar: string, bounce: MailBounce): Promise<boolean> {
    const item = this.table.get(calendarKey(calendar));
    if (!item) return false;
    const keys = (item.bounceKeys as Set<string> | undefined) ?? new Set<string>();
    const key = bounceKey(bounce);
    if (keys.has(key)) return false;
    const bounces = (item.bounces as MailBounce[] | undefined) ?? [];
    this.table.put({ ...item, bounces: [...bounces, { address: bounce.address, type: bounce.type, at: bounce.at }], bounceKeys: new Set([...keys, key]) });
    return true;
  }

  async get(id: string): Promise<CalendarMeta | undefined> {
    const item = this.table.get(calendarKey(id));
    return item ? strip<CalendarMeta>(item) : undefined;
  }

  async list(): Promise<CalendarMeta[]> {
    return (await this.table.all({ index: 'table', pk: CALENDARS_PK })).map((item) => strip<CalendarMeta>(item));
  }

  async setLastDigestAt(calendar: string, at: string): Promise<void> {
    const item = this.table.get(calendarKey(calendar));
    if (!item) return;
    const current = item.lastDigestAt as string | null;
    if (current === null || current === undefined || current < at) this.table.put({ ...item, lastDigestAt: at });
  }
}

class MemoryOccurrences implements OccurrenceStore {
  constructor(private readonly table: MemoryTable) {}

  async get(id: string): Promise<OccurrenceRecord | undefined> {
    return this.read(id);
  }

  async getMany(ids: readonly string[]): Promise<OccurrenceRecord[]> {
    return [...new Set(ids)].flatMap((id) => this.read(id) ?? []);
  }

  async create(record: OccurrenceRecord): Promise<boolean> {
    if (this.table.has(occurrenceKey(record.id))) return false;
    this.table.put(occurrenceItem(record));
    return true;
  }

  async createMany(records: readonly OccurrenceRecord[]): Promise<number> {
    let created = 0;
    for (const record of records) if (await this.create(record)) created += 1;
    return created;
  }

  async update(update: OccurrenceUpdate): Promise<OccurrenceRecord> {
    this.check(update);
    return this.apply(update);
  }

  async carryOver(record: OccurrenceRecord, submissions: readonly SubmissionRecord[], retire: OccurrenceUpdate): Promise<boolean> {
    assertTransaction(`carrying ${retire.id} over to ${record.id}`, [occurrenceKey(record.id), occurrenceKey(retire.id), ...submissions.map((s) => submissionKey(s.occurrenceId, s.submissionId))]);
    assertIndexable(retire);
    if (this.table.has(occurrenceKey(record.id))) return false;
    this.check(retire);
    if (submissions.some((s) => this.table.has(submissionKey(s.occurrenceId, s.submissionId)))) throw new ConflictError(`occurrence ${retire.id} changed while its task was renamed`);
    this.table.put(occurrenceItem(record));
    this.apply(retire);
    for (const s of submissions) this.table.put(submissionItem(s));
    return true;
  }

  async *dueForAction(calendar: string, day: CivilDate): AsyncIterable<OccurrenceRecord> {
    const until = attentionUntil(day);
    for await (const item of this.table.pages({ index: 'GSI1', pk: attentionPk(calendar), sk: (sk) => sk <= until })) yield strip<OccurrenceRecord>(item);
  }

  async attention(calendar: string): Promise<OccurrenceRecord[]> {
    return (await this.table.all({ index: 'GSI1', pk: attentionPk(calendar) })).map((item) => strip<OccurrenceRecord>(item));
  }

  async ofCalendarYear(calendar: string, year: number): Promise<OccurrenceRecord[]> {
    return (await this.table.all({ index: 'GSI3', pk: calendarYearPk(calendar, year), sk: (sk) => sk.startsWith('OCC#') })).map((item) => strip<OccurrenceRecord>(item));
  }

  async ofOffice(calendar: string, office: string, year: number): Promise<OccurrenceRecord[]> {
    return (await this.table.all({ index: 'GSI2', pk: officePk(calendar, office), sk: (sk) => sk.startsWith(`${year}#`) })).map((item) => strip<OccurrenceRecord>(item));
  }

  /** Throws ConflictError unless the occurrence exists at the expected version (the CAS condition); refuses an update the table could not index. */
  check(update: OccurrenceUpdate): void {
    assertIndexable(update);
    const current = this.read(update.id);
    if (!current || current.version !== update.expectedVersion) throw new ConflictError(`occurrence ${update.id} changed since version ${update.expectedVersion}`);
  }

  /** Applies a checked update as DynamoDB's update expression does: the set fields, the version bumped, the index keys it moves. */
  apply(update: OccurrenceUpdate): OccurrenceRecord {
    const item = this.table.get(occurrenceKey(update.id))!;
    const next: Item = { ...item, version: (item.version as number) + 1 };
    for (const [field, value] of Object.entries(update.set)) {
      if (value === undefined || field === 'id' || field === 'version') continue;
      next[field] = value;
    }
    const keys = indexKeysOfUpdate(update);
    Object.assign(next, keys.set);
    for (const key of keys.remove) delete next[key];
    this.table.put(next);
    return this.read(update.id)!;
  }

  private read(id: string): OccurrenceRecord | undefined {
    const item = this.table.get(occurrenceKey(id));
    return item ? strip<OccurrenceRecord>(item) : undefined;
  }
}

class MemoryOutbox implements OutboxStore {
  constructor(
    private readonly table: MemoryTable,
    private readonly occurrences: MemoryOccurrences,
  ) {}

  async commit(mail: MailRecord, updates: readonly OccurrenceUpdate[], companions: readonly MailRecord[] = []): Promise<CommitOutcome> {
    const entries = [mail, ...companions];
    assertTransaction(`committing mail ${mail.id}`, [...entries.map((m) => mailKey(m.id)), ...updates.map((u) => occurrenceKey(u.id))]);
    for (const update of updates) assertIndexable(update);
    if (entries.some((m) => this.table.has(mailKey(m.id)))) return 'mail-exists';
    try {
      for (const update of updates) this.occurrences.check(update);
    } catch (error) {
      if (error instanceof ConflictError) return 'stale';
      throw error;
    }
    for (const entry of entries) this.table.put(mailItem(entry));
    for (const update of updates) this.occurrences.apply(update);
    return 'committed';
  }

  async takeSendSlot(channel: string, now: string, rate: SendRate): Promise<string | null> {
    const decision = takeSlot(this.window(channel), now, rate);
    if (!decision.taken) return decision.retryAt;
    this.table.put({ ...sendRateKey(channel), ...decision.window });
    return null;
  }

  async holdChannel(channel: string, until: string): Promise<void> {
    this.table.put({ ...sendRateKey(channel), ...held(this.window(channel), until) });
  }

  private window(channel: string): SendWindow {
    const item = this.table.get(sendRateKey(channel));
    return { sends: (item?.sends as string[] | undefined) ?? [], heldUntil: (item?.heldUntil as string | null | undefined) ?? null };
  }

  async unsent(calendar: string): Promise<MailRecord[]> {
    return (await this.table.all({ index: 'GSI1', pk: outboxPk(calendar) })).map((item) => strip<MailRecord>(item));
  }

  async claim(id: string, leaseUntil: string, now: string): Promise<boolean> {
    const mail = this.read(id);
    if (!mail) return false;
    const claimable = mail.status === 'pending' || (mail.status === 'sending' && mail.leaseUntil !== null && mail.leaseUntil < now);
    if (!claimable) return false;
    this.table.put(mailItem({ ...mail, status: 'sending', leaseUntil, attempts: mail.attempts + 1 }));
    return true;
  }

  async markSent(id: string, messageId: string, sentAt: string): Promise<void> {
    const mail = this.read(id);
    if (mail?.status === 'sent' && mail.messageId === messageId) return;
    if (mail?.status !== 'sending') throw new Error(`mail ${id} is ${mail?.status ?? 'missing'}, not being sent`);
    this.table.put(mailItem({ ...mail, status: 'sent', messageId, sentAt, leaseUntil: null, error: null }));
  }

  async release(id: string, error: string, permanent: boolean): Promise<void> {
    const mail = this.read(id);
    if (mail?.status !== 'sending') throw new ConflictError(`mail ${id} is ${mail?.status ?? 'missing'}, not being sent`);
    this.table.put(mailItem({ ...mail, status: permanent ? 'failed' : 'pending', error: error.slice(0, 1000), leaseUntil: null }));
  }

  async get(id: string): Promise<MailRecord | undefined> {
    return this.read(id);
  }

  private read(id: string): MailRecord | undefined {
    const item = this.table.get(mailKey(id));
    return item ? strip<MailRecord>(item) : undefined;
  }
}

class MemorySubmissions implements SubmissionStore {
  constructor(
    private readonly table: MemoryTable,
    private readonly occurrences: MemoryOccurrences,
  ) {}

  async get(occurrenceId: string, submissionId: string): Promise<SubmissionRecord | undefined> {
    const item = this.table.get(submissionKey(occurrenceId, submissionId));
    return item ? strip<SubmissionRecord>(item) : undefined;
  }

  async ofOccurrence(occurrenceId: string): Promise<SubmissionRecord[]> {
    return (await this.table.all({ index: 'table', pk: `OCC#${occurrenceId}`, sk: (sk) => sk.startsWith('SUB#') })).map((item) => strip<SubmissionRecord>(item));
  }

  async recordedBetween(calendar: string, year: number, since: string | null, until: string): Promise<SubmissionRecord[]> {
    const from = `SUB#${since ?? ''}`;
    const to = `SUB#${until}`;
    return (await this.table.all({ index: 'GSI3', pk: calendarYearPk(calendar, year), sk: (sk) => sk >= from && sk <= to })).map((item) => strip<SubmissionRecord>(item));
  }

  async recordFile(submission: SubmissionRecord, firstFileUpdate: OccurrenceUpdate): Promise<'created' | 'appended' | 'duplicate'> {
    const key = submissionKey(submission.occurrenceId, submission.submissionId);
    const existing = this.table.get(key);
    const file = submission.files[0]!;
    assertIndexable(firstFileUpdate);
    if (!existing) {
      this.occurrences.check(firstFileUpdate);
      this.table.put(submissionItem(submission));
      this.occurrences.apply(firstFileUpdate);
      return 'created';
    }
    const recorded = strip<SubmissionRecord>(existing);
    if (!file || recorded.files.some((f) => f.key === file.key)) return 'duplicate';
    this.table.put(submissionItem({ ...recorded, files: [...recorded.files, file] }));
    return 'appended';
  }

  async commitReview(review: ReviewChange, update: OccurrenceUpdate, notice?: MailRecord): Promise<void> {
    const current = await this.get(review.occurrenceId, review.submissionId);
    if (notice && this.table.has(mailKey(notice.id))) throw new ConflictError(`submission ${review.submissionId} or its occurrence changed during review`);
    assertIndexable(update);
    if (current?.status !== review.expectedStatus) throw new ConflictError(`submission ${review.submissionId} or its occurrence changed during review`);
    try {
      this.occurrences.check(update);
    } catch (error) {
      if (error instanceof ConflictError) throw new ConflictError(`submission ${review.submissionId} or its occurrence changed during review`);
      throw error;
    }
    if (review.audit && this.table.has(auditItem(review.audit) as { PK: string; SK: string })) throw new ConflictError(`audit entry ${review.audit.id} exists already`);
    this.table.put(submissionItem({ ...current, status: review.status, reason: review.reason, reviewedBy: review.reviewedBy, reviewedAt: review.reviewedAt }));
    this.occurrences.apply(update);
    if (notice) this.table.put(mailItem(notice));
    if (review.audit) this.table.put(auditItem(review.audit));
  }

  async putIntent(intent: UploadIntent): Promise<void> {
    if (this.table.has(intentKey(intent.occurrenceId, intent.submissionId))) throw new ConflictError(`upload ${intent.submissionId} was already granted`);
    this.table.put(intentItem(intent));
  }

  async getIntent(occurrenceId: string, submissionId: string): Promise<UploadIntent | undefined> {
    const item = this.table.get(intentKey(occurrenceId, submissionId));
    return item ? strip<UploadIntent>(item) : undefined;
  }
}
