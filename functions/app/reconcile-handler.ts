/**
 * Daily at 07:00 Asia/Shanghai: the evidence bucket reconciled with the table (see reconcile.ts). The
 * differences are logged by key and counted (EvidenceUnrecorded, EvidenceMissing), and the stack alarms
 * on either; the run itself succeeds, so a difference pages once a day until it is dealt with.
 */

import { METRIC } from '../adapters/metrics.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { type ReconcileResult, reconcileEvidence } from '../core/engine/reconcile.js';
import { clockOf, ScheduledEvent } from './scheduled-event.js';

/** Keys listed in the log line, at most (the counts are complete). */
const LISTED_KEYS = 100;

export function makeReconcileHandler(runtime: Pick<AppRuntime, 'store' | 'bucket' | 'log' | 'metrics' | 'clock'>): (event: unknown) => Promise<ReconcileResult> {
  return async (event) => {
    const input = ScheduledEvent.parse(event ?? {});
    // Why the wall clock when the schedule gives none: "settled" is about how old an object really is.
    const now = input.scheduledTime ? clockOf(input) : runtime.clock();
    const result = await reconcileEvidence({ store: runtime.store, bucket: runtime.bucket() }, now);
    const differs = result.unrecorded.length + result.missing.length > 0;
    runtime.log(differs ? 'warn' : 'info', 'evidence reconciled', {
      now: now.toISOString(),
      objects: result.objects,
      files: result.files,
      unrecorded: result.unrecorded.slice(0, LISTED_KEYS),
      missing: result.missing.slice(0, LISTED_KEYS),
    });
    runtime.metrics({ [METRIC.evidenceUnrecorded]: result.unrecorded.length, [METRIC.evidenceMissing]: result.missing.length, [METRIC.reconcileCompleted]: 1 }, { function: 'reconcile' });
    return result;
  };
}
