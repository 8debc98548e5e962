/** Submissions (and upload intents) on the table, under their occurrence's partition. */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type OccurrenceUpdate, type ReviewChange, type SubmissionStore } from '../../core/engine/ports.js';
import type { MailRecord, SubmissionRecord, UploadIntent } from '../../core/engine/records.js';
import { auditItem } from './access-keys.js';
import { calendarYearPk, intentItem, intentKey, mailItem, strip, submissionItem, submissionKey } from './keys.js';
import { occurrenceUpdateInput } from './occurrences.js';
import { cancellationCodes, type Table, unexpectedCancellation } from './table.js';

export class DynamoSubmissions implements SubmissionStore {
  constructor(private readonly table: Table) {}

  async get(occurrenceId: string, submissionId: string): Promise<SubmissionRecord | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: submissionKey(occurrenceId, submissionId), ConsistentRead: true }));
    return Item ? strip<SubmissionRecord>(Item) : undefined;
  }

  ofOccurrence(occurrenceId: string): Promise<SubmissionRecord[]> {
    return this.table.queryAll<SubmissionRecord>({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `OCC#${occurrenceId}`, ':prefix': 'SUB#' },
      ConsistentRead: true,
    });
  }

  async recordedBetween(calendar: string, year: number, since: string | null, until: string): Promise<SubmissionRecord[]> {
    // An empty window (a clock set back, a digest re-run for an earlier time): BETWEEN would refuse its bounds.
    if (since !== null && since >= until) return [];
    // BETWEEN is inclusive, but `SUB#<until>#id` sorts above `SUB#<until>`: the window is [since, until).
    return this.table.queryAll<SubmissionRecord>({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': calendarYearPk(calendar, year), ':from': `SUB#${since ?? ''}`, ':to': `SUB#${until}` },
    });
  }

  async recordFile(submission: SubmissionRecord, firstFileUpdate: OccurrenceUpdate): Promise<'created' | 'appended' | 'duplicate'> {
    const file = submission.files[0];
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table.name, Item: submissionItem(submission), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Update: occurrenceUpdateInput(this.table.name, firstFileUpdate) },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] !== 'ConditionalCheckFailed') {
        if (codes[1] === 'ConditionalCheckFailed' || codes[1] === 'TransactionConflict')
          throw new ConflictError(`occurrence ${submission.occurrenceId} changed while recording ${file?.key ?? submission.submissionId}`);
        throw unexpectedCancellation(codes, `recording ${file?.key ?? submission.submissionId}`);
      }
    }
    // Links alone: the submission exists, so this is a repeat.
    if (!file) return 'duplicate';
    // The submission exists: append this file unless this very file was recorded already.
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
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

  async commitReview(review: ReviewChange, update: OccurrenceUpdate, notice?: MailRecord): Promise<void> {
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: submissionKey(review.occurrenceId, review.submissionId),
                UpdateExpression: 'SET #status = :status, reason = :reason, reviewedBy = :by, reviewedAt = :at',
                ConditionExpression: '#status = :expected',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': review.status, ':reason': review.reason, ':by': review.reviewedBy, ':at': review.reviewedAt, ':expected': review.expectedStatus },
              },
            },
            { Update: occurrenceUpdateInput(this.table.name, update) },
            ...(notice ? [{ Put: { TableName: this.table.name, Item: mailItem(notice), ConditionExpression: 'attribute_not_exists(PK)' } }] : []),
            ...(review.audit ? [{ Put: { TableName: this.table.name, Item: auditItem(review.audit), ConditionExpression: 'attribute_not_exists(PK)' } }] : []),
          ],
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) throw new ConflictError(`submission ${review.submissionId} or its occurrence changed during review`);
      throw unexpectedCancellation(codes, `reviewing ${review.submissionId}`);
    }
  }

  async putIntent(intent: UploadIntent): Promise<void> {
    try {
      await this.table.doc.send(new PutCommand({ TableName: this.table.name, Item: intentItem(intent), ConditionExpression: 'attribute_not_exists(PK)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`upload ${intent.submissionId} was already granted`);
      throw error;
    }
  }

  async getIntent(occurrenceId: string, submissionId: string): Promise<UploadIntent | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: intentKey(occurrenceId, submissionId), ConsistentRead: true }));
    return Item ? strip<UploadIntent>(Item) : undefined;
  }
}
