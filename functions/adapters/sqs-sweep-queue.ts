/**
 * The sweep's queue on SQS: orders go ten to a SendMessageBatch (SQS's limit); entries SQS reports as
 * failed are sent again, a few times with backoff, and what still fails is named in a SweepQueueError.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type SweepOrder, type SweepQueue, SweepQueueError } from '../core/engine/ports.js';

const BATCH = 10;
const ATTEMPTS = 4;

export class SqsSweepQueue implements SweepQueue {
  constructor(
    private readonly client: Pick<SQSClient, 'send'>,
    private readonly queueUrl: string,
    private readonly pause: (attempt: number) => Promise<void> = (attempt) => new Promise((settle) => setTimeout(settle, 50 * 2 ** attempt)),
  ) {}

  async enqueue(orders: readonly SweepOrder[]): Promise<void> {
    const unqueued: string[] = [];
    let lastProblem = '';
    for (let start = 0; start < orders.length; start += BATCH) {
      let batch = orders.slice(start, start + BATCH);
      for (let attempt = 1; batch.length > 0 && attempt <= ATTEMPTS; attempt += 1) {
        if (attempt > 1) await this.pause(attempt - 1);
        try {
          const answer = await this.client.send(
            new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch.map((order, index) => ({ Id: String(index), MessageBody: JSON.stringify(order) })) }),
          );
          const failed = new Set((answer.Failed ?? []).map((f) => Number(f.Id)));
          lastProblem = (answer.Failed ?? []).map((f) => `${f.Code}: ${f.Message ?? ''}`).join('; ') || lastProblem;
          batch = batch.filter((_, index) => failed.has(index));
        } catch (error) {
          lastProblem = (error as Error).message;
        }
      }
      unqueued.push(...batch.map((order) => order.calendar));
    }
    if (unqueued.length > 0) throw new SweepQueueError(unqueued, lastProblem);
  }
}
