/**
 * GetSecretValue as one signed HTTPS request (Secrets Manager's JSON 1.1 protocol), instead of the SDK's
 * Secrets Manager client: every function that reads a secret already bundles the signer and the
 * credential chain with its DynamoDB client, so this costs a few hundred bytes where the client costs
 * 26 KB (see `npm run bench`). Throttling and server errors are retried with backoff; what Secrets
 * Manager refuses (no such secret, access denied) is not.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { awsDomainOf } from './dns-suffix.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface SecretsManagerReaderOptions {
  region: string;
  credentials: () => Promise<AwsCredentials>;
  /** Another endpoint than the region's (the tests' local peer). */
  endpoint?: string | undefined;
  attempts?: number;
  /** Milliseconds before retry n (1-based); default 100 ms doubling. */
  backoff?: (attempt: number) => number;
}

/** Secrets Manager refused the request or kept failing; says which secret and why. */
export class SecretReadError extends Error {
  override readonly name = 'SecretReadError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** What the signer hashes: text or bytes. */
export type SourceData = string | ArrayBuffer | ArrayBufferView;

export function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/** SHA-256 (keyed: HMAC) in the shape the signer asks for, on node:crypto. */
class NodeSha256 {
  private readonly secret: string | Uint8Array | undefined;
  private hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytesOf(secret);
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

const RETRYABLE_TYPES = /Throttling|InternalServiceError|ServiceUnavailable|RequestTimeout/;

export function secretsManagerReader(options: SecretsManagerReaderOptions): (secretId: string) => Promise<string> {
  const url = new URL(options.endpoint ?? `https://secretsmanager.${options.region}.${awsDomainOf(options.region)}`);
  const signer = new SignatureV4({ service: 'secretsmanager', region: options.region, credentials: options.credentials, sha256: NodeSha256 });
  const attempts = options.attempts ?? 3;
  const backoff = options.backoff ?? ((attempt: number) => 100 * 2 ** (attempt - 1));

  const once = async (secretId: string): Promise<string> => {
    const body = JSON.stringify({ SecretId: secretId });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      body,
    });
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: signed.headers, body, signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      throw new SecretReadError(`secret ${secretId}: Secrets Manager did not answer (${(error as Error).message})`, true);
    }
    const answer = (await response.json().catch(() => ({}))) as { SecretString?: string; __type?: string; message?: string; Message?: string };
    if (!response.ok) {
      const type = (answer.__type ?? `HTTP ${response.status}`).split('#').pop() ?? '';
      throw new SecretReadError(`secret ${secretId}: ${type}: ${answer.message ?? answer.Message ?? 'no message'}`, response.status >= 500 || RETRYABLE_TYPES.test(type));
    }
    if (typeof answer.SecretString !== 'string') throw new SecretReadError(`secret ${secretId} has no string value`, false);
    return answer.SecretString;
  };

  return async (secretId) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await once(secretId);
      } catch (error) {
        if (!(error instanceof SecretReadError) || !error.retryable || attempt >= attempts) throw error;
        await new Promise((settle) => setTimeout(settle, backoff(attempt)));
      }
    }
  };
}
