/**
 * Occurrences on the table. Every change is a compare-and-set on `version`, and keeps the index keys
 * in step with the fields they are derived from (next action → GSI1, due → GSI2).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CivilDate } from '../../core/civil-date.js';
import { inParallel } from '../../core/engine/in-parallel.js';
import { ConflictError, type OccurrenceStore, type OccurrenceUpdate } from '../../core/engine/ports.js';
import type { OccurrenceRecord, SubmissionRecord } from '../../core/engine/records.js';
import { assertTransaction, attentionPk, attentionUntil, calendarYearPk, type Item, indexKeysOfUpdate, occurrenceItem, occurrenceKey, officePk, strip, submissionItem, submissionKey } from './keys.js';
import { cancellationCodes, sleep, type Table, unexpectedCancellation } from './table.js';

/** DynamoDB's limit of items in one TransactWriteItems. */
const TRANSACTION_LIMIT = 100;
/**
 * Transactions in flight at once when creating a plan's occurrences: each is 100 conditional puts
 * (200 write units), so 4 stay well inside an on-demand table's burst; see `npm run bench` for the rate.
 */
export const PARALLEL_TRANSACTIONS = 4;

export class DynamoOccurrences implements OccurrenceStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<OccurrenceRecord | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: occurrenceKey(id), ConsistentRead: true }));
    return Item ? strip<OccurrenceRecord>(Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<OccurrenceRecord[]> {
    const found: OccurrenceRecord[] = [];
    // BatchGetItem refuses a request that names a key twice: each id is asked for once.
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(start, start + 100).map(occurrenceKey);
      // BatchGet may leave keys unprocessed under load: ask again for those until none are left.
      for (let round = 0; keys && keys.length > 0; round += 1) {
        if (round > 0) await sleep(Math.min(1000, 50 * 2 ** round));
        const response: BatchGetCommandOutput = await this.table.doc.send(new BatchGetCommand({ RequestItems: { [this.table.name]: { Keys: keys, ConsistentRead: true } } }));
        found.push(...(response.Responses?.[this.table.name] ?? []).map((item) => strip<OccurrenceRecord>(item)));
        keys = response.UnprocessedKeys?.[this.table.name]?.Keys;
      }
    }
    return found;
  }

  async create(record: OccurrenceRecord): Promise<boolean> {
    try {
      await this.table.doc.send(new PutCommand({ TableName: this.table.name, Item: occurrenceItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Conditional puts, 100 to a transaction (DynamoDB's limit): a plan of 5,000 occurrences is 50 round
   * trips, not 5,000. A transaction cancelled because some of its items exist is retried without them
   * (its reasons say which); anything else is an error.
   */
  async createMany(records: readonly OccurrenceRecord[]): Promise<number> {
    const chunks: OccurrenceRecord[][] = [];
    for (let start = 0; start < records.length; start += TRANSACTION_LIMIT) chunks.push(records.slice(start, start + TRANSACTION_LIMIT));
    let created = 0;
    await inParallel(chunks, PARALLEL_TRANSACTIONS, async (chunk) => {
      const count = await this.createChunk(chunk); // not `created += await …`: that reads `created` before the await
      created += count;
    });
    return created;
  }

  /** One transaction of conditional puts: what already exists is dropped from the chunk and the rest tried again. */
  private async createChunk(records: OccurrenceRecord[]): Promise<number> {
    let chunk = records;
    while (chunk.length > 0) {
      try {
        await this.table.doc.send(
          new TransactWriteCommand({
            TransactItems: chunk.map((record) => ({ Put: { TableName: this.table.name, Item: occurrenceItem(record), ConditionExpression: 'attribute_not_exists(PK)' } })),
          }),
        );
        return chunk.length;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (!codes.some((c) => c === 'ConditionalCheckFailed')) {
          if (codes.every((c) => c === 'None' || c === 'TransactionConflict')) continue; // a concurrent writer: try again
          throw unexpectedCancellation(codes, `creating ${chunk.length} occurrences`);
        }
        chunk = chunk.filter((_, index) => codes[index] !== 'ConditionalCheckFailed');
      }
    }
    return 0;
  }

  async update(update: OccurrenceUpdate): Promise<OccurrenceRecord> {
    try {
      const { Attributes } = await this.table.doc.send(new UpdateCommand({ ...occurrenceUpdateInput(this.table.name, update), ReturnValues: 'ALL_NEW' }));
      return strip<OccurrenceRecord>(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`occurrence ${update.id} changed since version ${update.expectedVersion}`);
      throw error;
    }
  }

  async carryOver(record: OccurrenceRecord, submissions: readonly SubmissionRecord[], retire: OccurrenceUpdate): Promise<boolean> {
    assertTransaction(`carrying ${retire.id} over to ${record.id}`, [occurrenceKey(record.id), occurrenceKey(retire.id), ...submissions.map((s) => submissionKey(s.occurrenceId, s.submissionId))]);
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table.name, Item: occurrenceItem(record), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Update: occurrenceUpdateInput(this.table.name, retire) },
            ...submissions.map((s) => ({ Put: { TableName: this.table.name, Item: submissionItem(s), ConditionExpression: 'attribute_not_exists(PK)' } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed') return false;
      if (codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) throw new ConflictError(`occurrence ${retire.id} changed while its task was renamed`);
      throw unexpectedCancellation(codes, `carrying ${retire.id} over to ${record.id}`);
    }
  }

  dueForAction(calendar: string, day: CivilDate): AsyncIterable<OccurrenceRecord> {
    return this.table.pages<OccurrenceRecord>({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :until',
      ExpressionAttributeValues: { ':pk': attentionPk(calendar), ':until': attentionUntil(day) },
    });
  }

  attention(calendar: string): Promise<OccurrenceRecord[]> {
    return this.table.queryAll<OccurrenceRecord>({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': attentionPk(calendar) } });
  }

  ofCalendarYear(calendar: string, year: number): Promise<OccurrenceRecord[]> {
    return this.table.queryAll<OccurrenceRecord>({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND begins_with(GSI3SK, :prefix)',
      ExpressionAttributeValues: { ':pk': calendarYearPk(calendar, year), ':prefix': 'OCC#' },
    });
  }

  ofOffice(calendar: string, office: string, year: number): Promise<OccurrenceRecord[]> {
    return this.table.queryAll<OccurrenceRecord>({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :year)',
      ExpressionAttributeValues: { ':pk': officePk(calendar, office), ':year': `${year}#` },
    });
  }
}

/**
 * A compare-and-set update of one occurrence: checks the version, bumps it, and keeps the index keys
 * in step with the fields they are derived from.
 */
export function occurrenceUpdateInput(tableName: string, update: OccurrenceUpdate) {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Item = { ':expected': update.expectedVersion, ':one': 1 };
  const sets: string[] = ['#version = #version + :one'];
  for (const [field, value] of Object.entries(update.set)) {
    if (value === undefined || field === 'id' || field === 'version') continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  const keys = indexKeysOfUpdate(update);
  for (const [key, value] of Object.entries(keys.set)) {
    values[`:key_${key}`] = value;
    sets.push(`${key} = :key_${key}`);
  }
  return {
    TableName: tableName,
    Key: occurrenceKey(update.id),
    UpdateExpression: `SET ${sets.join(', ')}${keys.remove.length > 0 ? ` REMOVE ${keys.remove.join(', ')}` : ''}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
