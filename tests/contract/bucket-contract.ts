/**
 * The contract of the EvidenceBucket port, run against S3Evidence on s3rver (integration) and the
 * in-memory bucket (unit). Each implementation brings its own `upload`: what the office's browser does
 * with the presigned target (a real PUT for S3, MemoryBucket.upload in memory); it must reject when the
 * bucket refuses the PUT.
 */
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EvidenceBucket, type ListedObject, MAX_METADATA_BYTES, MetadataTooLargeError, NotFoundError, type UploadTarget } from '../../functions/core/engine/ports.js';

export interface BucketUnderTest {
  bucket: EvidenceBucket;
  /** PUTs `body` to the target as a client would (its url and headers); rejects when the bucket refuses it. */
  upload(target: UploadTarget, body: Buffer): Promise<void>;
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');
const checksum = (body: Buffer) => createHash('sha256').update(body).digest('base64');
const key = (name = 'file.jpg') => `evidence/contract-${randomUUID().slice(0, 8)}/2025/science/${name}`;

export interface BucketTraits {
  /**
   * Whether a PUT that differs from its grant (type, length) is refused. S3 refuses it (the signature
   * covers both) and the memory bucket does as S3 does; s3rver does not check V4 signatures at all.
   */
  refusesPutsUnlikeTheGrant: boolean;
  /**
   * Whether the conditions signed into a PUT are enforced: a second PUT to a key is refused
   * (`If-None-Match: *`, 412) and a body unlike its `x-amz-checksum-sha256` is refused (BadDigest). S3
   * and the memory bucket do; s3rver does neither (the integration test shows both are signed instead).
   */
  enforcesWriteConditions: boolean;
  /** Whether objects carry version ids (the AWS bucket is versioned; s3rver keeps no versions). */
  versions: boolean;
}

export function bucketContract(name: string, setup: () => Promise<BucketUnderTest>, traits: BucketTraits): void {
  describe(`EvidenceBucket contract: ${name}`, () => {
    let t: BucketUnderTest;

    beforeAll(async () => {
      t = await setup();
    });

    const grant = (k: string, body: Buffer, metadata: Record<string, string>, contentType = 'image/jpeg', declared?: string) =>
      t.bucket.presignPut({ key: k, contentType, size: body.length, metadata, expiresInSeconds: 900, ...(declared ? { sha256: declared } : {}) });
    const version = () => (traits.versions ? expect.any(String) : null);
    async function listed(prefix: string): Promise<ListedObject[]> {
      const found: ListedObject[] = [];
      for await (const object of t.bucket.list(prefix)) found.push(object);
      return found;
    }

    it('presign → upload → inspect gives the size, content type, metadata and SHA-256 of what arrived', async () => {
      const k = key();
      const body = Buffer.from(`JPEG ${'x'.repeat(3000)} ${randomUUID()}`);
      const metadata = { 'occurrence-id': encodeURIComponent('it-abc/report/science/2025'), 'submission-id': randomUUID() };
      const target = await grant(k, body, metadata);
      expect(target.key).toBe(k);
      expect(typeof target.url).toBe('string');
      expect(target.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-amz-meta-occurrence-id': metadata['occurrence-id'], 'x-amz-meta-submission-id': metadata['submission-id'] });
      await t.upload(target, body);
      expect(await t.bucket.inspect(k)).toEqual({ key: k, size: body.length, contentType: 'image/jpeg', metadata, sha256: sha256(body), versionId: version() });
    });

    it('keys with Chinese file names and spaces round-trip', async () => {
      const k = key('2025年3月 集体学法签到表.pdf');
      const body = Buffer.from('%PDF-1.7 签到表');
      const target = await grant(k, body, { 'submission-id': 's-1' }, 'application/pdf');
      await t.upload(target, body);
      expect(await t.bucket.inspect(k)).toEqual({ key: k, size: body.length, contentType: 'application/pdf', metadata: { 'submission-id': 's-1' }, sha256: sha256(body), versionId: version() });
    });

    it('metadata keys come back in lower case, as S3 keeps them', async () => {
      const k = key();
      const body = Buffer.from('mixed case');
      await t.upload(await grant(k, body, { 'Submission-Id': 'S-Upper' }), body);
      expect((await t.bucket.inspect(k)).metadata).toEqual({ 'submission-id': 'S-Upper' });
    });

    it('metadata of exactly 2 KB is granted', async () => {
      const k = key();
      const body = Buffer.from('limit');
      const metadata = { 'submission-id': 'x'.repeat(MAX_METADATA_BYTES - 'submission-id'.length) };
      await t.upload(await grant(k, body, metadata), body);
      expect((await t.bucket.inspect(k)).metadata).toEqual(metadata);
    });

    it('metadata over 2 KB (a long Chinese note, URL-encoded) is refused with MetadataTooLargeError before any URL is given', async () => {
      const k = key();
      const note = encodeURIComponent('依法行政'.repeat(75)); // 300 characters → 2,700 bytes encoded
      const refused = grant(k, Buffer.from('x'), { 'submission-id': 's-1', note });
      await expect(refused).rejects.toBeInstanceOf(MetadataTooLargeError);
      // Counted in UTF-8 bytes, keys included: 683 Chinese characters are 2,049 bytes.
      await expect(grant(key(), Buffer.from('x'), { n: '法'.repeat(683) })).rejects.toBeInstanceOf(MetadataTooLargeError);
      await expect(t.bucket.inspect(k)).rejects.toBeInstanceOf(NotFoundError);
    });

    it.runIf(traits.refusesPutsUnlikeTheGrant)('a PUT that differs from the grant (content type or size) is refused and stores nothing', async () => {
      const k = key();
      const body = Buffer.from('the granted bytes');
      const target = await grant(k, body, { 'submission-id': 's-1' });
      await expect(t.upload({ ...target, headers: { ...target.headers, 'content-type': 'text/html' } }, body)).rejects.toThrow();
      await expect(t.upload(target, Buffer.concat([body, Buffer.from(' and more')]))).rejects.toThrow();
      await expect(t.bucket.inspect(k)).rejects.toBeInstanceOf(NotFoundError);
      await t.upload(target, body);
      expect((await t.bucket.inspect(k)).sha256).toBe(sha256(body));
    });

    it('every PUT carries If-None-Match: * (no overwrite); a declared SHA-256 travels as x-amz-checksum-sha256 (base64)', async () => {
      const body = Buffer.from(`%PDF ${randomUUID()}`);
      const plain = await grant(key('plain.pdf'), body, {}, 'application/pdf');
      expect(plain.headers['if-none-match']).toBe('*');
      expect(plain.headers).not.toHaveProperty('x-amz-checksum-sha256');
      const k = key('checked.pdf');
      const checked = await grant(k, body, { 'submission-id': 's-1' }, 'application/pdf', sha256(body));
      expect(checked.headers).toMatchObject({ 'if-none-match': '*', 'x-amz-checksum-sha256': checksum(body) });
      await t.upload(checked, body);
      expect((await t.bucket.inspect(k)).sha256).toBe(sha256(body));
    });

    it.runIf(traits.enforcesWriteConditions)('a second PUT to an evidence key is refused and the first upload stays as it was', async () => {
      const k = key();
      const body = Buffer.from('the original evidence');
      const target = await grant(k, body, { 'submission-id': 's-1' });
      await t.upload(target, body);
      const first = await t.bucket.inspect(k);
      const forged = Buffer.from('a forged replacement!');
      await expect(t.upload(await grant(k, forged, { 'submission-id': 's-1' }), forged)).rejects.toThrow();
      await expect(t.upload(target, body)).rejects.toThrow();
      expect(await t.bucket.inspect(k)).toEqual(first);
    });

    it.runIf(traits.enforcesWriteConditions)('a body unlike its declared SHA-256 is refused and stores nothing', async () => {
      const k = key();
      const body = Buffer.from('what the office hashed');
      const other = Buffer.from('what arrives instead!!');
      const target = await grant(k, body, {}, 'image/jpeg', sha256(body));
      await expect(t.upload(target, other)).rejects.toThrow();
      await expect(t.bucket.inspect(k)).rejects.toBeInstanceOf(NotFoundError);
      await t.upload(target, body);
      expect((await t.bucket.inspect(k)).sha256).toBe(sha256(body));
    });

    it.runIf(traits.versions)('inspect reads the version asked for; an unknown version is NotFoundError', async () => {
      const k = key();
      const body = Buffer.from('versioned');
      await t.upload(await grant(k, body, {}), body);
      const { versionId } = await t.bucket.inspect(k);
      expect(versionId).toEqual(expect.any(String));
      expect(await t.bucket.inspect(k, versionId!)).toMatchObject({ key: k, sha256: sha256(body), versionId });
      await expect(t.bucket.inspect(k, 'no-such-version')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('list gives every object under the prefix (and nothing outside it) with its size and time', async () => {
      const folder = `evidence/contract-${randomUUID().slice(0, 8)}/`;
      const bodies = { [`${folder}a.jpg`]: Buffer.from('aa'), [`${folder}sub/b.pdf`]: Buffer.from('bbbb') };
      for (const [k, body] of Object.entries(bodies)) await t.upload(await grant(k, body, {}), body);
      const outside = `evidence/contract-${randomUUID().slice(0, 8)}/c.jpg`;
      await t.upload(await grant(outside, Buffer.from('c'), {}), Buffer.from('c'));
      const found = await listed(folder);
      expect(found.map((o) => [o.key, o.size])).toEqual([
        [`${folder}a.jpg`, 2],
        [`${folder}sub/b.pdf`, 4],
      ]);
      for (const o of found) expect(Math.abs(Date.parse(o.lastModified) - Date.now())).toBeLessThan(10 * 60_000);
      expect(await listed(`${folder}none/`)).toEqual([]);
    });

    it('inspect of a key never uploaded throws NotFoundError', async () => {
      await expect(t.bucket.inspect(key('missing.jpg'))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('presignGet gives a link for the key', async () => {
      const k = key('下载.jpg');
      const body = Buffer.from('download me');
      await t.upload(await grant(k, body, {}), body);
      const url = await t.bucket.presignGet(k, 300);
      expect(typeof url).toBe('string');
      expect(decodeURIComponent(url)).toContain(k);
      expect(url).not.toContain('versionId=');
      // A version named is a version signed: the link serves those bytes, whatever was written since.
      expect(await t.bucket.presignGet(k, 300, 'v-recorded')).toContain('versionId=v-recorded');
    });
  });
}
