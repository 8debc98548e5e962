/**
 * The outbox on the table: a mail is committed together with the state changes it reports, then
 * claimed with a lease, sent, and marked sent. Unsent mails are in the sparse outbox index, one
 * partition per calendar.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CommitOutcome, ConflictError, type OccurrenceUpdate, type OutboxStore } from '../../core/engine/ports.js';
import type { MailRecord } from '../../core/engine/records.js';
import { assertTransaction, LEGACY_OUTBOX_PK, mailItem, mailKey, occurrenceKey, outboxPk, strip } from './keys.js';
import { occurrenceUpdateInput } from './occurrences.js';
import { cancellationCodes, type Table, unexpectedCancellation } from './table.js';

export class DynamoOutbox implements OutboxStore {
  constructor(private readonly table: Table) {}

  async commit(mail: MailRecord, updates: readonly OccurrenceUpdate[]): Promise<CommitOutcome> {
    assertTransaction(`committing mail ${mail.id}`, [mailKey(mail.id), ...updates.map((u) => occurrenceKey(u.id))]);
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table.name, Item: mailItem(mail), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...updates.map((update) => ({ Update: occurrenceUpdateInput(this.table.name, update) })),
          ],
        }),
      );
      return 'committed';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed') return 'mail-exists';
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

  async get(id: string): Promise<MailRecord | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: mailKey(id), ConsistentRead: true }));
    return Item ? strip<MailRecord>(Item) : undefined;
  }
}
