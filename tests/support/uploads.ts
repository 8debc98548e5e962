/** Uploads evidence the way the upload page does, against a test environment's real handlers. */
import { expect } from 'vitest';
import { issueToken } from '../../functions/core/capability.js';
import { apiEvent, jsonOf } from './api-event.js';
import type { Bureau } from './engine-fixture.js';
import { TEST_SECRETS, type TestEnv } from './test-env.js';

export const tokenFor = (b: Bureau, office: string, expiresAt = Math.floor(Date.now() / 1000) + 3600) => issueToken({ calendar: b.calendar, office, expiresAt }, TEST_SECRETS.TOKEN_SECRET);

/** Asks for presigned uploads, PUTs the files like a browser, and waits for the S3 events to be handled. */
export async function upload(t: TestEnv, b: Bureau, office: string, occurrenceId: string, files: { name: string; type: string; content: Buffer }[], effectiveDate = '2025-03-10') {
  const response = await t.handlers.api(
    apiEvent('POST', '/api/uploads', { token: tokenFor(b, office), body: { occurrenceId, effectiveDate, files: files.map((f) => ({ name: f.name, contentType: f.type, size: f.content.length })) } }),
  );
  expect(response.statusCode, response.body).toBe(200);
  const grant = jsonOf<{ submissionId: string; uploads: { url: string; headers: Record<string, string>; key: string }[] }>(response);
  for (const [index, target] of grant.uploads.entries()) {
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: files[index]!.content });
    expect(put.status, await put.text()).toBe(200);
  }
  await t.uploadsSettled();
  return grant;
}
