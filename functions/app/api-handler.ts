/**
 * The HTTP API (API Gateway HTTP API, payload v2): the office's link-scoped endpoints, the policy
 * office's admin endpoints, and the pages. Each route parses its input, calls one use case, maps the result.
 */
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { ForbiddenError, InvalidTokenError, verifyToken } from '../core/capability.js';
import { ConflictError, NotFoundError, RequestRejectedError } from '../core/engine/ports.js';
import { reviewSubmission } from '../core/engine/review.js';
import { evidenceDownloadLink, requestUpload } from '../core/engine/uploads.js';
import { boardView, calendarList, officeView } from '../core/engine/views.js';
import { boardPage } from './pages/board-page.js';
import { assetAt, contentSecurityPolicy, newNonce } from './pages/page-shell.js';
import { uploadPage } from './pages/upload-page.js';

type Result = APIGatewayProxyStructuredResultV2;

// Why the lengths on ids: they become DynamoDB keys (2 KB partition, 1 KB sort key); a longer one would
// fail there as a server error instead of here as the client's.
// Why strict objects: an unknown field is a client that thinks it controls something (a key, a status).
const OccurrenceId = z.string().check(z.minLength(1), z.maxLength(512));
const UploadBody = z.strictObject({
  occurrenceId: OccurrenceId,
  effectiveDate: z.string(),
  note: z.optional(z.string().check(z.maxLength(500))),
  files: z.array(z.strictObject({ name: z.string().check(z.minLength(1), z.maxLength(200)), contentType: z.string(), size: z.number(), sha256: z.optional(z.string().check(z.maxLength(64))) })),
  links: z.optional(z.array(z.string().check(z.maxLength(2000)))),
});
const ReviewBody = z.strictObject({
  occurrenceId: OccurrenceId,
  submissionId: z.string().check(z.minLength(1), z.maxLength(200)),
  decision: z.enum(['accept', 'reject']),
  reason: z.optional(z.string().check(z.maxLength(500))),
  reviewer: z.optional(z.string().check(z.maxLength(100))),
});
const CalendarId = z.string().check(z.minLength(1), z.maxLength(200));
const BoardQuery = z.object({ calendar: CalendarId, year: z.string().check(z.regex(/^\d{4}$/, 'must be a four-digit year')) });
const CalendarBody = z.strictObject({ calendar: z.optional(CalendarId) });

/** Request bodies are small JSON (an upload request names files, it does not carry them); beyond this, refuse before parsing. */
const MAX_BODY_BYTES = 256 * 1024;

/** A request the client must fix; `field` names what is wrong. */
class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}
class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

export type ApiHandler = (event: APIGatewayProxyEventV2) => Promise<Result>;

export function makeApiHandler(runtime: AppRuntime): ApiHandler {
  return (event) => route(runtime, event);
}

async function route(runtime: AppRuntime, event: APIGatewayProxyEventV2): Promise<Result> {
  const method = event.requestContext.http.method;
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  // Why the request time: it is the clock of the call, which the year simulation sets.
  const now = event.requestContext.timeEpoch ? new Date(event.requestContext.timeEpoch) : new Date();
  try {
    if (method === 'GET' && path.startsWith('/assets/')) return asset(path);
    switch (`${method} ${path}`) {
      case 'GET /':
        return { statusCode: 302, headers: { location: '/board' }, body: '' };
      case 'GET /upload':
        return html(runtime, uploadPage);
      case 'GET /board':
        return html(runtime, boardPage);
      case 'GET /api/office':
        return json(200, await officeView(runtime.store, officeToken(event), await runtime.tokenSecret(), now));
      case 'POST /api/uploads': {
        // Authenticated before the body is read: a caller without a valid link learns nothing about it.
        const token = officeToken(event);
        const tokenSecret = await runtime.tokenSecret();
        verifyToken(token, tokenSecret, now);
        const body = parse(UploadBody, event, 'upload request');
        return json(200, await requestUpload({ store: runtime.store, bucket: runtime.bucket(), tokenSecret, clock: runtime.clock, policy: runtime.policy }, token, body, now));
      }
      case 'GET /api/admin/calendars':
        await requireAdmin(runtime, event);
        return json(200, await calendarList(runtime.store, now));
      case 'GET /api/admin/file': {
        await requireAdmin(runtime, event);
        return json(200, await evidenceDownloadLink(runtime.bucket(), event.queryStringParameters?.key ?? '', 300));
      }
      case 'GET /api/admin/board': {
        await requireAdmin(runtime, event);
        const query = validate(BoardQuery, event.queryStringParameters ?? {}, 'board query');
        return json(200, await boardView(runtime.store, query.calendar, Number(query.year), now));
      }
      case 'POST /api/admin/review': {
        await requireAdmin(runtime, event);
        const body = parse(ReviewBody, event, 'review');
        return json(200, await reviewSubmission(await runtime.engine(), { ...body, reviewer: body.reviewer ?? '政策法规处' }, now));
      }
      // Started, not awaited: the run is its own invocation (its own timeout, one at a time), and
      // answers 202 with the run id its log lines carry.
      case 'POST /api/admin/digest': {
        await requireAdmin(runtime, event);
        const body = parse(CalendarBody, event, 'digest request');
        if (body.calendar && !(await runtime.store.calendars.get(body.calendar))) throw new NotFoundError(`no calendar "${body.calendar}" has been materialised`);
        const run = await runtime.startRun('digest', { scheduledTime: now.toISOString(), onDemand: true, ...(body.calendar ? { calendar: body.calendar } : {}) });
        return json(202, { ...run, function: 'digest', status: 'started' });
      }
      case 'POST /api/admin/sweep': {
        await requireAdmin(runtime, event);
        return json(202, { ...(await runtime.startRun('sweep', { scheduledTime: now.toISOString() })), function: 'sweep', status: 'started' });
      }
      default:
        return json(404, { error: `no route ${method} ${path}` });
    }
  } catch (error) {
    return errorResult(runtime, error as Error, `${method} ${path}`);
  }
}

function errorResult(runtime: AppRuntime, error: Error, route: string): Result {
  if (error instanceof BadRequestError || error instanceof RequestRejectedError) return json(400, { error: error.message, field: error.field });
  if (error instanceof PayloadTooLargeError) return json(413, { error: error.message, field: 'body' });
  if (error instanceof InvalidTokenError || error instanceof UnauthorizedError) return json(401, { error: error.message });
  if (error instanceof ForbiddenError) return json(403, { error: error.message });
  if (error instanceof NotFoundError) return json(404, { error: error.message });
  if (error instanceof ConflictError) return json(409, { error: error.message });
  runtime.log('error', 'request failed', { route, error: error.message, stack: error.stack });
  return json(500, { error: 'internal error' });
}

function officeToken(event: APIGatewayProxyEventV2): string {
  const token = bearer(event) ?? event.queryStringParameters?.token;
  if (!token) throw new UnauthorizedError('the request carries no upload link token');
  return token;
}

async function requireAdmin(runtime: AppRuntime, event: APIGatewayProxyEventV2): Promise<void> {
  const given = Buffer.from(bearer(event) ?? '');
  const expected = Buffer.from(await runtime.adminToken());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError('the admin credential is missing or wrong');
}

function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

function parse<T extends z.ZodMiniType>(schema: T, event: APIGatewayProxyEventV2, what: string): z.infer<T> {
  let raw: unknown = {};
  if (event.body) {
    const encoding = event.isBase64Encoded ? 'base64' : 'utf8';
    const bytes = Buffer.byteLength(event.body, encoding);
    if (bytes > MAX_BODY_BYTES) throw new PayloadTooLargeError(`the ${what} body is ${Math.ceil(bytes / 1024)} KB; at most ${MAX_BODY_BYTES / 1024} KB is accepted`);
    try {
      raw = JSON.parse(Buffer.from(event.body, encoding).toString('utf8'));
    } catch {
      throw new BadRequestError(`the ${what} body is not JSON`, 'body');
    }
  }
  return validate(schema, raw, what);
}

function validate<T extends z.ZodMiniType>(schema: T, raw: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(raw, { error: issueMessage });
  if (!result.success) throw invalid(result.error, what);
  return result.data;
}

/** A 400 listing every issue by field; `field` is the first one's. */
function invalid(error: z.core.$ZodError, what: string): BadRequestError {
  const fields = error.issues.map(fieldOf);
  return new BadRequestError(`invalid ${what}: ${error.issues.map((issue, i) => `${fields[i] || '(body)'}: ${issue.message}`).join('; ')}`, fields[0] || 'body');
}

function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  // An unknown field is named by its own path, not by the object that holds it.
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
  return path.join('.');
}

/**
 * The handler's own wording: zod/mini ships no messages (every issue would read "Invalid input"), and
 * this one does not depend on whatever else in the process configured zod.
 */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'required field is missing';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'number' ? 'a finite number' : withArticle(issue.expected)}, received ${shown(issue.input)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}${unitOf(issue.origin)}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      return `at least ${String(issue.minimum)}${unitOf(issue.origin)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return undefined;
  }
}

function unitOf(origin: string): string {
  return origin === 'string' ? ' characters' : origin === 'array' ? ' items' : '';
}

function shown(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number') return String(input);
  return withArticle(typeof input);
}

function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function json(statusCode: number, body: unknown): Result {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

/** A page, with a nonce of its own in its CSP (see pages/page-shell.ts). */
function html(runtime: AppRuntime, page: (nonce: string) => string): Result {
  const nonce = newNonce();
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': contentSecurityPolicy(nonce, runtime.evidenceOrigin),
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
    body: page(nonce),
  };
}

/** A page's script or stylesheet: its path carries its content hash, so it is cached for good. */
function asset(path: string): Result {
  const found = assetAt(path);
  if (!found) return json(404, { error: `no asset ${path}` });
  return {
    statusCode: 200,
    headers: { 'content-type': found.contentType, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' },
    body: found.body,
  };
}
