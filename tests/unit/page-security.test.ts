/**
 * The pages carry no inline code and a strict Content-Security-Policy: every script is a served bundle
 * allowed by a per-response nonce (and its SRI hash), no `on*=` handler attributes, no inline styles, no
 * 'unsafe-inline', and connections only to the API and to the evidence bucket's origin — which is the
 * origin of the URLs the SDK really presigns.
 */
import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { evidenceOrigin } from '../../functions/adapters/evidence-origin.js';
import { createMemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { createRuntime } from '../../functions/adapters/runtime.js';
import type { AppRuntime } from '../../functions/adapters/runtime-parts.js';
import { S3Evidence } from '../../functions/adapters/s3-evidence.js';
import { makeApiHandler } from '../../functions/app/api-handler.js';
import { WEB_ASSETS } from '../../functions/web/generated/assets.js';
import { apiEvent } from '../support/api-event.js';

const PAGES = ['/board', '/upload', '/signin'] as const;

async function get(runtime: AppRuntime, path: string) {
  const result = await makeApiHandler(runtime)(apiEvent('GET', path));
  return { status: result.statusCode, headers: (result.headers ?? {}) as Record<string, string>, body: result.body ?? '' };
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

const memory = () => createMemoryRuntime({ clock: () => new Date('2025-04-23T01:00:00Z') });

describe.each(PAGES)('the page %s', (path) => {
  it('has no inline script, no handler attributes, no inline style', async () => {
    const { status, headers, body } = await get(memory(), path);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/assets\/[a-z]+\.[0-9a-f]{12}\.js"/);
      expect(content).toBe('');
    }
    expect(body).not.toMatch(/\son[a-z]+\s*=/i);
    expect(body).not.toMatch(/<style\b/i);
    expect(body).not.toMatch(/\sstyle\s*=/i);
    expect(body).not.toMatch(/javascript:/i);
  });

  it("has a nonce-based CSP without 'unsafe-inline' or connect-src *, a new nonce each time", async () => {
    const first = await get(memory(), path);
    const second = await get(memory(), path);
    const csp = first.headers['content-security-policy']!;
    expect(csp).toBeDefined();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const policy = directives(csp);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    // Without a bucket browsers upload to (memory), the API's own origin only.
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    for (const values of policy.values()) expect(values).not.toContain('*');
    const nonce = /nonce="([^"]+)"/.exec(first.body)![1]!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(policy.get('script-src')).toEqual([`'nonce-${nonce}'`]);
    expect(second.headers['content-security-policy']).not.toBe(csp);
    expect(second.body).not.toContain(nonce);
  });

  it('references bundles that are served, cached for good, and match their integrity', async () => {
    const { body } = await get(memory(), path);
    const references = [...body.matchAll(/(?:src|href)="(\/assets\/[^"]+)" integrity="([^"]+)"/g)];
    expect(references.map(([, asset]) => asset!.split('.').pop())).toEqual(['css', 'js']);
    for (const [, asset, integrity] of references) {
      const served = await get(memory(), asset!);
      expect(served.status).toBe(200);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['content-type']).toMatch(asset!.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(integrity).toBe(`sha384-${createHash('sha384').update(served.body).digest('base64')}`);
    }
  });
});

describe('the bundles', () => {
  it('write no HTML as text and evaluate no strings', () => {
    for (const name of ['board', 'upload', 'signin'] as const) {
      const code = WEB_ASSETS[name].body;
      expect(code).not.toMatch(/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
      // The one label set of the core, not a copy: the state names are in the bundle once (the sign-in page shows none).
      expect(code.split('进度落后').length - 1).toBe(name === 'signin' ? 0 : 1);
    }
  });

  it('an unknown asset is a 404', async () => {
    expect((await get(memory(), '/assets/board.000000000000.js')).status).toBe(404);
  });
});

describe('connect-src names the origin browsers upload evidence to', () => {
  it('locally, the S3 emulator the runtime is wired to', async () => {
    const runtime = createRuntime({ TABLE_NAME: 'fazhi-test', BUCKET_NAME: 'fazhi-evidence', S3_ENDPOINT: 'http://127.0.0.1:4569', AWS_REGION: 'ap-southeast-1' });
    expect(runtime.evidenceOrigin).toBe('http://127.0.0.1:4569');
    const csp = directives((await get(runtime, '/upload')).headers['content-security-policy']!);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4569']);
  });

  it('in AWS, the bucket’s regional endpoint: the origin of the URLs the SDK presigns', async () => {
    for (const [bucketName, region] of [
      ['fazhistack-evidencebucket1a2b3c-4d5e6f7g8h9i', 'ap-southeast-1'],
      ['fazhi-evidence', 'us-east-1'],
      ['fazhi-evidence', 'cn-north-1'],
      ['fazhi.evidence.example', 'eu-central-1'],
    ] as const) {
      const client = new S3Client({ region, credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' } });
      const target = await new S3Evidence(client, bucketName).presignPut({ key: 'evidence/x/2025/o/t/2025/s/1-a.pdf', contentType: 'application/pdf', size: 10, metadata: {}, expiresInSeconds: 60 });
      expect(evidenceOrigin({ bucketName, region }), `${bucketName} in ${region}`).toBe(new URL(target.url).origin);
    }
    const runtime = createRuntime({ TABLE_NAME: 'fazhi-test', BUCKET_NAME: 'fazhi-evidence', AWS_REGION: 'ap-southeast-1' });
    const csp = directives((await get(runtime, '/board')).headers['content-security-policy']!);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://fazhi-evidence.s3.ap-southeast-1.amazonaws.com']);
  });
});
