/**
 * Failures that page someone, through the real handlers on DynamoDB Local: a sweep whose every mail
 * fails (SES answers as it does while sending is paused for the account) still completes, records each
 * failure on its mail, and says so in its CloudWatch EMF line: MailsFailed > 0, the stack's alarm metric.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emfLinesOf } from '../../functions/adapters/metrics.js';
import { bureau, bureauPlan, nineAm, plansFileOf, writePlansFile } from '../support/engine-fixture.js';
import { startTestEnv, type TestEnv } from '../support/test-env.js';
import { unsentEverywhere } from '../support/unsent.js';

/** An SES v2 endpoint that refuses every mail the way SES does while sending is paused. */
async function pausedSes(): Promise<{ url: string; requests: () => number; stop: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    request.resume();
    request.on('end', () => {
      response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'SendingPausedException' });
      response.end(JSON.stringify({ message: 'Sending is paused for this account.' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let t: TestEnv;
let ses: Awaited<ReturnType<typeof pausedSes>>;
const plansFile = writePlansFile([]);
const keep = plansFileOf(plansFile);

beforeAll(async () => {
  ses = await pausedSes();
  // LOG_LEVEL info: the metrics line is an info line of the runtime's log, as in AWS.
  t = await startTestEnv({ PLANS_FILE: plansFile, SES_ENDPOINT: ses.url, LOG_LEVEL: 'info' });
});
afterAll(async () => {
  await t?.stop();
  await ses?.stop();
});

describe('a sweep whose every mail fails', () => {
  it('emits MailsFailed > 0 in its EMF output, and still succeeds in recording the failures', async () => {
    const b = bureau();
    keep(bureauPlan(b));
    await t.handlers.materialise({ RequestType: 'Create', now: '2025-03-01T00:00:00Z' });

    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let result;
    const lines: string[] = [];
    const warnings: string[] = [];
    try {
      result = await t.handlers.sweep({ scheduledTime: nineAm('2025-03-07') });
    } finally {
      lines.push(...log.mock.calls.map((call) => String(call[0])));
      warnings.push(...warn.mock.calls.map((call) => String(call[0])));
      log.mockRestore();
      warn.mockRestore();
    }

    // The run succeeded: every office's mail was committed, and every send failed.
    expect(result.mailsCommitted).toHaveLength(2);
    expect(result.delivery.sent).toEqual([]);
    expect(result.delivery.failed.map((f) => f.id).sort()).toEqual([...result.mailsCommitted].sort());
    expect(ses.requests()).toBeGreaterThanOrEqual(2);

    // Its EMF line counts the failures, and the heartbeat.
    const emf = emfLinesOf(lines);
    expect(emf).toHaveLength(1);
    expect(emf[0]!.values.MailsFailed).toBe(2);
    expect(emf[0]!.values).toMatchObject({ MailsSent: 0, SweepCompleted: 1, ItemErrors: 0 });
    expect(emf[0]!.line).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'Fazhi' }] }, function: 'sweep' });

    // The failures are recorded: each mail is back in the outbox with its error (sending paused is transient),
    // and the items it reports have moved on, so the next run sends the mail rather than a new one.
    for (const id of result.mailsCommitted) {
      expect(await t.store.outbox.get(id)).toMatchObject({ status: 'pending', attempts: 1, error: 'SES SendingPausedException: Sending is paused for this account.' });
    }
    expect((await unsentEverywhere(t.store)).map((m) => m.id)).toEqual(expect.arrayContaining(result.mailsCommitted));
    expect(await t.store.occurrences.get(`${b.calendar}/report/science/2025`)).toMatchObject({ remindedThrough: '2025-03-07', lastError: null });
    // And the warn line says which mails failed and why.
    expect(warnings.map((line) => JSON.parse(line) as { message: string }).find((l) => l.message === 'sweep finished')).toMatchObject({
      mailsFailed: expect.arrayContaining([expect.objectContaining({ permanent: false })]),
    });
  });
});
