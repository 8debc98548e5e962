/**
 * The sweep in AWS: the scheduled run queues one order per calendar, and workers sweep one calendar per
 * SQS message. A poison calendar fails its own message only (SQS offers it again, then the DLQ); the
 * others are swept, and a redelivered order sends nothing twice.
 */
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { SqsSweepQueue } from '../../functions/adapters/sqs-sweep-queue.js';
import { makeSweepCalendarHandler } from '../../functions/app/sweep-calendar-handler.js';
import { makeSweepDispatchHandler } from '../../functions/app/sweep-dispatch-handler.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { type SweepOrder, SweepQueueError } from '../../functions/core/engine/ports.js';
import type { CalendarMeta } from '../../functions/core/engine/records.js';
import { bureau, bureauPlan } from '../support/engine-fixture.js';

// Friday 2025-03-07, 09:00 in Shanghai: the "report" deadline (03-14) has its 7-day reminder today.
const NOW = new Date('2025-03-07T01:00:00.000Z');
afterEach(() => vi.restoreAllMocks());

const sqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, index) => ({
    messageId: `m-${index}`,
    receiptHandle: `r-${index}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:123456789012:fazhi-sweep',
    awsRegion: 'ap-southeast-1',
  })),
});

async function threeBureaus() {
  const runtime = createMemoryRuntime({ clock: () => NOW, logLevel: 'warn' });
  const bureaus = [bureau(), bureau(), bureau()];
  for (const b of bureaus) await materialise(runtime.store, bureauPlan(b), new Date('2025-03-01T00:00:00Z'), runtime.policy);
  return { runtime, bureaus, dispatch: makeSweepDispatchHandler(runtime), work: makeSweepCalendarHandler(runtime) };
}

/** A calendar record an older release (or a hand edit) left without its offices: sweeping it throws. */
async function poison(runtime: ReturnType<typeof createMemoryRuntime>, calendar: string): Promise<void> {
  const meta = (await runtime.store.calendars.get(calendar))!;
  await runtime.store.calendars.put({ ...meta, offices: undefined } as unknown as CalendarMeta);
}

describe('sweep fan-out', () => {
  it('the scheduled run queues one order per calendar with its time and run id; "calendar" queues that one only', async () => {
    const { runtime, bureaus, dispatch } = await threeBureaus();
    expect(await dispatch({ scheduledTime: NOW.toISOString(), runId: 'run-1' })).toEqual({ queued: 3 });
    expect(runtime.queue.drain().sort((a, b) => a.calendar.localeCompare(b.calendar))).toEqual(
      bureaus.map((b) => ({ calendar: b.calendar, scheduledTime: NOW.toISOString(), runId: 'run-1' })).sort((a, b) => a.calendar.localeCompare(b.calendar)),
    );
    expect(await dispatch({ scheduledTime: NOW.toISOString(), calendar: bureaus[1]!.calendar })).toEqual({ queued: 1 });
    expect(runtime.queue.drain()).toEqual([{ calendar: bureaus[1]!.calendar, scheduledTime: NOW.toISOString() }]);
    expect(runtime.inbox.sent).toEqual([]); // queuing sends nothing
  });

  it('a poison calendar fails its own message only: every other calendar is swept and its offices get their mail', async () => {
    const { runtime, bureaus, dispatch, work } = await threeBureaus();
    const [healthy1, sick, healthy2] = bureaus as [(typeof bureaus)[0], (typeof bureaus)[0], (typeof bureaus)[0]];
    await poison(runtime, sick.calendar);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await dispatch({ scheduledTime: NOW.toISOString() });
    const orders = runtime.queue.drain();
    const bodies = orders.map((order) => JSON.stringify(order));
    const answer = await work(sqsEvent(bodies));
    const sickIndex = orders.findIndex((o) => o.calendar === sick.calendar);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: `m-${sickIndex}` }]);
    // Both healthy bureaus' science and office got their reminder of "report"; the poison one got nothing.
    const to = runtime.inbox.sent.flatMap((m) => m.to).sort();
    expect(to).toEqual([healthy1.email.office, healthy1.email.science, healthy2.email.office, healthy2.email.science].sort());
    for (const mail of runtime.inbox.sent) expect(mail.text).toContain('报送法治宣传材料');
    expect(errors.mock.calls.map((c) => JSON.parse(String(c[0])))).toContainEqual(expect.objectContaining({ message: 'calendar sweep failed', calendar: sick.calendar }));

    // SQS offers the poison message again (and again, until the DLQ): it keeps failing alone, and the
    // healthy calendars' orders, delivered twice, send nothing twice.
    for (let receive = 2; receive <= 3; receive += 1) {
      expect((await work(sqsEvent([bodies[sickIndex]!]))).batchItemFailures).toHaveLength(1);
    }
    expect((await work(sqsEvent(bodies.filter((_, i) => i !== sickIndex)))).batchItemFailures).toEqual([]);
    expect(runtime.inbox.sent).toHaveLength(4);
  });

  it('an order that is not an order fails (to the DLQ, logged); one for a calendar withdrawn since is done with', async () => {
    const { work } = await threeBureaus();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const answer = await work(sqsEvent(['not json', JSON.stringify({ calendar: 'x', scheduledTime: 'yesterday' }), JSON.stringify({ calendar: 'gone', scheduledTime: NOW.toISOString() })]));
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }, { itemIdentifier: 'm-1' }]);
    expect(errors.mock.calls.map((c) => (JSON.parse(String(c[0])) as { message: string }).message)).toEqual(['sweep order unreadable', 'sweep order unreadable']);
  });
});

describe('SqsSweepQueue', () => {
  const orders = (n: number): SweepOrder[] => Array.from({ length: n }, (_, i) => ({ calendar: `c${i}`, scheduledTime: NOW.toISOString() }));
  const fakeSqs = (answer: (entries: { Id: string; MessageBody: string }[], call: number) => { Failed?: { Id: string; Code: string; Message?: string }[] } | Error) => {
    const calls: { Id: string; MessageBody: string }[][] = [];
    return {
      calls,
      client: {
        send: async (command: { input: { Entries: { Id: string; MessageBody: string }[] } }) => {
          calls.push(command.input.Entries);
          const result = answer(command.input.Entries, calls.length);
          if (result instanceof Error) throw result;
          return result;
        },
      },
    };
  };
  const noPause = async () => undefined;

  it('sends ten orders to a batch, each body the order as JSON', async () => {
    const sqs = fakeSqs(() => ({}));
    await new SqsSweepQueue(sqs.client as never, 'https://sqs.example/q', noPause).enqueue(orders(23));
    expect(sqs.calls.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(sqs.calls.flat().map((e) => (JSON.parse(e.MessageBody) as SweepOrder).calendar)).toEqual(orders(23).map((o) => o.calendar));
  });

  it('sends again only the entries SQS reports as failed, and a failed call whole', async () => {
    const sqs = fakeSqs((_, call) => (call === 1 ? { Failed: [{ Id: '3', Code: 'InternalError' }] } : call === 2 ? new Error('socket hang up') : {}));
    await new SqsSweepQueue(sqs.client as never, 'https://sqs.example/q', noPause).enqueue(orders(5));
    expect(sqs.calls.map((c) => c.map((e) => (JSON.parse(e.MessageBody) as SweepOrder).calendar))).toEqual([['c0', 'c1', 'c2', 'c3', 'c4'], ['c3'], ['c3']]);
  });

  it('names the calendars it could not queue after its attempts, having queued the others', async () => {
    const sqs = fakeSqs((entries) => ({
      Failed: entries.filter((e) => (JSON.parse(e.MessageBody) as SweepOrder).calendar === 'c12').map((e) => ({ Id: e.Id, Code: 'KMS.ThrottlingException', Message: 'slow down' })),
    }));
    const error = await new SqsSweepQueue(sqs.client as never, 'https://sqs.example/q', noPause).enqueue(orders(15)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepQueueError);
    expect((error as SweepQueueError).calendars).toEqual(['c12']);
    expect((error as Error).message).toMatch(/c12 \(KMS.ThrottlingException: slow down\)/);
    expect(sqs.calls).toHaveLength(5); // the first batch once, the second 4 times
  });
});
