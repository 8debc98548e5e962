/**
 * The outbox on the table: a mail is committed together with the state changes it reports, then
 * claimed with a lease, sent, and marked sent. Unsent mails are in the sparse outbox index, one
 * partition per calendar.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CommitOutcome, ConflictError, type OccurrenceUpdate, type OutboxStore, type SendRate } from '../../core/engine/ports.js';
import type { MailRecord } from '../../core/engine/records.js';
import { held, type SendWindow, takeSlot } from '../../core/engine/send-rate.js';
import { assertTransaction, LEGACY_OUTBOX_PK, mailItem, mailKey, occurrenceKey, outboxPk, sendRateKey, strip } from './keys.js';
import { occurrenceUpdateInput } from './occurrences.js';
import { cancellationCodes, type Table, unexpectedCancellation } from './table.js';

/** Senders racing for one channel's window: each lost race re-reads it. */
const SLOT_ATTEMPTS = 8;

export class DynamoOutbox implements OutboxStore {
  constructor(private readonly table: Table) {}

  async commit(mail: MailRecord, updates: readonly OccurrenceUpdate[], companions: readonly MailRecord[] = []): Promise<CommitOutcome> {
    const entries = [mail, ...companions];
    assertTransaction(`committing mail ${mail.id}`, [...entries.map((m) => mailKey(m.id)), ...updates.map((u) => occurrenceKey(u.id))]);
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...entries.map((entry) => ({ Put: { TableName: this.table.name, Item: mailItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } })),
            ...updates.map((update) => ({ Update: occurrenceUpdateInput(this.table.name, update) })),
          ],
        }),
      );
      return 'committed';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes.slice(0, entries.length).includes('ConditionalCheckFailed')) return 'mail-exists';
      // Another writer moved an item (or held it in its own transaction): read again and reassess.
      if (codes.every((c) => c === 'None' || c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) return 'stale';
      throw unexpectedCancellation(codes, `committing mail ${mail.id}`);
    }
  }

  async unsent(calendar: string): Promise<MailRecord[]> {
    const [own, legacy] = await Promise.all([
      this.table.queryAll<MailRecord>({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': outboxPk(calendar) } }),
      this.table.queryAll<MailRecord>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        FilterExpression: 'calendar = :calendar',
        ExpressionAttributeValues: { ':pk': LEGACY_OUTBOX_PK, ':calendar': calendar },
      }),
    ]);
    return [...own, ...legacy];
  }

  async claim(id: string, leaseUntil: string, now: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: mailKey(id),
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one',
          ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':lease': leaseUntil, ':now': now, ':one': 1 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markSent(id: string, messageId: string, sentAt: string): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: mailKey(id),
          UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :sentAt, leaseUntil = :null, #error = :null REMOVE GSI1PK, GSI1SK',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':messageId': messageId, ':sentAt': sentAt, ':null': null },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A retry after a lost reply finds its own write: that is success, anything else is not.
      const current = await this.get(id);
      if (current?.status !== 'sent' || current.messageId !== messageId) throw new Error(`mail ${id} is ${current?.status ?? 'missing'}, not being sent`);
    }
  }

  async release(id: string, error: string, permanent: boolean): Promise<void> {
    try {
      await this.releaseOnce(id, error, permanent);
    } catch (failure) {
      if (failure instanceof ConditionalCheckFailedException) throw new ConflictError(`mail ${id} is not being sent`);
      throw failure;
    }
  }

  private async releaseOnce(id: string, error: string, permanent: boolean): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: mailKey(id),
        UpdateExpression: `SET #status = :status, #error = :error, leaseUntil = :null${permanent ? ' REMOVE GSI1PK, GSI1SK' : ''}`,
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: { ':status': permanent ? 'failed' : 'pending', ':sending': 'sending', ':error': error.slice(0, 1000), ':null': null },
      }),
    );
  }

  async takeSendSlot(channel: string, now: string, rate: SendRate): Promise<string | null> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.window(channel);
      const decision = takeSlot(current.window, now, rate);
      if (!decision.taken) return decision.retryAt;
      if (await this.putWindow(channel, decision.window, current.version)) return null;
      // Another sender took a slot meanwhile: decide again on what it wrote.
      if (attempt >= SLOT_ATTEMPTS) throw new ConflictError(`the send rate of ${channel} kept changing during ${SLOT_ATTEMPTS} attempts`);
    }
  }

  async holdChannel(channel: string, until: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.window(channel);
      if (await this.putWindow(channel, held(current.window, until), current.version)) return;
      if (attempt >= SLOT_ATTEMPTS) throw new ConflictError(`the send rate of ${channel} kept changing during ${SLOT_ATTEMPTS} attempts`);
    }
  }

  private async window(channel: string): Promise<{ window: SendWindow; version: number | null }> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: sendRateKey(channel), ConsistentRead: true }));
    if (!Item) return { window: { sends: [], heldUntil: null }, version: null };
    return { window: { sends: (Item.sends as string[]) ?? [], heldUntil: (Item.heldUntil as string | null) ?? null }, version: Item.version as number };
  }

  /** Compare-and-set on the window's version (absent: nobody has written it yet). */
  private async putWindow(channel: string, window: SendWindow, version: number | null): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...sendRateKey(channel), type: 'send-rate', ...window, version: (version ?? 0) + 1 },
          ConditionExpression: version === null ? 'attribute_not_exists(PK)' : 'version = :version',
          ...(version === null ? {} : { ExpressionAttributeValues: { ':version': version } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(id: string): Promise<MailRecord | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: mailKey(id), ConsistentRead: true }));
    return Item ? strip<MailRecord>(Item) : undefined;
  }
}
