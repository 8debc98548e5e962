/**
 * The evidence bucket in memory. A grant holds what S3's signature would bind (type, length, metadata),
 * and `upload` refuses a PUT that differs, as S3 refuses a request that does not match its signature.
 */
import { createHash } from 'node:crypto';
import { assertMetadataSize, NotFoundError, type EvidenceBucket, type StoredObject, type UploadTarget } from '../../core/engine/ports.js';

interface Grant {
  contentType: string;
  size: number;
  metadata: Record<string, string>;
}

export class UploadRefusedError extends Error {
  override readonly name = 'UploadRefusedError';
}

export class MemoryBucket implements EvidenceBucket {
  private readonly grants = new Map<string, Grant>();
  private readonly objects = new Map<string, StoredObject & { body: Buffer }>();

  constructor(private readonly name = 'memory-evidence') {}

  async presignPut(input: { key: string; contentType: string; size: number; metadata: Record<string, string>; expiresInSeconds: number }): Promise<UploadTarget> {
    assertMetadataSize(input.metadata);
    // S3 keeps user metadata keys in lower case (they travel as HTTP headers).
    const metadata = Object.fromEntries(Object.entries(input.metadata).map(([k, v]) => [k.toLowerCase(), v]));
    this.grants.set(input.key, { contentType: input.contentType, size: input.size, metadata });
    const headers: Record<string, string> = { 'content-type': input.contentType };
    for (const [k, v] of Object.entries(input.metadata)) headers[`x-amz-meta-${k}`] = v;
    return { key: input.key, url: `memory://${this.name}/${encodeURI(input.key)}`, headers };
  }

  /** The client's PUT to a granted key; returns the stored object, as the storage event reports it. */
  upload(key: string, headers: Record<string, string>, body: Buffer): StoredObject {
    const grant = this.grants.get(key);
    if (!grant) throw new UploadRefusedError(`no upload of ${key} was granted`);
    if (headers['content-type'] !== grant.contentType || body.length !== grant.size) throw new UploadRefusedError(`the PUT of ${key} does not match its signature`);
    const object = { key, size: body.length, contentType: grant.contentType, metadata: grant.metadata, sha256: createHash('sha256').update(body).digest('hex'), body };
    this.objects.set(key, object);
    return this.describe(object);
  }

  async inspect(key: string): Promise<StoredObject> {
    const object = this.objects.get(key);
    if (!object) throw new NotFoundError(`no object ${key}`);
    return this.describe(object);
  }

  async presignGet(key: string): Promise<string> {
    return `memory://${this.name}/${encodeURI(key)}`;
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  private describe(object: StoredObject): StoredObject {
    return { key: object.key, size: object.size, contentType: object.contentType, metadata: { ...object.metadata }, sha256: object.sha256 };
  }
}
