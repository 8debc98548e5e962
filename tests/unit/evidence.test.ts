/**
 * Tamper-evident evidence, in memory: a declared SHA-256 is signed into the PUT and checked again when
 * the upload is recorded; the object's version is recorded and is what download links name; the daily
 * reconciliation finds objects without records and records without objects.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRuntime, MEMORY_SECRETS, type MemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { emfLinesOf } from '../../functions/adapters/metrics.js';
import { issueToken } from '../../functions/core/capability.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { RequestRejectedError } from '../../functions/core/engine/ports.js';
import { RECONCILE_SETTLE_MS, reconcileEvidence } from '../../functions/core/engine/reconcile.js';
import { evidenceDownloadLink, evidenceKey, evidenceKeyParts, recordUpload, requestUpload, type UploadRequest } from '../../functions/core/engine/uploads.js';
import { handlersFor } from '../../functions/local/handlers.js';
import { apiEvent, jsonOf } from '../support/api-event.js';
import { type Bureau, bureau, bureauPlan } from '../support/engine-fixture.js';

const NOW = new Date('2025-03-10T01:00:00.000Z');
const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

let b: Bureau;
let now: Date;
let runtime: MemoryRuntime;
const report = () => `${b.calendar}/report/science/2025`;
const token = () => issueToken({ calendar: b.calendar, office: 'science', expiresAt: Math.floor(NOW.getTime() / 1000) + 3600 }, MEMORY_SECRETS.tokenSecret);
const ask = (files: UploadRequest['files']) =>
  requestUpload(
    { store: runtime.store, bucket: runtime.bucket(), tokenSecret: MEMORY_SECRETS.tokenSecret, clock: runtime.clock, policy: runtime.policy },
    token(),
    { occurrenceId: report(), effectiveDate: '2025-03-05', files },
    NOW,
  );
const record = (key: string, versionId?: string) => recordUpload({ store: runtime.store, bucket: runtime.bucket(), policy: runtime.policy, clock: runtime.clock }, key, NOW, versionId);

beforeEach(async () => {
  b = bureau();
  now = NOW;
  runtime = createMemoryRuntime({ clock: () => now });
  await materialise(runtime.store, bureauPlan(b), new Date('2025-03-01T00:00:00Z'), runtime.policy);
});
afterEach(() => vi.restoreAllMocks());

describe('a declared SHA-256', () => {
  const body = Buffer.from('%PDF-1.7 学法签到表');

  it('is signed into the PUT as x-amz-checksum-sha256 (base64), next to If-None-Match: *', async () => {
    const grant = await ask([{ name: '签到表.pdf', contentType: 'application/pdf', size: body.length, sha256: sha256(body).toUpperCase() }]);
    expect(grant.uploads[0]!.headers).toMatchObject({ 'if-none-match': '*', 'x-amz-checksum-sha256': createHash('sha256').update(body).digest('base64') });
    // Kept lower-case with the upload's intent, and recorded once the object arrives.
    expect((await runtime.store.submissions.getIntent(report(), grant.submissionId))!.files[0]!.sha256).toBe(sha256(body));
    runtime.evidence.upload(grant.uploads[0]!.key, grant.uploads[0]!.headers, body);
    expect(await record(grant.uploads[0]!.key)).toBe('created');
    expect((await runtime.store.submissions.get(report(), grant.submissionId))!.files[0]).toMatchObject({ sha256: sha256(body), versionId: 'v1' });
  });

  it('that is not 64 hexadecimal digits is refused, naming the file, and nothing is stored', async () => {
    for (const bad of ['abc', createHash('sha256').update(body).digest('base64'), 'g'.repeat(64)]) {
      const refused = await ask([
        { name: 'ok.pdf', contentType: 'application/pdf', size: 3 },
        { name: '签到表.pdf', contentType: 'application/pdf', size: body.length, sha256: bad },
      ]).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(RequestRejectedError);
      expect(refused).toMatchObject({ field: 'files.1.sha256', message: "签到表.pdf: sha256 must be the file's SHA-256 as 64 hexadecimal digits" });
    }
    expect(runtime.evidence.keys()).toEqual([]);
  });

  it('that the object does not match is refused when the upload is recorded (where the bucket did not check it)', async () => {
    const declared = sha256(Buffer.from('what the office hashed'));
    const grant = await ask([{ name: 'a.pdf', contentType: 'application/pdf', size: body.length, sha256: declared }]);
    const { key, headers } = grant.uploads[0]!;
    // The memory bucket refuses the body as S3 does (BadDigest)…
    expect(() => runtime.evidence.upload(key, headers, body)).toThrow(/BadDigest/);
    // …a bucket that does not check checksums (s3rver) takes it: here, a grant of the key without one.
    const unchecked = await runtime.evidence.presignPut({
      key,
      contentType: 'application/pdf',
      size: body.length,
      metadata: { 'occurrence-id': encodeURIComponent(report()), 'submission-id': grant.submissionId },
      expiresInSeconds: 60,
    });
    runtime.evidence.upload(key, unchecked.headers, body);
    // Recording it is refused, naming both hashes, and counts nothing.
    const refused = await record(key).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(RequestRejectedError);
    expect(refused).toMatchObject({ field: 'sha256', message: `object ${key} has SHA-256 ${sha256(body)}, not the ${declared} declared for it` });
    expect(await runtime.store.submissions.ofOccurrence(report())).toEqual([]);
    expect(await runtime.store.occurrences.get(report())).toMatchObject({ submitted: 0 });
  });
});

describe('versions', () => {
  it('the version the storage event names is the one read and recorded; a version the bucket does not have is not recorded', async () => {
    const body = Buffer.from('photo');
    const grant = await ask([{ name: 'p.jpg', contentType: 'image/jpeg', size: body.length }]);
    const key = grant.uploads[0]!.key;
    const stored = runtime.evidence.upload(key, grant.uploads[0]!.headers, body);
    await expect(record(key, 'not-a-version')).rejects.toThrow(`no object ${key} version not-a-version`);
    expect(await record(key, stored.versionId!)).toBe('created');
    expect((await runtime.store.submissions.get(report(), grant.submissionId))!.files[0]!.versionId).toBe(stored.versionId);
  });

  it('a download link names the recorded version (so does the ledger, through the same route); an unrecorded object gets the current one', async () => {
    const body = Buffer.from('minutes');
    const grant = await ask([{ name: 'm.pdf', contentType: 'application/pdf', size: body.length }]);
    const key = grant.uploads[0]!.key;
    runtime.evidence.upload(key, grant.uploads[0]!.headers, body);
    await record(key, 'v1');
    expect(await evidenceDownloadLink(runtime.bucket(), key, 300)).toEqual({ url: `memory://memory-evidence/${encodeURI(key)}?versionId=v1` });
    const answer = await handlersFor(runtime).api(apiEvent('GET', `/api/admin/file?key=${encodeURIComponent(key)}`, { token: MEMORY_SECRETS.adminApiToken, now: NOW }));
    expect(jsonOf<{ url: string }>(answer).url).toContain('versionId=v1');
    const stray = `evidence/${b.calendar}/2025/science/report/2025/none/1-x.jpg`;
    expect((await evidenceDownloadLink(runtime.bucket(), stray, 300)).url).not.toContain('versionId');
  });

  it('an evidence key names its occurrence and submission; other layouts name none', () => {
    const occurrence = { calendar: 'suzhou-kjj', year: 2025, office: 'science', task: 'study', period: '2025-Q1' };
    const key = evidenceKey(occurrence, 's-1', 2, '学法 签到表.pdf');
    expect(key).toBe('evidence/suzhou-kjj/2025/science/study/2025-Q1/s-1/2-学法_签到表.pdf');
    expect(evidenceKeyParts(key)).toEqual({ occurrenceId: 'suzhou-kjj/study/science/2025-Q1', submissionId: 's-1' });
    for (const other of ['evidence/a/b', 'other/suzhou-kjj/2025/science/study/2025/s-1/1-a.pdf', 'evidence/suzhou-kjj//science/study/2025/s-1/1-a.pdf'])
      expect(evidenceKeyParts(other), other).toBeUndefined();
  });
});

describe('daily reconciliation', () => {
  const upload = async (name: string) => {
    const body = Buffer.from(`evidence ${name}`);
    const grant = await ask([{ name, contentType: 'application/pdf', size: body.length }]);
    runtime.evidence.upload(grant.uploads[0]!.key, grant.uploads[0]!.headers, body);
    return { key: grant.uploads[0]!.key, submissionId: grant.submissionId };
  };

  it('finds nothing when every object is recorded and every record has its object', async () => {
    for (const name of ['a.pdf', 'b.pdf']) await record((await upload(name)).key);
    expect(await reconcileEvidence({ store: runtime.store, bucket: runtime.bucket() }, new Date(NOW.getTime() + RECONCILE_SETTLE_MS * 2))).toEqual({
      objects: 2,
      files: 2,
      unrecorded: [],
      missing: [],
    });
  });

  it('lists objects that no submission records once they are older than the settling time', async () => {
    const recorded = await upload('a.pdf');
    await record(recorded.key);
    const lost = await upload('lost.pdf'); // its storage event never arrived
    const soon = await reconcileEvidence({ store: runtime.store, bucket: runtime.bucket() }, new Date(NOW.getTime() + RECONCILE_SETTLE_MS - 1000));
    expect(soon.unrecorded).toEqual([]);
    const later = await reconcileEvidence({ store: runtime.store, bucket: runtime.bucket() }, new Date(NOW.getTime() + RECONCILE_SETTLE_MS + 1000));
    expect(later).toMatchObject({ objects: 2, files: 1, unrecorded: [lost.key], missing: [] });
  });

  it('lists recorded files whose object is gone, with the submission that records them', async () => {
    const kept = await upload('kept.pdf');
    await record(kept.key);
    const gone = await upload('gone.pdf');
    await record(gone.key);
    const listing = runtime.evidence.list.bind(runtime.evidence);
    // As if the object were removed under a governance bypass:
    runtime.evidence.list = async function* (prefix: string) {
      for await (const object of listing(prefix)) if (object.key !== gone.key) yield object;
    };
    const result = await reconcileEvidence({ store: runtime.store, bucket: runtime.bucket() }, new Date(NOW.getTime() + RECONCILE_SETTLE_MS * 2));
    expect(result).toMatchObject({ objects: 1, files: 2, unrecorded: [], missing: [{ key: gone.key, occurrenceId: report(), submissionId: gone.submissionId }] });
  });

  it('its handler logs the differences and counts them (EvidenceUnrecorded, EvidenceMissing) and completes', async () => {
    await upload('lost.pdf');
    now = new Date(NOW.getTime() + RECONCILE_SETTLE_MS * 2);
    const loud = createMemoryRuntime({ clock: () => now, store: runtime.store, bucket: runtime.evidence, logLevel: 'info' });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await handlersFor(loud).reconcile({});
    expect(result.unrecorded).toHaveLength(1);
    expect(emfLinesOf(log.mock.calls.map((c) => String(c[0])))[0]!.values).toEqual({ EvidenceUnrecorded: 1, EvidenceMissing: 0, ReconcileCompleted: 1 });
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({ message: 'evidence reconciled', unrecorded: result.unrecorded });
  });

  it('a store that fails fails the run (no ReconcileCompleted: the Errors alarm fires)', async () => {
    runtime.store.calendars.list = () => Promise.reject(new Error('table unavailable'));
    await expect(handlersFor(runtime).reconcile({})).rejects.toThrow('table unavailable');
  });
});
