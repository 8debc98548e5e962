/**
 * Tamper-evident evidence on the S3 emulator through the real adapters and handlers: uploads are
 * presigned with `If-None-Match: *` and the declared `x-amz-checksum-sha256` among their signed headers,
 * the recorded SHA-256 equals the bytes the download link serves, and the daily reconciliation finds an
 * object nobody recorded.
 *
 * The gap: s3rver enforces neither signed condition (a second PUT to a key overwrites it, a body unlike
 * its checksum is stored) and keeps no versions, so here the test proves the conditions are signed
 * (S3 refuses a request whose signed headers are missing or changed), and the memory bucket's contract
 * tests (tests/contract/bucket-contract.ts) prove the refusals themselves.
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { s3ClientFor } from '../../functions/adapters/aws/s3-part.js';
import { RECONCILE_SETTLE_MS } from '../../functions/core/engine/reconcile.js';
import { requestUpload } from '../../functions/core/engine/uploads.js';
import { LOCAL_AWS_ENV } from '../../functions/local/emulators.js';
import { apiEvent, jsonOf } from '../support/api-event.js';
import { type Bureau, bureau, bureauPlan, plansFileOf, writePlansFile } from '../support/engine-fixture.js';
import { startTestEnv, TEST_ADMIN, TEST_SECRETS, type TestEnv } from '../support/test-env.js';
import { tokenFor } from '../support/uploads.js';

let t: TestEnv;
let s3: S3Client;
const plansFile = writePlansFile([]);
const keep = plansFileOf(plansFile);
const sha256 = (body: Buffer | Uint8Array) => createHash('sha256').update(body).digest('hex');

beforeAll(async () => {
  t = await startTestEnv({ PLANS_FILE: plansFile });
  s3 = s3ClientFor({ S3_ENDPOINT: t.env.S3_ENDPOINT, AWS_REGION: LOCAL_AWS_ENV.AWS_REGION });
});
afterAll(async () => {
  s3?.destroy();
  await t?.stop();
});

async function materialised(): Promise<Bureau> {
  const b = bureau();
  keep(bureauPlan(b));
  await t.handlers.materialise({ RequestType: 'Create', now: '2025-03-01T00:00:00Z' });
  return b;
}

/** Asks for an upload the way the upload page will (with each file's SHA-256), PUTs it, and waits for the event. */
async function uploadChecked(b: Bureau, body: Buffer) {
  const runtime = t.handlers.runtime;
  const grant = await requestUpload(
    { store: runtime.store, bucket: runtime.bucket(), tokenSecret: TEST_SECRETS.TOKEN_SECRET, clock: runtime.clock, policy: runtime.policy },
    tokenFor(b, 'science'),
    { occurrenceId: `${b.calendar}/report/science/2025`, effectiveDate: '2025-03-05', files: [{ name: '签到表.pdf', contentType: 'application/pdf', size: body.length, sha256: sha256(body) }] },
    new Date(),
  );
  const [target] = grant.uploads;
  const put = await fetch(target!.url, { method: 'PUT', headers: target!.headers, body });
  expect(put.status, await put.text()).toBe(200);
  await t.uploadsSettled();
  return { grant, target: target! };
}

describe('presigned uploads', () => {
  it('sign If-None-Match: * and the declared x-amz-checksum-sha256 into the PUT (S3 enforces both; s3rver, neither)', async () => {
    const b = await materialised();
    const body = Buffer.from(`%PDF-1.7 ${'签到'.repeat(500)}`);
    const { target } = await uploadChecked(b, body);
    const url = new URL(target.url);
    const signed = url.searchParams.get('X-Amz-SignedHeaders')!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['if-none-match', 'x-amz-checksum-sha256', 'content-type', 'content-length', 'host']));
    // As headers the client must send unchanged, not as query parameters S3 would not check the body against.
    expect(url.searchParams.has('x-amz-checksum-sha256')).toBe(false);
    expect(target.headers).toMatchObject({ 'if-none-match': '*', 'x-amz-checksum-sha256': createHash('sha256').update(body).digest('base64') });
  });

  it('record the SHA-256 of what arrived, and it equals the bytes the download link serves', async () => {
    const b = await materialised();
    const body = Buffer.from(`\xff\xd8\xff ${'photo'.repeat(800)}`, 'latin1');
    const { grant, target } = await uploadChecked(b, body);
    const [submission] = await t.store.submissions.ofOccurrence(`${b.calendar}/report/science/2025`);
    expect(submission!.submissionId).toBe(grant.submissionId);
    expect(submission!.files[0]).toMatchObject({ key: target.key, sha256: sha256(body), size: body.length });
    // s3rver reports no version; in AWS the event's versionId is recorded and the link names it.
    expect(submission!.files[0]!.versionId).toBeUndefined();
    const link = await t.handlers.api(apiEvent('GET', `/api/admin/file?key=${encodeURIComponent(target.key)}`, { token: TEST_ADMIN.token }));
    expect(link.statusCode, link.body).toBe(200);
    const served = await fetch(jsonOf<{ url: string }>(link).url);
    expect(served.status).toBe(200);
    expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(submission!.files[0]!.sha256);
  });
});

describe('daily reconciliation', () => {
  it('finds an evidence object that no submission records, once it has settled, and counts it', async () => {
    const b = await materialised();
    await uploadChecked(b, Buffer.from('recorded evidence'));
    // An object whose storage event never arrived (written straight to the bucket, as if the event were lost).
    const stray = `evidence/${b.calendar}/2025/science/report/2025/lost-1/1-lost.pdf`;
    await s3.send(new PutObjectCommand({ Bucket: 'fazhi-evidence', Key: stray, Body: Buffer.from('lost'), ContentType: 'application/pdf' }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const now = await t.handlers.reconcile({});
      expect(now.unrecorded).not.toContain(stray); // too young: its event may still come
      const later = await t.handlers.reconcile({ scheduledTime: new Date(Date.now() + RECONCILE_SETTLE_MS + 60_000).toISOString() });
      expect(later.unrecorded).toContain(stray);
      expect(later.missing).toEqual([]);
      expect(later.files).toBeGreaterThan(0);
    } finally {
      warn.mockRestore();
    }
  });
});
