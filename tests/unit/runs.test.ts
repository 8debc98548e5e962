/**
 * "Sweep now" and "digest now" are started, not awaited: the API answers 202 with a run id, and the run
 * goes on as its own invocation (Lambda, InvocationType Event; locally, in the background). Secrets are
 * cached with a time to live, and a failed fetch is not cached.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiEnv, EnvironmentError, readEnv } from '../../functions/adapters/env.js';
import { InvocationFailedError, LambdaInvoker, LocalInvoker } from '../../functions/adapters/invokers.js';
import { createLogger } from '../../functions/adapters/log.js';
import { createMemoryRuntime, MEMORY_SECRETS } from '../../functions/adapters/memory/memory-runtime.js';
import { createRuntime } from '../../functions/adapters/runtime.js';
import { cachedSecrets, SECRET_TTL_MS } from '../../functions/adapters/secrets.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { handlersFor } from '../../functions/local/handlers.js';
import { apiEvent, jsonOf } from '../support/api-event.js';
import { bureau, bureauPlan } from '../support/engine-fixture.js';

const ADMIN = MEMORY_SECRETS.adminApiToken;
const NOW = new Date('2025-03-07T01:00:00.000Z');
afterEach(() => vi.restoreAllMocks());

async function world() {
  const b = bureau();
  const runtime = createMemoryRuntime({ clock: () => NOW, logLevel: 'info' });
  await materialise(runtime.store, bureauPlan(b), new Date('2025-03-01T00:00:00Z'), runtime.policy);
  return { b, runtime, api: handlersFor(runtime).api };
}

describe('POST /api/admin/sweep and /api/admin/digest', () => {
  it('answer 202 with a run id before the run does anything; the run then sweeps, and logs its run id', async () => {
    const lines = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { runtime, api } = await world();
    const answer = await api(apiEvent('POST', '/api/admin/sweep', { token: ADMIN, now: NOW }));
    expect(answer.statusCode).toBe(202);
    const run = jsonOf<{ runId: string; function: string; status: string }>(answer);
    expect(run).toEqual({ runId: expect.stringMatching(/^[0-9a-f-]{36}$/), function: 'sweep', status: 'started' });
    expect(runtime.inbox.sent).toEqual([]);
    await runtime.runsSettled();
    expect(runtime.inbox.sent.length).toBeGreaterThan(0);
    const finished = lines.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>).find((l) => l.message === 'sweep finished');
    expect(finished).toMatchObject({ runId: run.runId, now: NOW.toISOString() });
  });

  it('start an on-demand digest of the calendar asked for; an unknown calendar is 404 and starts nothing', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { b, runtime, api } = await world();
    const missing = await api(apiEvent('POST', '/api/admin/digest', { token: ADMIN, body: { calendar: 'nope' }, now: NOW }));
    expect(missing.statusCode).toBe(404);
    await runtime.runsSettled();
    expect(runtime.inbox.sent).toEqual([]);
    const answer = await api(apiEvent('POST', '/api/admin/digest', { token: ADMIN, body: { calendar: b.calendar }, now: NOW }));
    expect(answer.statusCode).toBe(202);
    expect(jsonOf(answer)).toMatchObject({ function: 'digest', status: 'started' });
    await runtime.runsSettled();
    const mails = await runtime.store.outbox.get(`digest#${b.calendar}#${NOW.toISOString()}`);
    expect(mails).toMatchObject({ kind: 'digest', status: 'sent' });
  });

  it('a run that fails is logged with its run id (as Lambda logs a failed invocation); the answer was already 202', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { runtime, api } = await world();
    runtime.store.calendars.list = () => Promise.reject(new Error('table unavailable'));
    const answer = await api(apiEvent('POST', '/api/admin/sweep', { token: ADMIN, now: NOW }));
    expect(answer.statusCode).toBe(202);
    await runtime.runsSettled();
    expect(JSON.parse(String(errors.mock.calls[0]![0]))).toMatchObject({
      level: 'error',
      message: 'run failed',
      function: 'sweep',
      runId: jsonOf<{ runId: string }>(answer).runId,
      error: 'table unavailable',
    });
  });

  it('an invocation Lambda refuses is a 500 (logged), not a 202', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const runtime = createRuntime(
      { TABLE_NAME: 'fazhi', AWS_REGION: 'ap-southeast-1', LOG_LEVEL: 'error' },
      {
        access: createMemoryRuntime({ clock: () => NOW }).access,
        invoker: () => ({ invoke: () => Promise.reject(new InvocationFailedError('the sweep function did not accept the run (HTTP 429)')) }),
      },
    );
    const answer = await handlersFor(runtime).api(apiEvent('POST', '/api/admin/sweep', { token: ADMIN, now: NOW }));
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(String(errors.mock.calls[0]![0]))).toMatchObject({ message: 'request failed', route: 'POST /api/admin/sweep', error: 'the sweep function did not accept the run (HTTP 429)' });
  });

  it('the api function needs both function names at cold start; a runtime without them cannot start a run', async () => {
    const base = { TABLE_NAME: 'fazhi', MAIL_FROM: 'fazhi@b.example', PUBLIC_BASE_URL: 'https://x.example', BUCKET_NAME: 'bucket', TOKEN_SECRET_ARN: 'arn:t' };
    expect(() => readEnv(ApiEnv, base)).toThrow(/SWEEP_FUNCTION_NAME[\s\S]*DIGEST_FUNCTION_NAME/);
    expect(readEnv(ApiEnv, { ...base, SWEEP_FUNCTION_NAME: 'Fazhi-Sweep', DIGEST_FUNCTION_NAME: 'Fazhi-Digest' })).toMatchObject({ SWEEP_FUNCTION_NAME: 'Fazhi-Sweep' });
    const runtime = createRuntime({ TABLE_NAME: 'fazhi', AWS_REGION: 'ap-southeast-1' });
    await expect(runtime.startRun('sweep', { scheduledTime: NOW.toISOString() })).rejects.toBeInstanceOf(EnvironmentError);
  });
});

describe('LambdaInvoker', () => {
  const client = (answer: { StatusCode?: number; FunctionError?: string }) => {
    const sent: { FunctionName: string; InvocationType: string; Payload: Uint8Array }[] = [];
    return {
      sent,
      client: {
        send: async (command: { input: (typeof sent)[number] }) => {
          sent.push(command.input);
          return answer;
        },
      } as unknown as LambdaClient,
    };
  };

  it("invokes the named function asynchronously (InvocationType Event) with the run's input", async () => {
    const fake = client({ StatusCode: 202 });
    await new LambdaInvoker(fake.client, { sweep: 'Fazhi-Sweep', digest: 'Fazhi-Digest' }).invoke('digest', { scheduledTime: NOW.toISOString(), onDemand: true, runId: 'r-1' });
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ FunctionName: 'Fazhi-Digest', InvocationType: 'Event' });
    expect(JSON.parse(Buffer.from(fake.sent[0]!.Payload).toString('utf8'))).toEqual({ scheduledTime: NOW.toISOString(), onDemand: true, runId: 'r-1' });
  });

  it('throws InvocationFailedError when Lambda does not accept the run', async () => {
    const refused = await new LambdaInvoker(client({ StatusCode: 200, FunctionError: 'Unhandled' }).client, { sweep: 'S', digest: 'D' }).invoke('sweep', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvocationFailedError);
    expect(refused).toMatchObject({ message: 'the sweep function did not accept the run (HTTP 200, Unhandled)' });
  });
});

describe('LocalInvoker', () => {
  it('starts the run after answering, and settled() waits for runs started by runs', async () => {
    const order: string[] = [];
    const invoker: LocalInvoker = new LocalInvoker(
      () => ({
        sweep: async () => {
          order.push('sweep');
          await invoker.invoke('digest', {});
        },
        digest: async () => {
          order.push('digest');
        },
      }),
      createLogger('silent'),
    );
    await invoker.invoke('sweep', {});
    expect(order).toEqual([]);
    await invoker.settled();
    expect(order).toEqual(['sweep', 'digest']);
  });
});

describe('secrets', () => {
  it('are read once per time to live', async () => {
    let now = 0;
    const reads: string[] = [];
    const secret = cachedSecrets(
      async (id) => {
        reads.push(id);
        return `value-${reads.length}`;
      },
      { now: () => now },
    );
    expect(await secret('arn:a')).toBe('value-1');
    now = SECRET_TTL_MS - 1;
    expect(await Promise.all([secret('arn:a'), secret('arn:a')])).toEqual(['value-1', 'value-1']);
    expect(await secret('arn:b')).toBe('value-2');
    now = SECRET_TTL_MS;
    // A rotated secret is picked up once the time to live has passed.
    expect(await secret('arn:a')).toBe('value-3');
    expect(reads).toEqual(['arn:a', 'arn:b', 'arn:a']);
  });

  it('a failed fetch is not cached: the next call asks again', async () => {
    let fail = true;
    let reads = 0;
    const secret = cachedSecrets(async () => {
      reads += 1;
      if (fail) throw new Error('AccessDeniedException');
      return 'value';
    });
    await expect(secret('arn:a')).rejects.toThrow('AccessDeniedException');
    fail = false;
    expect(await secret('arn:a')).toBe('value');
    expect(await secret('arn:a')).toBe('value');
    expect(reads).toBe(2);
  });
});
