/**
 * The runtime in memory: the same handlers and use cases over the in-memory store, a recording
 * mailer and an in-memory bucket. For the property tests, the simulation and fast tests.
 */
import type { Clock, EvidenceBucket, Mailer, RobotChannel, Store } from '../../core/engine/ports.js';
import { inProcessRuns } from '../../local/in-process-runs.js';
import type { LocalInvoker } from '../invokers.js';
import type { LogLevel } from '../log.js';
import { type AppRuntime, assembleRuntime } from '../runtime-parts.js';
import { MemoryBucket } from './memory-bucket.js';
import { memoryStore } from './memory-store.js';
import { RecordingMailer } from './recording-mailer.js';
import { RecordingRobots } from './recording-robots.js';
import { RecordingSweepQueue } from './recording-sweep-queue.js';

export interface MemoryRuntimeOptions {
  clock: Clock;
  /** Replace a port (the fault-injecting wrappers of the property tests do). */
  store?: Store;
  mailer?: Mailer;
  robots?: RobotChannel;
  bucket?: EvidenceBucket;
  /** How delivery waits for a robot's rate (tests pass one that moves their clock). */
  sleep?: (ms: number) => Promise<void>;
  escalateAfterDays?: number;
  logLevel?: LogLevel;
  pageSize?: number;
}

export const MEMORY_SECRETS = { tokenSecret: 'memory-token-secret-0123456789', adminToken: 'memory-admin-token-0123456789' };

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
  const store = options.store ?? memoryStore(options.pageSize ? { pageSize: options.pageSize } : {});
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
      adminToken: async () => MEMORY_SECRETS.adminToken,
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
