/**
 * One integration test file's world: its own table in the shared DynamoDB Local, its own s3rver whose
 * object-created events go to the real s3-event handler, the shared SES emulator, and the real
 * handlers imported with that environment (as Lambda would load them).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import { inject } from 'vitest';
import type { Env } from '../../functions/adapters/env.js';
import type { LocalInvoker } from '../../functions/adapters/invokers.js';
import { createRuntime } from '../../functions/adapters/runtime.js';
import type { Store } from '../../functions/core/engine/ports.js';
import { ensureTable, LOCAL_AWS_ENV, type Running, startS3 } from '../../functions/local/emulators.js';
import { type Handlers, handlersFor } from '../../functions/local/handlers.js';
import { inProcessRuns } from '../../functions/local/in-process-runs.js';
import { seedAccount } from './accounts.js';

export const TEST_SECRETS = {
  TOKEN_SECRET: 'test-token-secret-0123456789abcdef',
  MAIL_FROM: 'fazhi@kjj.example',
  PUBLIC_BASE_URL: 'http://127.0.0.1:3999',
};

/** The API token of the admin account every test environment starts with. */
export const TEST_ADMIN = { email: 'admin@kjj.example', name: '测试管理员', token: 'test-admin-api-token-0123456789abcdef' };

export interface ReceivedMail {
  messageId: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
}

export interface TestEnv {
  tableName: string;
  store: Store;
  env: Env;
  handlers: Handlers;
  /** Moves the runtime's wall clock forward (it starts at the real time). */
  advanceClock(ms: number): void;
  /** The runtime's wall clock (local peers that check times, e.g. the robot receiver, share it). */
  clock(): Date;
  /** Settles once every S3 event emitted so far has been handled. */
  uploadsSettled(): Promise<void>;
  /** Settles once every run the API started (sweep now, digest now: in the background, as in AWS) has ended. */
  runsSettled(): Promise<void>;
  /** Mails the SES emulator received for any of these addresses, parsed from their raw MIME. */
  mailsTo(...addresses: string[]): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

/** The runtime's wall clock (leases, record times) is the real time plus what advanceClock added; handlers take their business day from each event. */
export async function startTestEnv(overrides: Partial<Env> = {}): Promise<TestEnv> {
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const dynamoEndpoint = inject('dynamoEndpoint');
  const sesEndpoint = inject('sesEndpoint');
  const tableName = `fazhi-test-${randomUUID().slice(0, 8)}`;
  const bucketName = 'fazhi-evidence';
  await ensureTable(dynamoEndpoint, tableName);

  const s3Dir = mkdtempSync(join(tmpdir(), 'fazhi-s3-'));
  const pending: Promise<unknown>[] = [];
  let s3EventHandler: TestEnv['handlers']['s3Event'] | undefined;
  const s3: Running = await startS3({
    dir: s3Dir,
    bucketName,
    onEvent: (event: S3Event) => {
      if (event.Records?.[0]?.eventName.startsWith('ObjectCreated') && s3EventHandler) pending.push(s3EventHandler(event).catch((error) => error));
    },
  });

  const env: Env = {
    ...LOCAL_AWS_ENV,
    ...TEST_SECRETS,
    TABLE_NAME: tableName,
    BUCKET_NAME: bucketName,
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    SES_ENDPOINT: sesEndpoint,
    S3_ENDPOINT: s3.endpoint,
    // The handlers' per-run JSON lines would drown the test report.
    LOG_LEVEL: 'error',
    ...overrides,
  };
  let runs: LocalInvoker | undefined;
  // Waiting for a robot's rate moves this clock instead of the test's time.
  const sleep = async (ms: number) => {
    offsetMs += ms;
  };
  const handlers = handlersFor(createRuntime(env, { clock, sleep, invoker: (runtime) => (runs = inProcessRuns(runtime)) }));
  s3EventHandler = handlers.s3Event;
  await seedAccount(handlers.runtime.access, { ...TEST_ADMIN, role: 'admin' }, TEST_ADMIN.token);

  return {
    tableName,
    store: handlers.runtime.store,
    env,
    handlers,
    advanceClock(ms: number) {
      offsetMs += ms;
    },
    clock,
    async uploadsSettled() {
      // s3rver emits the event right after it answers the PUT; give it a tick, then wait for handlers.
      await new Promise((r) => setTimeout(r, 50));
      await Promise.all(pending);
    },
    async runsSettled() {
      await runs?.settled();
    },
    async mailsTo(...addresses: string[]) {
      const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: { messageId: string; destination: { to: string[]; cc: string[] } }[] };
      const wanted = new Set(addresses);
      const matching = store.emails.filter((e) => [...e.destination.to, ...e.destination.cc].some((a) => wanted.has(a)));
      return Promise.all(
        matching.map(async (e) => {
          // The emulator answers with the raw MIME message as a serialised Buffer.
          const eml = (await (await fetch(`${sesEndpoint}/get-emlContent?messageId=${encodeURIComponent(e.messageId)}`)).json()) as { body: { data: number[] } };
          const parsed = await simpleParser(Buffer.from(eml.body.data));
          const list = (field: typeof parsed.to) => (field === undefined ? [] : (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? '')));
          return { messageId: e.messageId, to: list(parsed.to), cc: list(parsed.cc), subject: parsed.subject ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', text: parsed.text ?? '' };
        }),
      );
    },
    async stop() {
      await s3.stop();
      rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}
