/**
 * The daily reconciliation of the evidence bucket with the table: every evidence object should be a
 * file of a recorded submission, and every recorded file should still be an object. Either kind of
 * difference is evidence the ledger cannot vouch for (an upload whose storage event was lost, an object
 * removed under a governance bypass), so the run counts both and the stack alarms on any.
 *
 * Objects younger than the settling time are left for the next run: their storage event may still be
 * on its way (it is retried for minutes before the dead-letter queue).
 */
import type { EvidenceBucket, Store } from './ports.js';

export const EVIDENCE_PREFIX = 'evidence/';
/** Above every recordedAt: "recorded at any time". */
const HIGH = '\uffff';
/** An object must be this old before its missing record counts. */
export const RECONCILE_SETTLE_MS = 60 * 60 * 1000;

export interface ReconcileResult {
  /** Evidence objects listed. */
  objects: number;
  /** Distinct files recorded on submissions. */
  files: number;
  /** Objects older than the settling time that no submission records, by key. */
  unrecorded: string[];
  /** Recorded files with no object, by key, with the submission that records them. */
  missing: { key: string; occurrenceId: string; submissionId: string }[];
}

export async function reconcileEvidence(deps: { store: Store; bucket: EvidenceBucket }, now: Date): Promise<ReconcileResult> {
  const recorded = new Map<string, { occurrenceId: string; submissionId: string }>();
  for (const calendar of await deps.store.calendars.list()) {
    for (const year of calendar.years) {
      for (const submission of await deps.store.submissions.recordedBetween(calendar.id, year, null, HIGH)) {
        // A renamed task's copy records the same keys as its original: each key is counted once.
        for (const file of submission.files)
          if (!recorded.has(file.key) || !submission.carriedFrom) recorded.set(file.key, { occurrenceId: submission.occurrenceId, submissionId: submission.submissionId });
      }
    }
  }
  const settled = new Date(now.getTime() - RECONCILE_SETTLE_MS).toISOString();
  const listed = new Set<string>();
  const unrecorded: string[] = [];
  for await (const object of deps.bucket.list(EVIDENCE_PREFIX)) {
    listed.add(object.key);
    if (!recorded.has(object.key) && object.lastModified < settled) unrecorded.push(object.key);
  }
  const missing = [...recorded].filter(([key]) => !listed.has(key)).map(([key, at]) => ({ key, ...at }));
  return { objects: listed.size, files: recorded.size, unrecorded: unrecorded.sort(), missing: missing.sort((a, b) => a.key.localeCompare(b.key)) };
}
