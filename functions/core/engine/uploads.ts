/**
 * Evidence uploads:
 * 1. `requestUpload`: the holder of an office's link asks to upload files for one of its occurrences;
 *    the server checks the scope, types and sizes, chooses the keys and returns presigned PUTs;
 * 2. `recordUpload`: S3 reports an object created; the file is recorded under its submission and the
 *    first file of a submission counts towards the occurrence (compare-and-set, in one transaction).
 */
import { randomUUID } from 'node:crypto';
import { assertInScope, verifyToken } from '../capability.js';
import { type CivilDate, civilDateAt, isCivilDate } from '../civil-date.js';
import { type EnginePolicy, nextActionAt, statusOf } from './assess.js';
import { type Clock, ConflictError, type EvidenceBucket, NotFoundError, RequestRejectedError, type Store, type UploadTarget } from './ports.js';
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
  /**
   * `sha256`: the file's SHA-256 as 64 hexadecimal digits (the form `sha256sum` prints and the ledger's
   * manifest keeps), optional. Given, it is signed into the PUT (S3 refuses a body that does not match
   * it) and checked again when the upload is recorded.
   */
  files: { name: string; contentType: string; size: number; sha256?: string | undefined }[];
  /** Link evidence: http(s) URLs (an article on the portal, a WeChat post); may be given with no file. */
  links?: string[] | undefined;
}

export interface UploadGrant {
  submissionId: string;
  occurrenceId: string;
  /** True when nothing is left to upload (links only): the submission is already recorded. */
  recorded: boolean;
  uploads: (UploadTarget & { name: string })[];
}

export interface UploadDeps {
  store: Store;
  bucket: EvidenceBucket;
  tokenSecret: string;
  clock: Clock;
  /** For the count of a submission recorded at once (links only). */
  policy: EnginePolicy;
}

/**
 * Grants an upload: checks the link's scope, the item, the files and the activity date, records what
 * was asked (names, note, date) as the upload's intent, and returns presigned PUTs. The objects carry
 * only ids in their metadata (S3 allows 2 KB; a long Chinese note or name would break every PUT).
 */
export async function requestUpload(deps: UploadDeps, token: string, request: UploadRequest, now: Date): Promise<UploadGrant> {
  const capability = verifyToken(token, deps.tokenSecret, now);
  const occurrence = await deps.store.occurrences.get(request.occurrenceId);
  if (!occurrence) throw new NotFoundError(`no occurrence "${request.occurrenceId}"`);
  assertInScope(capability, occurrence);
  if (occurrence.status === 'cancelled') throw new RequestRejectedError('this item was cancelled; it takes no more evidence', 'occurrenceId');
  const links = checkLinks(request.links ?? []);
  checkFiles(request.files, links.length > 0);
  const note = request.note?.trim() || null;
  if (note && UNSAFE_TEXT.test(note)) throw new RequestRejectedError('the note contains control or invisible formatting characters', 'note');
  const today = await todayFor(deps.store, occurrence.calendar, now);
  if (!isCivilDate(request.effectiveDate)) throw new RequestRejectedError(`effectiveDate "${request.effectiveDate}" is not a date (YYYY-MM-DD)`, 'effectiveDate');
  if (request.effectiveDate > today) throw new RequestRejectedError(`effectiveDate ${request.effectiveDate} is in the future (today is ${today})`, 'effectiveDate');
  // An activity before the item's period cannot evidence it (last year's lecture does not count for this year).
  if (request.effectiveDate < occurrence.opens) throw new RequestRejectedError(`effectiveDate ${request.effectiveDate} is before this item opens (${occurrence.opens})`, 'effectiveDate');

  const submissionId = `${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const files = request.files.map((file, index) => ({
    key: evidenceKey(occurrence, submissionId, index + 1, file.name),
    name: file.name.normalize('NFC'),
    contentType: file.contentType,
    size: file.size,
    ...(file.sha256 ? { sha256: file.sha256.toLowerCase() } : {}),
  }));
  const metadata = { 'occurrence-id': encodeURIComponent(occurrence.id), 'submission-id': submissionId };
  const uploads = await Promise.all(
    files.map(async (file) => ({
      name: file.name,
      ...(await deps.bucket.presignPut({ key: file.key, contentType: file.contentType, size: file.size, metadata, expiresInSeconds: UPLOAD_LIMITS.linkSeconds, sha256: file.sha256 })),
    })),
  );
  // Written last, once everything checked out: a refused request stores nothing.
  if (files.length === 0) {
    await recordLinksOnly(deps, occurrence, { submissionId, effectiveDate: request.effectiveDate, note, links }, today, now);
    return { submissionId, occurrenceId: occurrence.id, uploads, recorded: true };
  }
  await deps.store.submissions.putIntent({ occurrenceId: occurrence.id, submissionId, effectiveDate: request.effectiveDate, note, files, links, createdAt: deps.clock().toISOString() });
  return { submissionId, occurrenceId: occurrence.id, uploads, recorded: false };
}

/** A submission of links alone has nothing to upload: it is recorded (and counted) at once. */
async function recordLinksOnly(
  deps: UploadDeps,
  first: OccurrenceRecord,
  asked: { submissionId: string; effectiveDate: CivilDate; note: string | null; links: string[] },
  today: CivilDate,
  now: Date,
): Promise<void> {
  for (let attempt = 1, occurrence = first; ; attempt += 1) {
    const submission = receivedSubmission(occurrence, {
      submissionId: asked.submissionId,
      effectiveDate: asked.effectiveDate,
      note: asked.note,
      createdAt: now.toISOString(),
      recordedAt: deps.clock().toISOString(),
      files: [],
      links: asked.links,
    });
    try {
      await deps.store.submissions.recordFile(submission, countChange(occurrence, { submitted: 1, accepted: 0 }, deps.policy, today, deps.clock()));
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 5) throw error;
      const fresh = await deps.store.occurrences.get(occurrence.id);
      if (!fresh) throw new NotFoundError(`no occurrence "${occurrence.id}"`);
      occurrence = fresh;
    }
  }
}

export const MAX_LINKS = 10;
const MAX_LINK_LENGTH = 2000;

/** Link evidence: http(s) URLs only, each checked; returns them as given (trimmed). */
function checkLinks(links: readonly string[]): string[] {
  if (links.length > MAX_LINKS) throw new RequestRejectedError(`at most ${MAX_LINKS} links per submission (${links.length} were sent)`, 'links');
  return links.map((raw, index) => {
    const link = raw.trim();
    const field = `links.${index}`;
    if (link.length > MAX_LINK_LENGTH) throw new RequestRejectedError(`link ${index + 1} is longer than ${MAX_LINK_LENGTH} characters`, field);
    if (UNSAFE_TEXT.test(link) || /\s/.test(link)) throw new RequestRejectedError(`link ${index + 1} contains spaces, control or invisible characters`, field);
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new RequestRejectedError(`link ${index + 1} "${link.slice(0, 80)}" is not a web address (http:// or https://)`, field);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RequestRejectedError(`link ${index + 1} must start with http:// or https:// (not ${url.protocol})`, field);
    if (url.username || url.password) throw new RequestRejectedError(`link ${index + 1} must not carry a user name or password`, field);
    return link;
  });
}

/**
 * C0/C1 controls, invisible format characters (bidi overrides, zero-width), line and paragraph
 * separators, and lone surrogates (no valid UTF-8): they disguise names or break what stores them.
 */
const UNSAFE_TEXT = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

function checkFiles(files: UploadRequest['files'], hasLinks: boolean): void {
  if (files.length === 0 && !hasLinks) throw new RequestRejectedError('choose at least one file, or give a link', 'files');
  if (files.length > UPLOAD_LIMITS.maxFiles) throw new RequestRejectedError(`at most ${UPLOAD_LIMITS.maxFiles} files per submission (${files.length} were sent)`, 'files');
  files.forEach((file, index) => {
    const field = `files.${index}`;
    const label = `file ${index + 1}`;
    if (UNSAFE_TEXT.test(file.name)) throw new RequestRejectedError(`${label}: the name contains control or invisible formatting characters`, `${field}.name`);
    // The server chooses every key; a name is only shown, but a path in it is an attempt to choose one.
    if (/[/\\]/.test(file.name)) throw new RequestRejectedError(`${label}: the name contains a path separator (/ or \\); send the file's own name, not a path`, `${field}.name`);
    if (/^[\s.]*$/u.test(file.name)) throw new RequestRejectedError(`${label}: the name is blank or only dots`, `${field}.name`);
    if (!(UPLOAD_LIMITS.contentTypes as readonly string[]).includes(file.contentType)) {
      throw new RequestRejectedError(`${file.name}: type "${file.contentType || 'unknown'}" is not accepted (photos, videos, PDF, Word, Excel, text)`, `${field}.contentType`);
    }
    if (!Number.isSafeInteger(file.size)) throw new RequestRejectedError(`${file.name}: the size must be a whole number of bytes (got ${file.size})`, `${field}.size`);
    if (file.size < 0) throw new RequestRejectedError(`${file.name}: the size cannot be negative (got ${file.size})`, `${field}.size`);
    if (file.size === 0) throw new RequestRejectedError(`${file.name}: the file is empty`, `${field}.size`);
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      throw new RequestRejectedError(`${file.name}: ${(file.size / 1048576).toFixed(1)} MB is larger than the ${UPLOAD_LIMITS.maxBytes / 1048576} MB limit`, `${field}.size`);
    }
    if (file.sha256 !== undefined && !SHA256_HEX.test(file.sha256)) {
      throw new RequestRejectedError(`${file.name}: sha256 must be the file's SHA-256 as 64 hexadecimal digits`, `${field}.sha256`);
    }
  });
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * Where a granted file goes: evidence/<calendar>/<year>/<office>/<task>/<period>/<submission>/<n>-<name>.
 * Every segment but the name is an id (no "/"), so the key names its occurrence and submission.
 */
export function evidenceKey(occurrence: Pick<OccurrenceRecord, 'calendar' | 'year' | 'office' | 'task' | 'period'>, submissionId: string, index: number, name: string): string {
  return `evidence/${occurrence.calendar}/${occurrence.year}/${occurrence.office}/${occurrence.task}/${occurrence.period}/${submissionId}/${index}-${safeName(name)}`;
}

/** The occurrence and submission an evidence key belongs to; undefined for a key of another layout. */
export function evidenceKeyParts(key: string): { occurrenceId: string; submissionId: string } | undefined {
  const parts = key.split('/');
  if (parts.length !== 8 || parts[0] !== 'evidence' || parts.some((p) => p === '')) return undefined;
  const [, calendar, , office, task, period, submissionId] = parts as [string, string, string, string, string, string, string, string];
  return { occurrenceId: `${calendar}/${task}/${office}/${period}`, submissionId };
}

/** The object version recorded for an evidence file (the storage event's), if it was recorded with one. */
export async function recordedVersionOf(store: Store, key: string): Promise<string | undefined> {
  const parts = evidenceKeyParts(key);
  if (!parts) return undefined;
  const submission = await store.submissions.get(parts.occurrenceId, parts.submissionId);
  return submission?.files.find((f) => f.key === key)?.versionId;
}

/**
 * The bucket as the API uses it: a download link without a version names the version recorded for the
 * file (so a reviewer and the ledger get the bytes whose SHA-256 was recorded, even if the key were ever
 * written again), and the current one for an object with no record.
 */
export function recordedVersionDownloads(bucket: EvidenceBucket, store: Store): EvidenceBucket {
  return {
    presignPut: (input) => bucket.presignPut(input),
    inspect: (key, versionId) => bucket.inspect(key, versionId),
    list: (prefix) => bucket.list(prefix),
    presignGet: async (key, expiresInSeconds, versionId) => bucket.presignGet(key, expiresInSeconds, versionId ?? (await recordedVersionOf(store, key))),
  };
}

/** S3's limit on a key (UTF-8 bytes). */
const MAX_KEY_BYTES = 1024;

/**
 * A reviewer's short-lived download link of an evidence file. Only keys of the evidence layout are
 * signed: under evidence/, no empty, "." or ".." segment (a browser resolves them before the request,
 * so the link would name another object than the one checked), no backslash or control character.
 */
export async function evidenceDownloadLink(bucket: EvidenceBucket, key: string, expiresInSeconds: number): Promise<{ url: string }> {
  if (!key.startsWith('evidence/')) throw new RequestRejectedError('key must name an evidence file (evidence/…)', 'key');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new RequestRejectedError(`key is longer than ${MAX_KEY_BYTES} bytes`, 'key');
  if (UNSAFE_TEXT.test(key) || key.includes('\\')) throw new RequestRejectedError('key contains control characters or a backslash', 'key');
  if (key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new RequestRejectedError('key contains an empty, "." or ".." segment; name the evidence file by its exact key', 'key');
  }
  return { url: await bucket.presignGet(key, expiresInSeconds) };
}

/** Keeps keys readable and safe: letters (any script), digits, dot, dash, underscore. */
function safeName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return (cleaned || 'file').slice(-80);
}

export type RecordOutcome = 'created' | 'appended' | 'duplicate';

/**
 * Records an uploaded object under its submission. `versionId` is the version the storage event
 * reported: that version is read and recorded, so downloads and the ledger read the very bytes hashed here.
 */
export async function recordUpload(deps: { store: Store; bucket: EvidenceBucket; policy: EnginePolicy; clock: Clock }, key: string, now: Date, versionId?: string): Promise<RecordOutcome> {
  const object = await deps.bucket.inspect(key, versionId);
  const occurrenceId = decodeURIComponent(object.metadata['occurrence-id'] ?? '');
  const submissionId = object.metadata['submission-id'] ?? '';
  if (!occurrenceId || !submissionId) throw new RequestRejectedError(`object ${key} lacks the metadata of a presigned upload`, 'metadata');
  if (!(UPLOAD_LIMITS.contentTypes as readonly string[]).includes(object.contentType) || object.size > UPLOAD_LIMITS.maxBytes) {
    throw new RequestRejectedError(`object ${key} (${object.contentType}, ${object.size} bytes) is outside the upload limits`, 'object');
  }
  const intent = await deps.store.submissions.getIntent(occurrenceId, submissionId);
  const asked = intent?.files.find((f) => f.key === key);
  if (!intent || !asked) throw new RequestRejectedError(`object ${key} was not granted as part of upload ${submissionId}`, 'key');
  // S3 refuses such a body already (the checksum is signed into the PUT); the local emulator does not.
  if (asked.sha256 && asked.sha256 !== object.sha256) throw new RequestRejectedError(`object ${key} has SHA-256 ${object.sha256}, not the ${asked.sha256} declared for it`, 'sha256');
  const version = object.versionId ?? versionId;

  let today: CivilDate | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const occurrence = await deps.store.occurrences.get(occurrenceId);
    if (!occurrence) throw new NotFoundError(`object ${key} names unknown occurrence "${occurrenceId}"`);
    if (!key.startsWith(`evidence/${occurrence.calendar}/${occurrence.year}/${occurrence.office}/`)) {
      throw new RequestRejectedError(`object ${key} is not under the folder of occurrence ${occurrenceId}`, 'key');
    }
    const uploadedAt = now.toISOString();
    const recordedAt = deps.clock().toISOString();
    const submission = receivedSubmission(occurrence, {
      submissionId,
      effectiveDate: intent.effectiveDate,
      note: intent.note,
      createdAt: uploadedAt,
      recordedAt,
      files: [{ key, name: asked.name, contentType: object.contentType, size: object.size, sha256: object.sha256, uploadedAt, ...(version ? { versionId: version } : {}) }],
      links: intent.links ?? [],
    });
    // The calendar's today is the same on every attempt: read it once.
    today ??= await todayFor(deps.store, occurrence.calendar, now);
    try {
      return await deps.store.submissions.recordFile(submission, countChange(occurrence, { submitted: 1, accepted: 0 }, deps.policy, today, deps.clock()));
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 5) throw error;
    }
  }
}

/** A submission as it is first recorded: received, not reviewed, under its occurrence. */
function receivedSubmission(
  occurrence: OccurrenceRecord,
  given: Pick<SubmissionRecord, 'submissionId' | 'effectiveDate' | 'note' | 'createdAt' | 'recordedAt' | 'files'> & { links: string[] },
): SubmissionRecord {
  const { links, ...rest } = given;
  return {
    occurrenceId: occurrence.id,
    calendar: occurrence.calendar,
    year: occurrence.year,
    office: occurrence.office,
    task: occurrence.task,
    title: occurrence.title,
    ...rest,
    ...(links.length > 0 ? { links } : {}),
    status: 'received',
    reason: null,
    reviewedBy: null,
    reviewedAt: null,
  };
}

/** The compare-and-set update that applies a change in counts and recomputes status and next action. */
export function countChange(occurrence: OccurrenceRecord, delta: { submitted: number; accepted: number }, policy: EnginePolicy, today: CivilDate, now: Date) {
  const next: OccurrenceRecord = { ...occurrence, submitted: occurrence.submitted + delta.submitted, accepted: occurrence.accepted + delta.accepted };
  next.status = statusOf(next, today);
  return {
    id: occurrence.id,
    expectedVersion: occurrence.version,
    set: { submitted: next.submitted, accepted: next.accepted, status: next.status, nextActionAt: nextActionAt(next, policy, today), updatedAt: now.toISOString() },
  };
}

/** Today in the occurrence's calendar zone (occurrences do not carry the zone; their calendar does). */
export async function todayFor(store: Store, calendar: string, now: Date): Promise<CivilDate> {
  const meta = await store.calendars.get(calendar);
  return civilDateAt(now, meta?.timeZone ?? 'Asia/Shanghai');
}
