/**
 * The runtime in memory: the same handlers and use cases over the in-memory store, a recording
 * mailer and an in-memory bucket. For the property tests, the simulation and fast tests.
 */
import type { AccessStore } from '../../core/access/ports.js';
import { hashSecret } from '../../core/access/secrets.js';
import type { Clock, EvidenceBucket, Mailer, RobotChannel, Store } from '../../core/engine/ports.js';
import { inProcessRuns } from '../../local/in-process-runs.js';
import { accountItem, apiTokenItem } from '../dynamo/access-keys.js';
import type { LocalInvoker } from '../invokers.js';
import type { LogLevel } from '../log.js';
import { type AppRuntime, assembleRuntime } from '../runtime-parts.js';
import { memoryAccess } from './memory-access.js';
import { MemoryBucket } from './memory-bucket.js';
import { memoryStore } from './memory-store.js';
import { MemoryTable } from './memory-table.js';
import { RecordingMailer } from './recording-mailer.js';
import { RecordingRobots } from './recording-robots.js';
import { RecordingSweepQueue } from './recording-sweep-queue.js';

export interface MemoryRuntimeOptions {
  clock: Clock;
  /** Replace a port (the fault-injecting wrappers of the property tests do). */
  store?: Store;
  access?: AccessStore;
  mailer?: Mailer;
  robots?: RobotChannel;
  bucket?: EvidenceBucket;
  /** How delivery waits for a robot's rate (tests pass one that moves their clock). */
  sleep?: (ms: number) => Promise<void>;
  escalateAfterDays?: number;
  logLevel?: LogLevel;
  pageSize?: number;
}

/** The link key, and the API token of the admin account every memory runtime starts with (admin@memory.example). */
export const MEMORY_SECRETS = { tokenSecret: 'memory-token-secret-0123456789', adminApiToken: 'memory-admin-api-token-0123456789' };
export const MEMORY_ADMIN = { email: 'admin@memory.example', name: '内存管理员' };

/** The access store on `table`, with its admin account and token written straight in (nothing to await). */
function seededAccess(table: MemoryTable): AccessStore {
  const at = '2000-01-01T00:00:00.000Z';
  table.put(accountItem({ ...MEMORY_ADMIN, role: 'admin', calendars: [], office: null, status: 'active', createdAt: at, updatedAt: at, version: 1 }));
  const hash = hashSecret(MEMORY_SECRETS.adminApiToken);
  table.put(apiTokenItem({ hash, id: hash.slice(0, 12), email: MEMORY_ADMIN.email, label: 'memory', createdAt: at, revokedAt: null }));
  return memoryAccess(table);
}

export interface MemoryRuntime extends AppRuntime {
  inbox: RecordingMailer;
  chats: RecordingRobots;
  evidence: MemoryBucket;
  /** The sweep orders the scheduled run queued (see sweep-dispatch-handler.ts). */
  queue: RecordingSweepQueue;
  /** Settles once every run the API started (sweep now, digest now) has ended. */
  runsSettled(): Promise<void>;
}

export function createMemoryRuntime(options: MemoryRuntimeOptions): MemoryRuntime {
  const inbox = new RecordingMailer(options.clock);
  const chats = new RecordingRobots(options.clock);
  const robots = options.robots ?? chats;
  const evidence = new MemoryBucket('memory-evidence', options.clock);
  // One table for the engine's items and the access items, as on DynamoDB: a review's audit entry is in its transaction.
  const table = new MemoryTable(options.pageSize);
  const store = options.store ?? memoryStore({ table });
  const mailer = options.mailer ?? inbox;
  const bucket = options.bucket ?? evidence;
  const queue = new RecordingSweepQueue();
  // The runs the API starts run here, in the background, over this very runtime.
  let runs: LocalInvoker | undefined;
  return {
    ...assembleRuntime({
      store,
      mailer: () => mailer,
      robots: () => robots,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      bucket: () => bucket,
      sweepQueue: () => queue,
      tokenSecret: async () => MEMORY_SECRETS.tokenSecret,
      access: options.access ?? seededAccess(table),
      clock: options.clock,
      mailFrom: 'fazhi@memory.example',
      publicBaseUrl: 'http://127.0.0.1:3000',
      escalateAfterDays: options.escalateAfterDays,
      logLevel: options.logLevel ?? 'silent',
      invoker: (runtime) => (runs = inProcessRuns(runtime)),
    }),
    inbox,
    chats,
    evidence,
    queue,
    runsSettled: async () => runs?.settled(),
  };
}
