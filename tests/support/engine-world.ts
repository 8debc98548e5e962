/**
 * The engine in memory, driven day by day for property and regression tests: the in-memory store and
 * bucket and a recording mailer behind fault-injecting wrappers, a virtual clock, and offices that
 * upload through the real use cases (grant → PUT → storage event, the event retried until it is
 * recorded, as Lambda retries it). Nothing here reads or writes process.env.
 */

import { createMemoryRuntime, MEMORY_SECRETS, type MemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { memoryStore } from '../../functions/adapters/memory/memory-store.js';
import { RecordingMailer } from '../../functions/adapters/memory/recording-mailer.js';
import { issueToken } from '../../functions/core/capability.js';
import type { CivilDate } from '../../functions/core/civil-date.js';
import type { Plan } from '../../functions/core/compile.js';
import { type DigestResult, sendDigests } from '../../functions/core/engine/digest.js';
import { type MaterialiseResult, materialise } from '../../functions/core/engine/materialise.js';
import type { Store } from '../../functions/core/engine/ports.js';
import type { OccurrenceRecord } from '../../functions/core/engine/records.js';
import { type ReviewResult, reviewSubmission } from '../../functions/core/engine/review.js';
import { type SweepResult, sweep } from '../../functions/core/engine/sweep.js';
import { recordUpload, requestUpload } from '../../functions/core/engine/uploads.js';
import { FaultPlan, faultyMailer, faultyStore } from './faults.js';

export interface UploadOptions {
  files?: number;
  note?: string;
  name?: string;
  effectiveDate?: CivilDate;
  time?: string;
  recordTime?: string;
}

export interface EngineWorld {
  runtime: MemoryRuntime;
  /** The store without faults, for the test's own reads. */
  truth: Store;
  faults: FaultPlan;
  inbox: RecordingMailer;
  /** Mails a sweep sent but could not mark sent (its store kept failing): one more copy of each is allowed. */
  unconfirmed: string[];
  setTime(day: CivilDate, time?: string): Date;
  materialise(plan: Plan, day: CivilDate): Promise<MaterialiseResult>;
  /** A sweep at 09:00; a run that fails as a whole (as a Lambda invocation would) returns its error. */
  sweep(day: CivilDate): Promise<SweepResult | Error>;
  digest(day: CivilDate): Promise<DigestResult[] | Error>;
  /**
   * One office upload of `files` files (at 08:30 unless `time` says otherwise; its storage event is handled
   * then, or at `recordTime`); false when the engine refused it (or a fault hit the grant).
   */
  upload(occurrence: Pick<OccurrenceRecord, 'id' | 'calendar' | 'office'>, day: CivilDate, options?: UploadOptions): Promise<{ submissionId: string } | false>;
  review(occurrenceId: string, submissionId: string, decision: 'accept' | 'reject', day: CivilDate): Promise<ReviewResult | Error>;
  occurrences(calendar: string, year: number): Promise<OccurrenceRecord[]>;
}

/** A time in Shanghai (UTC+8, no daylight saving) on a civil date. */
export function shanghai(day: CivilDate, time = '09:00'): Date {
  return new Date(`${day}T${time}:00.000+08:00`);
}

export function engineWorld(options: { escalateAfterDays?: number; pageSize?: number } = {}): EngineWorld {
  let now = new Date('2025-01-01T00:00:00Z');
  const clock = () => now;
  const faults = new FaultPlan();
  const truth = memoryStore({ pageSize: options.pageSize ?? 3 });
  const inbox = new RecordingMailer(clock);
  const runtime = createMemoryRuntime({
    clock,
    store: faultyStore(truth, faults),
    mailer: faultyMailer(inbox, faults),
    ...(options.escalateAfterDays !== undefined ? { escalateAfterDays: options.escalateAfterDays } : {}),
  });
  const setTime = (day: CivilDate, time = '09:00') => (now = shanghai(day, time));
  const attempt = async <T>(run: () => Promise<T>): Promise<T | Error> => {
    try {
      return await run();
    } catch (error) {
      return error as Error;
    }
  };
  const unconfirmed: string[] = [];
  return {
    runtime,
    truth,
    faults,
    inbox,
    unconfirmed,
    setTime,
    materialise: (plan, day) => materialise(truth, plan, setTime(day, '00:00'), runtime.policy),
    sweep: async (day) => {
      const at = setTime(day, '09:00');
      return attempt(async () => {
        const result = await sweep(await runtime.engine(), at);
        unconfirmed.push(...result.delivery.unconfirmed);
        return result;
      });
    },
    digest: async (day) => {
      const at = setTime(day, '09:30');
      return attempt(async () => sendDigests(runtime.digest(), at));
    },
    upload: async (occurrence, day, upload = {}) => {
      const at = setTime(day, upload.time ?? '08:30');
      const token = issueToken({ calendar: occurrence.calendar, office: occurrence.office, expiresAt: Math.floor(at.getTime() / 1000) + 3600 }, MEMORY_SECRETS.tokenSecret);
      const count = upload.files ?? 1;
      const files = Array.from({ length: count }, (_, i) => ({ name: upload.name ?? `材料${i + 1}.pdf`, contentType: 'application/pdf', size: 10 + i }));
      let grant;
      try {
        grant = await requestUpload(
          { store: runtime.store, bucket: runtime.bucket(), tokenSecret: MEMORY_SECRETS.tokenSecret, clock, policy: runtime.policy },
          token,
          { occurrenceId: occurrence.id, effectiveDate: upload.effectiveDate ?? day, note: upload.note, files },
          at,
        );
      } catch {
        return false;
      }
      if (upload.recordTime) setTime(day, upload.recordTime);
      for (const [i, target] of grant.uploads.entries()) {
        runtime.evidence.upload(target.key, target.headers, Buffer.alloc(10 + i, i));
        // The storage event is delivered again until it is recorded (Lambda's retries, then the DLQ's redrive).
        for (let delivery = 1; ; delivery += 1) {
          try {
            await recordUpload({ store: runtime.store, bucket: runtime.bucket(), policy: runtime.policy, clock }, target.key, at);
            break;
          } catch (error) {
            if (delivery >= 20) throw error;
          }
        }
      }
      return { submissionId: grant.submissionId };
    },
    review: async (occurrenceId, submissionId, decision, day) => {
      const at = setTime(day, '10:00');
      return attempt(async () =>
        reviewSubmission(await runtime.engine(), { occurrenceId, submissionId, decision, reviewer: '政策法规处', ...(decision === 'reject' ? { reason: '材料不全' } : {}) }, at),
      );
    },
    occurrences: (calendar, year) => truth.occurrences.ofCalendarYear(calendar, year),
  };
}
