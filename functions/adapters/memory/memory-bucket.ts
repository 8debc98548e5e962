/**
 * The evidence bucket in memory, behaving as the AWS bucket does (versioned, uploads that cannot
 * overwrite): a grant holds what S3's signature would bind (type, length, metadata, `If-None-Match: *`
 * and the checksum), and `upload` refuses a PUT that differs, as S3 refuses a request that does not match
 * its signature; a second PUT to a key is refused as S3 refuses `If-None-Match: *` on an existing
 * object (412), and a body that does not match its checksum as S3 does (BadDigest).
 */
import { createHash } from 'node:crypto';
import { assertMetadataSize, type EvidenceBucket, type ListedObject, NotFoundError, type PutGrant, type StoredObject, type UploadTarget } from '../../core/engine/ports.js';

interface Grant {
  contentType: string;
  size: number;
  metadata: Record<string, string>;
  /** base64, as the x-amz-checksum-sha256 header carries it. */
  checksum: string | null;
}

type Stored = StoredObject & { body: Buffer; lastModified: string };

export class UploadRefusedError extends Error {
  override readonly name = 'UploadRefusedError';
}

/** The `x-amz-checksum-sha256` value of a SHA-256 given in hex. */
export function checksumHeaderOf(sha256Hex: string): string {
  return Buffer.from(sha256Hex, 'hex').toString('base64');
}

export class MemoryBucket implements EvidenceBucket {
  private readonly grants = new Map<string, Grant>();
  private readonly objects = new Map<string, Stored>();
  private versions = 0;

  constructor(
    private readonly name = 'memory-evidence',
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async presignPut(input: PutGrant): Promise<UploadTarget> {
    assertMetadataSize(input.metadata);
    // S3 keeps user metadata keys in lower case (they travel as HTTP headers).
    const metadata = Object.fromEntries(Object.entries(input.metadata).map(([k, v]) => [k.toLowerCase(), v]));
    const checksum = input.sha256 ? checksumHeaderOf(input.sha256) : null;
    this.grants.set(input.key, { contentType: input.contentType, size: input.size, metadata, checksum });
    const headers: Record<string, string> = { 'content-type': input.contentType, 'if-none-match': '*' };
    if (checksum) headers['x-amz-checksum-sha256'] = checksum;
    for (const [k, v] of Object.entries(input.metadata)) headers[`x-amz-meta-${k}`] = v;
    return { key: input.key, url: `memory://${this.name}/${encodeURI(input.key)}`, headers };
  }

  /** The client's PUT to a granted key; returns the stored object, as the storage event reports it. */
  upload(key: string, headers: Record<string, string>, body: Buffer): StoredObject {
    const grant = this.grants.get(key);
    if (!grant) throw new UploadRefusedError(`no upload of ${key} was granted`);
    const signed = headers['content-type'] === grant.contentType && body.length === grant.size && headers['if-none-match'] === '*' && (headers['x-amz-checksum-sha256'] ?? null) === grant.checksum;
    if (!signed) throw new UploadRefusedError(`the PUT of ${key} does not match its signature`);
    if (this.objects.has(key)) throw new UploadRefusedError(`${key} exists: If-None-Match: * refuses to overwrite it (412 Precondition Failed)`);
    const sha = createHash('sha256').update(body);
    const hex = sha.copy().digest('hex');
    if (grant.checksum !== null && sha.digest('base64') !== grant.checksum) throw new UploadRefusedError(`the body of ${key} does not match its x-amz-checksum-sha256 (BadDigest)`);
    this.versions += 1;
    const object: Stored = {
      key,
      size: body.length,
      contentType: grant.contentType,
      metadata: grant.metadata,
      sha256: hex,
      versionId: `v${this.versions}`,
      body,
      lastModified: this.clock().toISOString(),
    };
    this.objects.set(key, object);
    return this.describe(object);
  }

  async inspect(key: string, versionId?: string): Promise<StoredObject> {
    const object = this.objects.get(key);
    if (!object || (versionId !== undefined && object.versionId !== versionId)) throw new NotFoundError(`no object ${key}${versionId ? ` version ${versionId}` : ''}`);
    return this.describe(object);
  }

  async presignGet(key: string, _expiresInSeconds?: number, versionId?: string): Promise<string> {
    return `memory://${this.name}/${encodeURI(key)}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const key of keys) {
      const object = this.objects.get(key)!;
      yield { key, size: object.size, lastModified: object.lastModified };
    }
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  /** The bytes a download link serves (the simulation's and the tests' "download"). */
  body(key: string): Buffer | undefined {
    return this.objects.get(key)?.body;
  }

  private describe(object: StoredObject): StoredObject {
    return { key: object.key, size: object.size, contentType: object.contentType, metadata: { ...object.metadata }, sha256: object.sha256, versionId: object.versionId };
  }
}
