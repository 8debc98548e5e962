/**
 * The functions' metrics: CloudWatch Embedded Metric Format lines, written through the runtime's log,
 * one per run. A sweep whose every mail fails still completes (and says so), and counts the failures.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../functions/adapters/log.js';
import { createMemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { emfLinesOf, emfMetrics, METRICS_NAMESPACE } from '../../functions/adapters/metrics.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { type Mailer, MailTransportError } from '../../functions/core/engine/ports.js';
import { handlersFor } from '../../functions/local/handlers.js';
import { bureau, bureauPlan } from '../support/engine-fixture.js';

/** Captures what the runtime's log writes (console.log for info lines). */
function captureLog(): () => string[] {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  return () => spy.mock.calls.map((call) => String(call[0]));
}
afterEach(() => vi.restoreAllMocks());

const nineAm = (day: string) => `${day}T01:00:00.000Z`;

describe('EMF lines', () => {
  it('are one JSON object with the _aws envelope, the Service dimension and a number per metric', () => {
    const lines = captureLog();
    emfMetrics(createLogger('info'), 'FazhiProd')({ MailsSent: 3, MailsFailed: 0 }, { function: 'sweep' });
    const [line, ...rest] = lines();
    expect(rest).toEqual([]);
    const parsed = JSON.parse(line!) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      level: 'info',
      message: 'metrics',
      function: 'sweep',
      Service: 'FazhiProd',
      MailsSent: 3,
      MailsFailed: 0,
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['Service']],
            Metrics: [
              { Name: 'MailsSent', Unit: 'Count' },
              { Name: 'MailsFailed', Unit: 'Count' },
            ],
          },
        ],
      },
    });
    const timestamp = (parsed._aws as { Timestamp: number }).Timestamp;
    expect(Math.abs(timestamp - Date.now())).toBeLessThan(5_000);
    expect(emfLinesOf(lines())).toEqual([{ values: { MailsSent: 3, MailsFailed: 0 }, line: parsed }]);
  });

  it('write nothing when there is nothing to count, and leave out values that are not numbers', () => {
    const lines = captureLog();
    const metrics = emfMetrics(createLogger('info'));
    metrics({});
    metrics({ MailsSent: Number.NaN });
    expect(lines()).toEqual([]);
    metrics({ MailsSent: Number.NaN, MailsFailed: 2 });
    expect(emfLinesOf(lines()).map((l) => l.values)).toEqual([{ MailsFailed: 2 }]);
    expect(JSON.parse(lines()[0]!)).toMatchObject({ Service: 'fazhi' });
  });

  it('go through the log: a log turned silent writes none', () => {
    const lines = captureLog();
    emfMetrics(createLogger('silent'))({ SweepCompleted: 1 });
    expect(lines()).toEqual([]);
  });
});

describe('handlers', () => {
  const b = bureau();
  const setup = async (mailer?: Mailer) => {
    const runtime = createMemoryRuntime({ clock: () => new Date(nineAm('2025-03-07')), logLevel: 'info', ...(mailer ? { mailer } : {}) });
    await materialise(runtime.store, bureauPlan(b), new Date('2025-03-01T00:00:00Z'), runtime.policy);
    return { runtime, handlers: handlersFor(runtime) };
  };

  it('a sweep whose every mail fails still completes, records the failures and counts them (MailsFailed > 0, SweepCompleted 1)', async () => {
    const paused: Mailer = { send: async () => Promise.reject(new MailTransportError('SES SendingPausedException: sending paused', false)) };
    const { runtime, handlers } = await setup(paused);
    const lines = captureLog();
    const result = await handlers.sweep({ scheduledTime: nineAm('2025-03-07'), runId: 'run-1' });
    expect(result.mailsCommitted.length).toBeGreaterThan(0);
    expect(result.delivery.failed).toHaveLength(result.mailsCommitted.length);
    for (const id of result.mailsCommitted) expect(await runtime.store.outbox.get(id)).toMatchObject({ status: 'pending', attempts: 1, error: 'SES SendingPausedException: sending paused' });
    const [emf, ...more] = emfLinesOf(lines());
    expect(more).toEqual([]);
    expect(emf!.values).toEqual({ MailsSent: 0, MailsFailed: result.mailsCommitted.length, MailsUnconfirmed: 0, ItemErrors: 0, SweepCompleted: 1 });
    expect(emf!.line).toMatchObject({ function: 'sweep', runId: 'run-1' });
  });

  it('a sweep that sends counts what it sent', async () => {
    const { handlers } = await setup();
    const lines = captureLog();
    const result = await handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    expect(emfLinesOf(lines())[0]!.values).toMatchObject({ MailsSent: result.delivery.sent.length, MailsFailed: 0, SweepCompleted: 1 });
    expect(result.delivery.sent.length).toBeGreaterThan(0);
  });

  it('a sweep that cannot start (the store is down) throws and writes no heartbeat', async () => {
    const { runtime, handlers } = await setup();
    runtime.store.calendars.list = () => Promise.reject(new Error('store unavailable'));
    const lines = captureLog();
    await expect(handlers.sweep({ scheduledTime: nineAm('2025-03-07') })).rejects.toThrow('store unavailable');
    expect(emfLinesOf(lines())).toEqual([]);
  });

  it('the digest counts its mails and completion', async () => {
    const { handlers } = await setup();
    const lines = captureLog();
    const results = await handlers.digest({ scheduledTime: nineAm('2025-03-10'), calendar: b.calendar });
    expect(results.map((r) => r.mailId)).toEqual([`digest#${b.calendar}#2025-W11`]);
    expect(emfLinesOf(lines())[0]!.values).toEqual({ MailsSent: 1, MailsFailed: 0, MailsUnconfirmed: 0, DigestCompleted: 1 });
  });

  it("an on-demand digest run (the API's asynchronous invocation) gets its own mail, not the week's", async () => {
    const { handlers } = await setup();
    captureLog();
    const at = nineAm('2025-03-08');
    const [result] = await handlers.digest({ scheduledTime: at, calendar: b.calendar, onDemand: true, runId: 'run-2' });
    expect(result!.mailId).toBe(`digest#${b.calendar}#${at}`);
  });

  it('the upload handler counts recorded, rejected and failed objects', async () => {
    const { handlers } = await setup();
    const lines = captureLog();
    const event = (key: string) => ({ Records: [{ eventName: 'ObjectCreated:Put', eventTime: nineAm('2025-03-07'), s3: { object: { key } } }] }) as never;
    // An object the bucket never held: recording it fails (thrown for Lambda to retry).
    await expect(handlers.s3Event(event('evidence/missing.jpg'))).rejects.toThrow('could not record 1 upload(s)');
    expect(emfLinesOf(lines())[0]!.values).toEqual({ UploadsRecorded: 0, UploadsRejected: 0, UploadsFailed: 1 });
  });
});
