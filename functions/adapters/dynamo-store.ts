/**
 * The engine's Store on one DynamoDB table (see table-design.ts for keys and indexes).
 * Every state change is conditional: occurrences by version (compare-and-set), mails by existence
 * and status, submissions by status; multi-item changes are transactions.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CivilDate } from '../core/civil-date.js';
import { ConflictError, type OccurrenceUpdate, type Store } from '../core/engine/ports.js';
import type { CalendarMeta, MailRecord, OccurrenceRecord, SubmissionRecord } from '../core/engine/records.js';

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'type', 'fileKeys'];
type Item = Record<string, unknown>;

const occurrenceKey = (id: string) => ({ PK: `OCC#${id}`, SK: 'OCC' });
const mailKey = (id: string) => ({ PK: `MAIL#${id}`, SK: 'MAIL' });
const submissionKey = (occurrenceId: string, submissionId: string) => ({ PK: `OCC#${occurrenceId}`, SK: `SUB#${submissionId}` });
/** Occurrence ids are calendar/task/office/period. */
const calendarOf = (occurrenceId: string) => occurrenceId.split('/')[0]!;

export class DynamoStore implements Store {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  // ── calendars ────────────────────────────────────────────────────────────────
  async putCalendar(meta: CalendarMeta): Promise<void> {
    const { lastDigestAt, ...rest } = meta;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':type': 'calendar', ':lastDigestAt': lastDigestAt };
    const sets = Object.entries(rest).map(([field, value]) => {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      return `#${field} = :${field}`;
    });
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: 'CALENDARS', SK: meta.id },
        UpdateExpression: `SET ${[...sets, '#type = :type', 'lastDigestAt = if_not_exists(lastDigestAt, :lastDigestAt)'].join(', ')}`,
        ExpressionAttributeNames: { ...names, '#type': 'type' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async getCalendar(id: string): Promise<CalendarMeta | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: 'CALENDARS', SK: id }, ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as CalendarMeta) : undefined;
  }

  async listCalendars(): Promise<CalendarMeta[]> {
    return (await this.queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'CALENDARS' }, ConsistentRead: true })) as unknown as CalendarMeta[];
  }

  async setLastDigestAt(calendar: string, at: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: 'CALENDARS', SK: calendar },
          UpdateExpression: 'SET lastDigestAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_type(lastDigestAt, :null) OR lastDigestAt < :at)',
          ExpressionAttributeValues: { ':at': at, ':null': 'NULL' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // a later digest already moved it
    }
  }

  // ── occurrences ──────────────────────────────────────────────────────────────
  async getOccurrence(id: string): Promise<OccurrenceRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: occurrenceKey(id), ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as OccurrenceRecord) : undefined;
  }

  async getOccurrences(ids: readonly string[]): Promise<OccurrenceRecord[]> {
    const found: OccurrenceRecord[] = [];
    for (let start = 0; start < ids.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(start, start + 100).map(occurrenceKey);
      // BatchGet may leave keys unprocessed under load: ask again for those until none are left.
      for (let round = 0; keys && keys.length > 0; round += 1) {
        if (round > 0) await sleep(Math.min(1000, 50 * 2 ** round));
        const response: BatchGetCommandOutput = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
        found.push(...((response.Responses?.[this.tableName] ?? []).map(strip) as unknown as OccurrenceRecord[]));
        keys = response.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  async createOccurrence(record: OccurrenceRecord): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: occurrenceItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async updateOccurrence(update: OccurrenceUpdate): Promise<OccurrenceRecord> {
    try {
      const { Attributes } = await this.doc.send(new UpdateCommand({ ...occurrenceUpdateInput(this.tableName, update), ReturnValues: 'ALL_NEW' }));
      return strip(Attributes ?? {}) as unknown as OccurrenceRecord;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`occurrence ${update.id} changed since version ${update.expectedVersion}`);
      throw error;
    }
  }

  async *dueForAction(calendar: string, day: CivilDate): AsyncIterable<OccurrenceRecord> {
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :until',
        ExpressionAttributeValues: { ':pk': `ATTN#${calendar}`, ':until': `${day}#\uffff` },
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) yield strip(item) as unknown as OccurrenceRecord;
  }

  async occurrencesOf(calendar: string, year: number): Promise<OccurrenceRecord[]> {
    return (await this.queryAll({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND begins_with(GSI3SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `CAL#${calendar}#${year}`, ':prefix': 'OCC#' },
    })) as unknown as OccurrenceRecord[];
  }

  async occurrencesOfOffice(calendar: string, office: string, year: number): Promise<OccurrenceRecord[]> {
    return (await this.queryAll({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :year)',
      ExpressionAttributeValues: { ':pk': `OFFICE#${calendar}#${office}`, ':year': `${year}#` },
    })) as unknown as OccurrenceRecord[];
  }

  // ── mails (the outbox) ───────────────────────────────────────────────────────
  async commitMail(mail: MailRecord, updates: readonly OccurrenceUpdate[]): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: mailItem(mail), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...updates.map((update) => ({ Update: occurrenceUpdateInput(this.tableName, update) })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async unsentMails(): Promise<MailRecord[]> {
    return (await this.queryAll({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': 'OUTBOX' } })) as unknown as MailRecord[];
  }

  async claimMail(id: string, leaseUntil: string, now: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
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

  async markMailSent(id: string, messageId: string, sentAt: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: mailKey(id),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :sentAt, leaseUntil = :null, #error = :null REMOVE GSI1PK, GSI1SK',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':messageId': messageId, ':sentAt': sentAt, ':null': null },
      }),
    );
  }

  async releaseMail(id: string, error: string, permanent: boolean): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: mailKey(id),
        UpdateExpression: `SET #status = :status, #error = :error, leaseUntil = :null${permanent ? ' REMOVE GSI1PK, GSI1SK' : ''}`,
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: { ':status': permanent ? 'failed' : 'pending', ':sending': 'sending', ':error': error.slice(0, 1000), ':null': null },
      }),
    );
  }

  async getMail(id: string): Promise<MailRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: mailKey(id), ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as MailRecord) : undefined;
  }

  // ── submissions ──────────────────────────────────────────────────────────────
  async getSubmission(occurrenceId: string, submissionId: string): Promise<SubmissionRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: submissionKey(occurrenceId, submissionId), ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as SubmissionRecord) : undefined;
  }

  async submissionsOf(occurrenceId: string): Promise<SubmissionRecord[]> {
    return (await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `OCC#${occurrenceId}`, ':prefix': 'SUB#' },
      ConsistentRead: true,
    })) as unknown as SubmissionRecord[];
  }

  async submissionsSince(calendar: string, year: number, since: string | null): Promise<SubmissionRecord[]> {
    return (await this.queryAll({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': `CAL#${calendar}#${year}`, ':from': `SUB#${since ?? ''}`, ':to': 'SUB#\uffff' },
    })) as unknown as SubmissionRecord[];
  }

  async recordFile(submission: SubmissionRecord, firstFileUpdate: OccurrenceUpdate): Promise<'created' | 'appended' | 'duplicate'> {
    const file = submission.files[0]!;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: submissionItem(submission), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Update: occurrenceUpdateInput(this.tableName, firstFileUpdate) },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [submissionReason, occurrenceReason] = error.CancellationReasons ?? [];
      if (submissionReason?.Code !== 'ConditionalCheckFailed') {
        if (occurrenceReason?.Code === 'ConditionalCheckFailed') throw new ConflictError(`occurrence ${submission.occurrenceId} changed while recording ${file.key}`);
        throw error;
      }
    }
    // The submission exists: append this file unless this very file was recorded already.
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(submission.occurrenceId, submission.submissionId),
          UpdateExpression: 'SET files = list_append(files, :file) ADD fileKeys :keys',
          ConditionExpression: 'NOT contains(fileKeys, :key)',
          ExpressionAttributeValues: { ':file': [file], ':keys': new Set([file.key]), ':key': file.key },
        }),
      );
      return 'appended';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async commitReview(
    review: { occurrenceId: string; submissionId: string; expectedStatus: SubmissionRecord['status']; status: SubmissionRecord['status']; reason: string | null; reviewedBy: string; reviewedAt: string },
    update: OccurrenceUpdate,
  ): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: submissionKey(review.occurrenceId, review.submissionId),
                UpdateExpression: 'SET #status = :status, reason = :reason, reviewedBy = :by, reviewedAt = :at',
                ConditionExpression: '#status = :expected',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': review.status, ':reason': review.reason, ':by': review.reviewedBy, ':at': review.reviewedAt, ':expected': review.expectedStatus },
              },
            },
            { Update: occurrenceUpdateInput(this.tableName, update) },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new ConflictError(`submission ${review.submissionId} or its occurrence changed during review`);
      throw error;
    }
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []).map(strip));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}

function occurrenceItem(record: OccurrenceRecord): Item {
  return {
    ...occurrenceKey(record.id),
    type: 'occurrence',
    ...record,
    ...attentionKeys(record.calendar, record.id, record.nextActionAt),
    GSI2PK: `OFFICE#${record.calendar}#${record.office}`,
    GSI2SK: `${record.year}#${record.due}#${record.id}`,
    GSI3PK: `CAL#${record.calendar}#${record.year}`,
    GSI3SK: `OCC#${record.office}#${record.task}#${record.period}`,
  };
}

function attentionKeys(calendar: string, id: string, nextActionAt: CivilDate | null): Item {
  return nextActionAt === null ? {} : { GSI1PK: `ATTN#${calendar}`, GSI1SK: `${nextActionAt}#${id}` };
}

function mailItem(mail: MailRecord): Item {
  return { ...mailKey(mail.id), type: 'mail', ...mail, GSI1PK: 'OUTBOX', GSI1SK: `${mail.createdAt}#${mail.id}` };
}

function submissionItem(submission: SubmissionRecord): Item {
  return {
    ...submissionKey(submission.occurrenceId, submission.submissionId),
    type: 'submission',
    ...submission,
    fileKeys: new Set(submission.files.map((f) => f.key)),
    GSI3PK: `CAL#${submission.calendar}#${submission.year}`,
    GSI3SK: `SUB#${submission.createdAt}#${submission.submissionId}`,
  };
}

/**
 * A compare-and-set update of one occurrence: checks the version, bumps it, and keeps the index keys
 * in step with the fields they are derived from (next action → GSI1, due → GSI2).
 */
function occurrenceUpdateInput(tableName: string, update: OccurrenceUpdate) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': update.expectedVersion, ':one': 1 };
  const sets: string[] = ['#version = #version + :one'];
  const removes: string[] = [];
  names['#version'] = 'version';
  for (const [field, value] of Object.entries(update.set)) {
    if (value === undefined || field === 'id' || field === 'version') continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  if ('nextActionAt' in update.set) {
    const next = update.set.nextActionAt ?? null;
    if (next === null) removes.push('GSI1PK', 'GSI1SK');
    else {
      values[':gsi1pk'] = `ATTN#${calendarOf(update.id)}`;
      values[':gsi1sk'] = `${next}#${update.id}`;
      sets.push('GSI1PK = :gsi1pk', 'GSI1SK = :gsi1sk');
    }
  }
  if (update.set.due !== undefined && update.set.year !== undefined) {
    values[':gsi2sk'] = `${update.set.year}#${update.set.due}#${update.id}`;
    sets.push('GSI2SK = :gsi2sk');
  }
  return {
    TableName: tableName,
    Key: occurrenceKey(update.id),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

function strip(item: Item): Item {
  const copy: Item = { ...item };
  for (const key of KEY_ATTRIBUTES) delete copy[key];
  return copy;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
