/**
 * The sweep worker in AWS: one SQS message, one calendar (the queue's batch size is 1, so each
 * calendar has a whole Lambda timeout to itself). A calendar that fails is reported back to SQS as
 * this message's failure: SQS offers it again, and after its last receive moves it to the dead-letter
 * queue, which alarms. The other calendars are other messages and never wait for it. Re-sweeping a
 * calendar (a redelivered message) sends nothing twice: the outbox guarantees it.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { METRIC } from '../adapters/metrics.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { sweepOneCalendar, UnknownCalendarError } from '../core/engine/sweep.js';
import { reportSweep } from './sweep-handler.js';

const SweepOrderBody = z.object({
  calendar: z.string().check(z.minLength(1), z.maxLength(200)),
  scheduledTime: z.iso.datetime({ offset: true }),
  runId: z.optional(z.string().check(z.maxLength(100))),
});

export function makeSweepCalendarHandler(runtime: Pick<AppRuntime, 'engine' | 'log' | 'metrics'>): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return async (event) => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records ?? []) {
      if (!(await sweepFromMessage(runtime, record.body))) failures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures: failures };
  };
}

/** True when the message is done with (swept, or nothing to sweep); false to have SQS offer it again. */
async function sweepFromMessage(runtime: Pick<AppRuntime, 'engine' | 'log' | 'metrics'>, body: string): Promise<boolean> {
  let order: z.infer<typeof SweepOrderBody>;
  try {
    order = SweepOrderBody.parse(JSON.parse(body));
  } catch (error) {
    // Not an order at all: it will never become one, but it goes to the dead-letter queue to be seen.
    runtime.log('error', 'sweep order unreadable', { body: body.slice(0, 500), error: (error as Error).message });
    runtime.metrics({ [METRIC.calendarSweepsFailed]: 1 }, { function: 'sweep-calendar' });
    return false;
  }
  const run = { now: order.scheduledTime, calendar: order.calendar, ...(order.runId ? { runId: order.runId } : {}) };
  try {
    const result = await sweepOneCalendar(await runtime.engine(), order.calendar, new Date(order.scheduledTime));
    reportSweep(runtime, result, run);
    return true;
  } catch (error) {
    if (error instanceof UnknownCalendarError) {
      // Withdrawn between the dispatch and now: nothing to sweep, nothing to retry.
      runtime.log('warn', 'sweep order for an unknown calendar', { ...run, error: error.message });
      return true;
    }
    runtime.log('error', 'calendar sweep failed', { ...run, error: (error as Error).message });
    runtime.metrics({ [METRIC.calendarSweepsFailed]: 1 }, { function: 'sweep-calendar', ...run });
    return false;
  }
}
