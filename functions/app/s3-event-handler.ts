/** S3 "object created" under evidence/: records the file as (part of) a submission. */
import type { S3Event } from 'aws-lambda';
import { METRIC } from '../adapters/metrics.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { RequestRejectedError } from '../core/engine/ports.js';
import { recordUpload } from '../core/engine/uploads.js';

export type UploadEventHandler = (event: S3Event) => Promise<{ recorded: number; rejected: number }>;

type Deps = Pick<AppRuntime, 'store' | 'bucket' | 'policy' | 'clock' | 'log' | 'metrics'>;

export function makeUploadEventHandler(runtime: Deps): UploadEventHandler {
  return (event) => recordAll(runtime, event);
}

async function recordAll(runtime: Deps, event: S3Event): Promise<{ recorded: number; rejected: number }> {
  let recorded = 0;
  let rejected = 0;
  const failures: string[] = [];
  for (const record of event.Records ?? []) {
    // S3 event keys are URL-encoded with '+' for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    try {
      // The version the event names (the bucket is versioned in AWS) is the one recorded and later served.
      const versionId = record.s3.object.versionId || undefined;
      const outcome = await recordUpload({ store: runtime.store, bucket: runtime.bucket(), policy: runtime.policy, clock: runtime.clock }, key, new Date(record.eventTime), versionId);
      recorded += 1;
      runtime.log('info', 'upload recorded', { key, ...(versionId ? { versionId } : {}), outcome });
    } catch (error) {
      if (error instanceof RequestRejectedError) {
        rejected += 1; // retrying cannot fix it; the object is kept, not counted
        runtime.log('warn', 'upload not recorded', { key, reason: error.message });
      } else {
        failures.push(`${key}: ${(error as Error).message}`);
      }
    }
  }
  runtime.metrics({ [METRIC.uploadsRecorded]: recorded, [METRIC.uploadsRejected]: rejected, [METRIC.uploadsFailed]: failures.length }, { function: 's3-event' });
  // Recording is idempotent, so a failure is thrown for Lambda to retry (then the DLQ).
  if (failures.length > 0) throw new Error(`could not record ${failures.length} upload(s): ${failures.join('; ')}`);
  return { recorded, rejected };
}
