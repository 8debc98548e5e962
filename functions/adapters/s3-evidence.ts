/**
 * The EvidenceBucket on S3: presigned PUTs whose signature covers the content type, length and
 * metadata (so the client cannot change them), and inspection of what arrived (streamed SHA-256).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertMetadataSize, NotFoundError, type EvidenceBucket, type StoredObject, type UploadTarget } from '../core/engine/ports.js';

export class S3Evidence implements EvidenceBucket {
  constructor(private readonly client: S3Client, private readonly bucket: string) {}

  async presignPut(input: { key: string; contentType: string; size: number; metadata: Record<string, string>; expiresInSeconds: number }): Promise<UploadTarget> {
    // S3 refuses the PUT beyond 2 KB of metadata, after the office chose its files; refuse the grant instead.
    assertMetadataSize(input.metadata);
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: input.key, ContentType: input.contentType, ContentLength: input.size, Metadata: input.metadata });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: input.expiresInSeconds,
      // Why hoisting is off for these: signed headers bind the upload to the type and size we checked.
      signableHeaders: new Set(['content-type', 'content-length']),
      unhoistableHeaders: new Set(Object.keys(input.metadata).map((k) => `x-amz-meta-${k}`)),
    });
    const headers: Record<string, string> = { 'content-type': input.contentType };
    for (const [k, v] of Object.entries(input.metadata)) headers[`x-amz-meta-${k}`] = v;
    return { key: input.key, url, headers };
  }

  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: expiresInSeconds });
  }

  async inspect(key: string): Promise<StoredObject> {
    try {
      return await this.read(key);
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) throw new NotFoundError(`no object ${key}`);
      throw error;
    }
  }

  private async read(key: string): Promise<StoredObject> {
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const hash = createHash('sha256');
    for await (const chunk of object.Body as Readable) hash.update(chunk as Buffer);
    return {
      key,
      size: head.ContentLength ?? 0,
      contentType: head.ContentType ?? 'application/octet-stream',
      metadata: head.Metadata ?? {},
      sha256: hash.digest('hex'),
    };
  }
}
