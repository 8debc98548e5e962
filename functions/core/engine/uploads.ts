/**
 * Evidence uploads:
 * 1. `requestUpload`: the holder of an office's link asks to upload files for one of its occurrences;
 *    the server checks the scope, types and sizes, chooses the keys and returns presigned PUTs;
 * 2. `recordUpload`: S3 reports an object created; the file is recorded under its submission and the
 *    first file of a submission counts towards the occurrence (compare-and-set, in one transaction).
 */
import { randomUUID } from 'node:crypto';
import { assertInScope, verifyToken } from '../capability.js';
import { civilDateAt, isCivilDate, type CivilDate } from '../civil-date.js';
import { nextActionAt, statusOf, type EnginePolicy } from './assess.js';
import { ConflictError, NotFoundError, RequestRejectedError, type EvidenceBucket, type Store, type UploadTarget } from './ports.js';
import type { OccurrenceRecord, SubmissionRecord } from './records.js';

export const UPLOAD_LIMITS = {
  maxBytes: 50 * 1024 * 1024,
  maxFiles: 10,
  contentTypes: [
    'image/jpeg',
    'image/png',
    'image/webp',
    'image/heic',
    'video/mp4',
    'video/quicktime',
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/plain',
  ],
  linkSeconds: 15 * 60,
} as const;

export interface UploadRequest {
  occurrenceId: string;
  effectiveDate: string;
  note?: string | undefined;
  files: { name: string; contentType: string; size: number }[];
}

export interface UploadGrant {
  submissionId: string;
  occurrenceId: string;
  uploads: (UploadTarget & { name: string })[];
}

export async function requestUpload(
  deps: { store: Store; bucket: EvidenceBucket; tokenSecret: string },
  token: string,
  request: UploadRequest,
  now: Date,
): Promise<UploadGrant> {
  const capability = verifyToken(token, deps.tokenSecret, now);
  const occurrence = await deps.store.getOccurrence(request.occurrenceId);
  if (!occurrence) throw new NotFoundError(`no occurrence "${request.occurrenceId}"`);
  assertInScope(capability, occurrence);
  if (occurrence.status === 'cancelled') throw new RequestRejectedError('this item was cancelled; it takes no more evidence', 'occurrenceId');
  checkFiles(request.files);
  const today = await todayFor(deps.store, occurrence.calendar, now);
  if (!isCivilDate(request.effectiveDate)) throw new RequestRejectedError(`effectiveDate "${request.effectiveDate}" is not a date (YYYY-MM-DD)`, 'effectiveDate');
  if (request.effectiveDate > today) throw new RequestRejectedError(`effectiveDate ${request.effectiveDate} is in the future (today is ${today})`, 'effectiveDate');

  const submissionId = `${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const prefix = `evidence/${occurrence.calendar}/${occurrence.year}/${occurrence.office}/${occurrence.task}/${occurrence.period}/${submissionId}`;
  const uploads = await Promise.all(
    request.files.map(async (file, index) => ({
      name: file.name,
      ...(await deps.bucket.presignPut({
        key: `${prefix}/${index + 1}-${safeName(file.name)}`,
        contentType: file.contentType,
        size: file.size,
        metadata: {
          'occurrence-id': encodeURIComponent(occurrence.id),
          'submission-id': submissionId,
          'effective-date': request.effectiveDate,
          'file-name': encodeURIComponent(file.name),
          ...(request.note ? { note: encodeURIComponent(request.note.slice(0, 500)) } : {}),
        },
        expiresInSeconds: UPLOAD_LIMITS.linkSeconds,
      })),
    })),
  );
  return { submissionId, occurrenceId: occurrence.id, uploads };
}

function checkFiles(files: UploadRequest['files']): void {
  if (files.length === 0) throw new RequestRejectedError('choose at least one file', 'files');
  if (files.length > UPLOAD_LIMITS.maxFiles) throw new RequestRejectedError(`at most ${UPLOAD_LIMITS.maxFiles} files per submission`, 'files');
  files.forEach((file, index) => {
    if (!(UPLOAD_LIMITS.contentTypes as readonly string[]).includes(file.contentType)) {
      throw new RequestRejectedError(`${file.name}: type "${file.contentType || 'unknown'}" is not accepted (photos, videos, PDF, Word, Excel, text)`, `files.${index}.contentType`);
    }
    if (!Number.isInteger(file.size) || file.size <= 0) throw new RequestRejectedError(`${file.name}: the file is empty`, `files.${index}.size`);
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      throw new RequestRejectedError(`${file.name}: ${(file.size / 1048576).toFixed(1)} MB is larger than the ${UPLOAD_LIMITS.maxBytes / 1048576} MB limit`, `files.${index}.size`);
    }
  });
}

/** Keeps keys readable and safe: letters (any script), digits, dot, dash, underscore. */
function safeName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '');
  return (cleaned || 'file').slice(-80);
}

export type RecordOutcome = 'created' | 'appended' | 'duplicate';

export async function recordUpload(deps: { store: Store; bucket: EvidenceBucket; policy: EnginePolicy }, key: string, now: Date): Promise<RecordOutcome> {
  const object = await deps.bucket.inspect(key);
  const occurrenceId = decodeURIComponent(object.metadata['occurrence-id'] ?? '');
  const submissionId = object.metadata['submission-id'] ?? '';
  const effectiveDate = object.metadata['effective-date'] ?? '';
  if (!occurrenceId || !submissionId || !isCivilDate(effectiveDate)) throw new RequestRejectedError(`object ${key} lacks the metadata of a presigned upload`, 'metadata');
  if (!(UPLOAD_LIMITS.contentTypes as readonly string[]).includes(object.contentType) || object.size > UPLOAD_LIMITS.maxBytes) {
    throw new RequestRejectedError(`object ${key} (${object.contentType}, ${object.size} bytes) is outside the upload limits`, 'object');
  }

  for (let attempt = 1; ; attempt += 1) {
    const occurrence = await deps.store.getOccurrence(occurrenceId);
    if (!occurrence) throw new NotFoundError(`object ${key} names unknown occurrence "${occurrenceId}"`);
    if (!key.startsWith(`evidence/${occurrence.calendar}/${occurrence.year}/${occurrence.office}/`)) {
      throw new RequestRejectedError(`object ${key} is not under the folder of occurrence ${occurrenceId}`, 'key');
    }
    const uploadedAt = now.toISOString();
    const submission: SubmissionRecord = {
      occurrenceId,
      submissionId,
      calendar: occurrence.calendar,
      year: occurrence.year,
      office: occurrence.office,
      task: occurrence.task,
      title: occurrence.title,
      effectiveDate,
      note: object.metadata.note ? decodeURIComponent(object.metadata.note) : null,
      createdAt: uploadedAt,
      files: [{ key, name: decodeURIComponent(object.metadata['file-name'] ?? key.split('/').pop() ?? key), contentType: object.contentType, size: object.size, sha256: object.sha256, uploadedAt }],
      status: 'received',
      reason: null,
      reviewedBy: null,
      reviewedAt: null,
    };
    try {
      const today = await todayFor(deps.store, occurrence.calendar, now);
      return await deps.store.recordFile(submission, countChange(occurrence, { submitted: 1, accepted: 0 }, deps.policy, today, now));
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 5) throw error;
    }
  }
}

/** The compare-and-set update that applies a change in counts and recomputes status and next action. */
export function countChange(occurrence: OccurrenceRecord, delta: { submitted: number; accepted: number }, policy: EnginePolicy, today: CivilDate, now: Date) {
  const next: OccurrenceRecord = { ...occurrence, submitted: occurrence.submitted + delta.submitted, accepted: occurrence.accepted + delta.accepted };
  next.status = statusOf(next, today);
  return {
    id: occurrence.id,
    expectedVersion: occurrence.version,
    set: { submitted: next.submitted, accepted: next.accepted, status: next.status, nextActionAt: nextActionAt(next, policy), updatedAt: now.toISOString() },
  };
}

/** Today in the occurrence's calendar zone (occurrences do not carry the zone; their calendar does). */
export async function todayFor(store: Store, calendar: string, now: Date): Promise<CivilDate> {
  const meta = await store.getCalendar(calendar);
  return civilDateAt(now, meta?.timeZone ?? 'Asia/Shanghai');
}
