/**
 * The sweep's fan-out in the template: the scheduled run queues one order per calendar; a worker takes
 * one calendar per invocation from the queue, reports a failed calendar alone, and after its last try
 * the order goes to a dead-letter queue that alarms. And the busiest calendar of a national day, as the
 * in-memory model counts its work, fits in one worker timeout (figures, not timings: see the model).
 */
import { describe, expect, it } from 'vitest';
import { SWEEP_RECEIVES, SWEEP_WORKER_TIMEOUT, SWEEP_WORKERS } from '../../infra/fazhi-stack.js';
import { busiestCalendarDay, modelledSeconds } from '../support/sweep-model.js';
import { functionId, logicalId, synthesise } from './support.js';

const s = synthesise();

describe('sweep fan-out (template)', () => {
  const all = s.template.toJSON().Resources as Record<string, { Properties: Record<string, any> }>;
  const queue = all[logicalId(s.stack.sweepQueue)]!;
  const deadLetters = all[logicalId(s.stack.sweepDeadLetters)]!;
  const worker = all[functionId(s.stack, 'sweepCalendar')]!;

  it('has a sweep queue with a dead-letter queue after a few tries, both encrypted, visibility six worker timeouts', () => {
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: SWEEP_WORKER_TIMEOUT.toSeconds() * 6,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(s.stack.sweepDeadLetters), 'Arn'] }, maxReceiveCount: SWEEP_RECEIVES },
    });
    expect(deadLetters.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('feeds the worker one calendar per invocation, a bounded number at once, failures reported per message', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(s.stack.sweepQueue), 'Arn'] },
      FunctionName: { Ref: functionId(s.stack, 'sweepCalendar') },
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: SWEEP_WORKERS },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(worker.Properties.Timeout).toBe(SWEEP_WORKER_TIMEOUT.toSeconds());
  });

  it('the schedule runs the dispatcher, which may only queue orders', () => {
    const schedule = Object.values(s.template.findResources('AWS::Scheduler::Schedule')).find((r) => r.Properties.Name === 'Fazhi-sweep')!;
    expect(schedule.Properties.Target.Arn).toEqual({ 'Fn::GetAtt': [functionId(s.stack, 'sweep'), 'Arn'] });
  });

  it('alarms on a dead-lettered order and on an order waiting more than an hour', () => {
    const alarms = s.template.findResources('AWS::CloudWatch::Alarm');
    const dlq = alarms[logicalId(s.stack.alarms.SweepOrdersDeadLettered!)]!.Properties;
    expect(dlq).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(dlq.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(s.stack.sweepDeadLetters), 'QueueName'] } }]);
    const backlog = alarms[logicalId(s.stack.alarms.SweepBacklog!)]!.Properties;
    expect(backlog).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 3600 });
  });
});

describe('a national day fits the worker timeout', () => {
  it("the busiest calendar's modelled sweep takes well under one worker timeout", async () => {
    const day = await busiestCalendarDay();
    // Every office of a 20-office bureau has something to hear that day, so each gets a mail.
    expect(day.mails).toBe(20);
    const seconds = modelledSeconds(day.work);
    expect(seconds).toBeLessThan(SWEEP_WORKER_TIMEOUT.toSeconds() / 2);
  });
});
