/**
 * The runtime the handler factories are built over: the ports (store, mailer, bucket), the secrets,
 * the engine's policy and the wall clock. `assembleRuntime` puts the parts together the same way for
 * AWS (runtime.ts) and for memory (memory/memory-runtime.ts), so the two differ only in their adapters.
 */
import { randomUUID } from 'node:crypto';
import type { AccessStore } from '../core/access/ports.js';
import type { SignInDeps } from '../core/access/sign-in.js';
import { DEFAULT_POLICY, type EnginePolicy } from '../core/engine/assess.js';
import type { DigestDeps } from '../core/engine/digest.js';
import type { LinkSettings } from '../core/engine/links.js';
import type { Clock, EngineDeps, EvidenceBucket, Mailer, RobotChannel, Store, SweepQueue } from '../core/engine/ports.js';
import { recordedVersionDownloads } from '../core/engine/uploads.js';
import { EnvironmentError } from './env.js';
import type { AsyncInvoker, RunName } from './invokers.js';
import { createLogger, type Log, type LogLevel } from './log.js';
import { emfMetrics, type Metrics } from './metrics.js';

export interface BootstrapAdmin {
  email: string;
  name: string;
}

export interface AppRuntime {
  store: Store;
  policy: EnginePolicy;
  clock: Clock;
  log: Log;
  /** Counts as CloudWatch EMF lines, through `log` (see metrics.ts). */
  metrics: Metrics;
  mailer(): Mailer;
  bucket(): EvidenceBucket;
  /** Where the scheduled sweep queues one order per calendar (SQS in AWS). */
  sweepQueue(): SweepQueue;
  tokenSecret(): Promise<string>;
  /** Accounts, sessions, API tokens, office link versions and the audit trail. */
  access: AccessStore;
  /** Dependencies of the sign-in by e-mail link. */
  signIn(): SignInDeps;
  /** The pages' own origin (PUBLIC_BASE_URL's): state-changing requests must come from it. */
  origin(): string;
  /** Dependencies of the sweep and the review. */
  engine(): Promise<EngineDeps>;
  /** Dependencies of the digest. */
  digest(): DigestDeps;
  /** Where the materialise function finds the plans compiled at synth. */
  plansFile(): string;
  /** The first admin a deploy asks for (BOOTSTRAP_ADMIN_EMAIL/NAME): materialise creates it while no account exists. */
  bootstrapAdmin?: BootstrapAdmin | undefined;
  /**
   * The origin of the evidence bucket's presigned PUT URLs (see evidence-origin.ts): the pages' CSP lets
   * browsers connect there. Undefined where no browser uploads (the in-memory bucket).
   */
  evidenceOrigin: string | undefined;
  /**
   * Starts a sweep or digest run without waiting for it (the admin API's "now"): the run gets an id,
   * which it repeats in its log lines, and which is returned.
   */
  startRun(name: RunName, input: { scheduledTime: string; calendar?: string; onDemand?: boolean }): Promise<{ runId: string }>;
}

export interface RuntimeParts {
  store: Store;
  mailer: () => Mailer;
  /** The group robots' channel (the sweep's reminders); built on first use. */
  robots?: () => RobotChannel;
  sleep?: (ms: number) => Promise<void>;
  bucket: () => EvidenceBucket;
  sweepQueue?: (() => SweepQueue) | undefined;
  tokenSecret: () => Promise<string>;
  access: AccessStore;
  clock?: Clock;
  mailFrom?: string | undefined;
  publicBaseUrl?: string | undefined;
  linkTtlDays?: number | undefined;
  escalateAfterDays?: number | undefined;
  logLevel?: LogLevel | undefined;
  /** The metrics' Service dimension (the stack's name). */
  metricsService?: string | undefined;
  plansFile?: string | undefined;
  bootstrapAdmin?: BootstrapAdmin | undefined;
  evidenceOrigin?: string | undefined;
  /** Builds the invoker of the runs the API starts (Lambda in AWS, in-process locally), on first use. */
  invoker?: ((runtime: AppRuntime) => AsyncInvoker) | undefined;
}

export function assembleRuntime(parts: RuntimeParts): AppRuntime {
  const clock = parts.clock ?? (() => new Date());
  const need = (value: string | undefined, name: string): string => {
    if (!value) throw new EnvironmentError(`invalid environment: ${name} is required by this function`);
    return value;
  };
  const policy: EnginePolicy = { ...DEFAULT_POLICY, ...(parts.escalateAfterDays !== undefined ? { escalateAfterDays: parts.escalateAfterDays } : {}) };
  const links = async (): Promise<LinkSettings> => ({
    baseUrl: need(parts.publicBaseUrl, 'PUBLIC_BASE_URL'),
    secret: await parts.tokenSecret(),
    ttlDays: parts.linkTtlDays ?? 30,
    keyVersion: parts.access.officeKeys.version,
  });
  const log = createLogger(parts.logLevel ?? 'info');
  const runtime: AppRuntime = {
    store: parts.store,
    policy,
    clock,
    log,
    metrics: emfMetrics(log, parts.metricsService),
    mailer: parts.mailer,
    // Download links name the version recorded for the file (see recordedVersionDownloads).
    bucket: () => recordedVersionDownloads(parts.bucket(), parts.store),
    sweepQueue:
      parts.sweepQueue ??
      (() => {
        throw new EnvironmentError('invalid environment: SWEEP_QUEUE_URL is required by this function');
      }),
    tokenSecret: parts.tokenSecret,
    access: parts.access,
    signIn: () => ({ access: parts.access, mailer: parts.mailer(), mailFrom: need(parts.mailFrom, 'MAIL_FROM'), baseUrl: need(parts.publicBaseUrl, 'PUBLIC_BASE_URL') }),
    origin: () => new URL(need(parts.publicBaseUrl, 'PUBLIC_BASE_URL')).origin,
    engine: async () => ({
      store: parts.store,
      mailer: parts.mailer(),
      ...(parts.robots ? { robots: parts.robots() } : {}),
      ...(parts.sleep ? { sleep: parts.sleep } : {}),
      policy,
      links: await links(),
      clock,
      mailFrom: need(parts.mailFrom, 'MAIL_FROM'),
    }),
    digest: () => ({
      store: parts.store,
      mailer: parts.mailer(),
      clock,
      boardUrl: `${need(parts.publicBaseUrl, 'PUBLIC_BASE_URL').replace(/\/$/, '')}/board`,
      mailFrom: need(parts.mailFrom, 'MAIL_FROM'),
    }),
    plansFile: () => need(parts.plansFile, 'PLANS_FILE'),
    bootstrapAdmin: parts.bootstrapAdmin,
    evidenceOrigin: parts.evidenceOrigin,
    startRun: async (name, input) => {
      if (!parts.invoker) throw new EnvironmentError('invalid environment: SWEEP_FUNCTION_NAME and DIGEST_FUNCTION_NAME are required by this function');
      invoker ??= parts.invoker(runtime);
      const runId = randomUUID();
      await invoker.invoke(name, { ...input, runId });
      return { runId };
    },
  };
  let invoker: AsyncInvoker | undefined;
  return runtime;
}
