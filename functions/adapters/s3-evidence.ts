/**
 * The EvidenceBucket on S3: presigned PUTs whose signature covers the content type, length, metadata,
 * `If-None-Match: *` (S3 refuses to overwrite an existing object: 412) and, when the client gave the
 * file's SHA-256, `x-amz-checksum-sha256` (S3 refuses a body that does not match: BadDigest); inspection
 * of what arrived (streamed SHA-256) at the version the storage event named; version-pinned downloads;
 * and the listing the daily reconciliation walks.
 *
 * The local emulator (s3rver) checks none of the signed conditions and keeps no versions: there the
 * engine's own checks (the recorded SHA-256 against the declared one) are what remain.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertMetadataSize, type EvidenceBucket, type ListedObject, NotFoundError, type PutGrant, type StoredObject, type UploadTarget } from '../core/engine/ports.js';

/** The `x-amz-checksum-sha256` value (base64) of a SHA-256 given in hex. */
export function checksumHeaderOf(sha256Hex: string): string {
  return Buffer.from(sha256Hex, 'hex').toString('base64');
}

export class S3Evidence implements EvidenceBucket {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presignPut(input: PutGrant): Promise<UploadTarget> {
    // S3 refuses the PUT beyond 2 KB of metadata, after the office chose its files; refuse the grant instead.
    assertMetadataSize(input.metadata);
    const checksum = input.sha256 ? checksumHeaderOf(input.sha256) : undefined;
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.size,
      Metadata: input.metadata,
      // Evidence is written once: a second PUT to the key (a replayed link, a tampered retry) fails with 412.
      IfNoneMatch: '*',
      ...(checksum ? { ChecksumSHA256: checksum } : {}),
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: input.expiresInSeconds,
      // Why hoisting is off for these: signed headers bind the upload to the type and size we checked.
      // Why the checksum too: hoisted into the query S3 would not check the body against it; as a signed
      // header it must be sent, unchanged, and S3 verifies the body.
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
      unhoistableHeaders: new Set([...Object.keys(input.metadata).map((k) => `x-amz-meta-${k}`), ...(checksum ? ['x-amz-checksum-sha256'] : [])]),
    });
    const headers: Record<string, string> = { 'content-type': input.contentType, 'if-none-match': '*' };
    if (checksum) headers['x-amz-checksum-sha256'] = checksum;
    for (const [k, v] of Object.entries(input.metadata)) headers[`x-amz-meta-${k}`] = v;
    return { key: input.key, url, headers };
  }

  async presignGet(key: string, expiresInSeconds: number, versionId?: string): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }), { expiresIn: expiresInSeconds });
  }

  async inspect(key: string, versionId?: string): Promise<StoredObject> {
    try {
      return await this.read(key, versionId);
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) throw new NotFoundError(`no object ${key}${versionId ? ` version ${versionId}` : ''}`);
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified: (object.LastModified ?? new Date(0)).toISOString() };
      }
    }
  }

  private async read(key: string, versionId: string | undefined): Promise<StoredObject> {
    const version = versionId ? { VersionId: versionId } : {};
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, ...version }));
    // The content read is the version the head described, even if another were written in between.
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(head.VersionId ? { VersionId: head.VersionId } : version) }));
    const hash = createHash('sha256');
    for await (const chunk of object.Body as Readable) hash.update(chunk as Buffer);
    return {
      key,
      size: head.ContentLength ?? 0,
      contentType: head.ContentType ?? 'application/octet-stream',
      metadata: head.Metadata ?? {},
      sha256: hash.digest('hex'),
      versionId: head.VersionId ?? null,
    };
  }
}
