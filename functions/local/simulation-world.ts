/**
 * Where a simulation runs: in memory (the default: the same handlers over the in-memory adapters, a
 * year in about a second), or on the embedded stack (DynamoDB Local, the SES and S3 emulators: the
 * full path, about half a minute a year). Both give the handlers a virtual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryRuntime, MEMORY_SECRETS } from '../adapters/memory/memory-runtime.js';
import { createRuntime } from '../adapters/runtime.js';
import type { Plan } from '../core/compile.js';
import type { UploadTarget } from '../core/engine/ports.js';
import { startLocalStack } from './emulators.js';
import { type Handlers, handlersFor } from './handlers.js';
import { startRobotReceiver } from './robot-receiver.js';

export type SimulationStore = 'memory' | 'dynamodb-local';

export interface DeliveredMail {
  subject: string;
  to: string[];
}

export interface SimulationWorld {
  handlers: Handlers;
  tokenSecret: string;
  /** Moves the virtual clock (the wall clock of leases and record times). */
  setClock(at: Date): void;
  /** The office's PUT to a presigned upload target. */
  put(target: UploadTarget, body: Buffer): Promise<void>;
  /** Every mail the transport accepted. */
  delivered(): Promise<DeliveredMail[]>;
  stop(): Promise<void>;
}

export async function simulationWorld(store: SimulationStore, start: Date, plans: readonly Plan[] = []): Promise<SimulationWorld> {
  let current = start;
  const clock = () => current;
  const setClock = (at: Date) => {
    current = at;
  };
  if (store === 'memory') {
    const runtime = createMemoryRuntime({ clock });
    return {
      handlers: handlersFor(runtime),
      tokenSecret: MEMORY_SECRETS.tokenSecret,
      setClock,
      put: async (target, body) => {
        runtime.evidence.upload(target.key, target.headers, body);
      },
      delivered: async () => runtime.inbox.sent.map((m) => ({ subject: m.subject, to: m.to })),
      stop: async () => undefined,
    };
  }
  const s3Dir = mkdtempSync(join(tmpdir(), 'fazhi-sim-s3-'));
  const stack = await startLocalStack({ s3Dir, tableName: 'fazhi-simulation' });
  const tokenSecret = 'simulation-token-secret-0123456789';
  // The SES emulator keeps its mails per process: count only the ones this world sends.
  const mailsBefore = (await inboxOf(stack.endpoints.ses)).length;
  // The plans' robots post to a local receiver on the virtual clock (DingTalk checks the timestamp against it).
  const robots = Object.fromEntries(robotNames(plans).map((name) => [name, { accessToken: `${name}-token`, signSecret: `SEC-${name}`, key: `${name}-key` }]));
  const receiver = await startRobotReceiver({ robots, clock });
  const runtime = createRuntime(
    {
      ...stack.env,
      TOKEN_SECRET: tokenSecret,
      MAIL_FROM: 'fazhi@simulation.example',
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      LOG_LEVEL: 'error',
      ROBOT_ENDPOINT: receiver.endpoint,
      ROBOT_SECRETS: JSON.stringify(robots),
    },
    { clock },
  );
  return {
    handlers: handlersFor(runtime),
    tokenSecret,
    setClock,
    put: async (target, body) => {
      const response = await fetch(target.url, { method: 'PUT', headers: target.headers, body });
      if (!response.ok) throw new Error(`simulated upload of ${target.key} failed: ${response.status} ${await response.text()}`);
    },
    delivered: async () => (await inboxOf(stack.endpoints.ses)).slice(mailsBefore).map((m) => ({ subject: m.subject, to: m.destination.to })),
    stop: async () => {
      await receiver.stop();
      await stack.stop();
      rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}

/** The secret names of every robot the plans' offices name. */
export function robotNames(plans: readonly Plan[]): string[] {
  return [...new Set(plans.flatMap((plan) => plan.offices.flatMap((office) => (office.robots ?? []).map((robot) => robot.secret))))];
}

async function inboxOf(ses: string): Promise<{ subject: string; destination: { to: string[] } }[]> {
  return ((await (await fetch(`${ses}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] }).emails;
}
