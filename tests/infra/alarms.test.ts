/**
 * Failures that page someone: every alarm the issue lists exists, watches the metric the functions
 * emit (namespace Fazhi, dimension Service = the stack) or AWS publishes, and reaches the alarm topic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC, METRICS_DIMENSION, METRICS_NAMESPACE } from '../../functions/adapters/metrics.js';
import { DURATION_ALARM_SHARE, FUNCTION_NAMES as FUNCTIONS, SES_BOUNCE_RATE_LIMIT, SES_COMPLAINT_RATE_LIMIT } from '../../infra/fazhi-stack.js';
import { functionId, logicalId, removeTempDirs, type Synthesised, fn as stackFunction, synthesise } from './support.js';

let s: Synthesised;
beforeAll(() => {
  s = synthesise();
  void s.template;
});
afterAll(removeTempDirs);

type AlarmProps = Record<string, any>;
const alarms = () => s.template.findResources('AWS::CloudWatch::Alarm') as Record<string, { Properties: AlarmProps }>;
const alarm = (id: string): AlarmProps => {
  const found = s.stack.alarms[id];
  expect(found, id).toBeDefined();
  return alarms()[logicalId(found!)]!.Properties;
};
const fazhi = (metricName: string) => ({ Namespace: METRICS_NAMESPACE, MetricName: metricName, Dimensions: [{ Name: METRICS_DIMENSION, Value: 'Fazhi' }], Statistic: 'Sum' });

describe('alarms', () => {
  it('every alarm notifies the alarm topic', () => {
    const topic = { Ref: logicalId(s.stack.alarmTopic) };
    expect(Object.keys(alarms()).length).toBe(Object.keys(s.stack.alarms).length);
    for (const [id, a] of Object.entries(alarms())) expect(a.Properties.AlarmActions, id).toEqual([topic]);
  });

  it('on mails failed > 0 and item errors > 0 (the sweep completes, but says so)', () => {
    expect(alarm('MailsFailed')).toMatchObject({ ...fazhi(METRIC.mailsFailed), Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    expect(alarm('ItemErrors')).toMatchObject({ ...fazhi(METRIC.itemErrors), Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('heartbeat: no SweepCompleted in 24 hourly periods, missing data breaching', () => {
    expect(alarm('SweepHeartbeat')).toMatchObject({
      ...fazhi(METRIC.sweepCompleted),
      Period: 3600,
      EvaluationPeriods: 24,
      DatapointsToAlarm: 24,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  it('on evidence the reconciliation finds unrecorded or missing', () => {
    expect(alarm('EvidenceUnrecorded')).toMatchObject({ ...fazhi(METRIC.evidenceUnrecorded), Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarm('EvidenceMissing')).toMatchObject({ ...fazhi(METRIC.evidenceMissing), Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('per function: errors, throttles, and a run near its timeout', () => {
    const fns = s.template.toJSON().Resources;
    for (const name of FUNCTIONS) {
      const fn = stackFunction(s.stack, name);
      const dimension = [{ Name: 'FunctionName', Value: { Ref: functionId(s.stack, name) } }];
      expect(alarm(`${fn.node.id}Errors`), name).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: dimension, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(alarm(`${fn.node.id}Throttles`), name).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Throttles',
        Dimensions: dimension,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      const timeoutMs = fns[functionId(s.stack, name)].Properties.Timeout * 1000;
      expect(alarm(`${fn.node.id}NearTimeout`), name).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: dimension,
        Statistic: 'Maximum',
        Threshold: Math.round(timeoutMs * DURATION_ALARM_SHARE),
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('on API 5xx answers', () => {
    expect(alarm('Api5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(s.stack.api) } }], Statistic: 'Sum', Threshold: 0 });
  });

  it('on Scheduler target errors and dropped invocations (AWS/Scheduler)', () => {
    expect(alarm('SchedulerTargetErrors')).toMatchObject({ Namespace: 'AWS/Scheduler', MetricName: 'TargetErrorCount', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarm('SchedulerDropped')).toMatchObject({ Namespace: 'AWS/Scheduler', MetricName: 'InvocationDroppedCount', Threshold: 0 });
  });

  it('on the dead-letter queue holding anything', () => {
    expect(alarm('FailedInvocationsVisible')).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it("on SES bounce and complaint rates: the configuration set's daily rates, and the account's reputation", () => {
    const rate = (id: string, numerator: string, limit: number) => {
      const a = alarm(id);
      expect(a).toMatchObject({ Threshold: limit, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
      const metrics = a.Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: unknown[] }; Period: number; Stat: string } }[];
      expect(metrics.find((m) => m.Expression)!.Expression).toBe(`IF(sends > 0, ${numerator} / sends, 0)`);
      for (const m of metrics.filter((x) => x.MetricStat)) {
        expect(m.MetricStat).toMatchObject({ Metric: { Namespace: 'AWS/SES', Dimensions: [{ Name: 'fazhi', Value: 'Fazhi' }] }, Period: 86400, Stat: 'Sum' });
      }
      expect(
        metrics
          .filter((x) => x.MetricStat)
          .map((m) => m.MetricStat!.Metric.MetricName)
          .sort(),
      ).toEqual([numerator === 'bounces' ? 'Bounce' : 'Complaint', 'Send'].sort());
    };
    rate('MailBounceRate', 'bounces', SES_BOUNCE_RATE_LIMIT);
    rate('MailComplaintRate', 'complaints', SES_COMPLAINT_RATE_LIMIT);
    expect(alarm('SesAccountBounceRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 });
    expect(alarm('SesAccountComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.001 });
  });

  it('the alarm topic refuses plain HTTP', () => {
    const policy = Object.values(s.template.findResources('AWS::SNS::TopicPolicy')).find((p) => p.Properties.Topics[0].Ref === logicalId(s.stack.alarmTopic))!;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });
});
