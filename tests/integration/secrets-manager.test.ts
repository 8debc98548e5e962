/**
 * The secrets adapter against a local Secrets Manager peer on 127.0.0.1 that checks the SigV4 signature
 * as AWS does (it signs the request it received again with the caller's key and compares), and answers
 * in the JSON 1.1 protocol, errors included.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, SecretReadError, type SourceData, secretsManagerReader } from '../../functions/adapters/aws/secrets-manager-reader.js';

const KEYS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'local-secret-key', sessionToken: 'session-token' };
const SECRETS = new Map([['arn:aws:secretsmanager:ap-southeast-1:1:secret:links', 'link-key-0123456789']]);

/** The peer's own SHA-256 for the signer (AWS verifies with its own code, not the caller's). */
class PeerSha256 {
  private readonly parts: (string | Uint8Array)[] = [];
  private readonly key: string | Uint8Array | undefined;
  constructor(key?: SourceData) {
    this.key = key === undefined ? undefined : bytesOf(key);
  }
  update(data: SourceData): void {
    this.parts.push(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    const hash = this.key === undefined ? createHash('sha256') : createHmac('sha256', this.key);
    for (const part of this.parts) hash.update(part);
    return new Uint8Array(hash.digest());
  }
  reset(): void {
    this.parts.length = 0;
  }
}

interface Received {
  target: string | undefined;
  body: { SecretId?: string };
  signatureValid: boolean;
}

async function verify(request: IncomingMessage, body: string): Promise<boolean> {
  const authorization = String(request.headers.authorization ?? '');
  const date = String(request.headers['x-amz-date'] ?? '');
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  if (!signedHeaders.includes('host') || !/Credential=AKIDTEST\/\d{8}\/ap-southeast-1\/secretsmanager\/aws4_request/.test(authorization)) return false;
  const headers = Object.fromEntries(signedHeaders.filter((h) => h !== 'x-amz-date' && h !== 'x-amz-security-token').map((h) => [h, String(request.headers[h])]));
  const signer = new SignatureV4({ service: 'secretsmanager', region: 'ap-southeast-1', credentials: KEYS, sha256: PeerSha256 });
  const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const expected = await signer.sign({ method: request.method ?? 'POST', protocol: 'http:', hostname: '127.0.0.1', path: request.url ?? '/', query: {}, headers, body }, { signingDate });
  return expected.headers.authorization === authorization;
}

describe('Secrets Manager reader (signed JSON 1.1 requests)', () => {
  let server: Server;
  let endpoint: string;
  const received: Received[] = [];
  let failuresToServe = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', async () => {
        const signatureValid = await verify(request, body);
        const parsed = JSON.parse(body || '{}') as { SecretId?: string };
        received.push({ target: request.headers['x-amz-target'] as string | undefined, body: parsed, signatureValid });
        const answer = (status: number, json: unknown) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(json));
        };
        if (!signatureValid) return answer(400, { __type: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided.' });
        if (failuresToServe > 0) {
          failuresToServe -= 1;
          return answer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
        }
        const value = SECRETS.get(parsed.SecretId ?? '');
        if (value === undefined) return answer(400, { __type: 'com.amazonaws.secretsmanager#ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
        return answer(200, { ARN: parsed.SecretId, Name: 'links', SecretString: value, VersionId: 'v1' });
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  const reader = (keys = KEYS) => secretsManagerReader({ region: 'ap-southeast-1', endpoint, credentials: async () => keys, backoff: () => 1 });

  it('reads a secret with a request the peer verifies as correctly signed', async () => {
    received.length = 0;
    await expect(reader()('arn:aws:secretsmanager:ap-southeast-1:1:secret:links')).resolves.toBe('link-key-0123456789');
    expect(received).toEqual([{ target: 'secretsmanager.GetSecretValue', body: { SecretId: 'arn:aws:secretsmanager:ap-southeast-1:1:secret:links' }, signatureValid: true }]);
  });

  it('a request signed with the wrong key is refused, named, and not retried', async () => {
    received.length = 0;
    const error = await reader({ ...KEYS, secretAccessKey: 'wrong' })('arn:aws:secretsmanager:ap-southeast-1:1:secret:links').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretReadError);
    expect((error as Error).message).toMatch(/InvalidSignatureException/);
    expect(received).toHaveLength(1);
  });

  it('an unknown secret names the secret and the refusal', async () => {
    await expect(reader()('arn:aws:secretsmanager:ap-southeast-1:1:secret:gone')).rejects.toThrow(/secret arn:aws:secretsmanager:ap-southeast-1:1:secret:gone: ResourceNotFoundException/);
  });

  it('throttling is retried with backoff until it passes', async () => {
    received.length = 0;
    failuresToServe = 2;
    await expect(reader()('arn:aws:secretsmanager:ap-southeast-1:1:secret:links')).resolves.toBe('link-key-0123456789');
    expect(received).toHaveLength(3);
  });

  it('throttling that outlasts the attempts is reported as retryable', async () => {
    failuresToServe = 5;
    const error = (await reader()('arn:aws:secretsmanager:ap-southeast-1:1:secret:links').catch((e: unknown) => e)) as SecretReadError;
    failuresToServe = 0;
    expect(error).toBeInstanceOf(SecretReadError);
    expect(error.retryable).toBe(true);
  });

  it('a peer that does not answer is a named, retryable failure', async () => {
    const closed = secretsManagerReader({ region: 'ap-southeast-1', endpoint: 'http://127.0.0.1:9', credentials: async () => KEYS, attempts: 1 });
    const error = (await closed('x').catch((e: unknown) => e)) as SecretReadError;
    expect(error).toBeInstanceOf(SecretReadError);
    expect(error.message).toMatch(/secret x: Secrets Manager did not answer/);
  });
});
