/**
 * The HTTP API (API Gateway HTTP API, payload v2): the office's link-scoped endpoints, the policy
 * office's admin endpoints, and the pages. Each route parses its input, calls one use case, maps the result.
 */
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { ForbiddenError, InvalidTokenError } from '../core/capability.js';
import { sendDigests } from '../core/engine/digest.js';
import { ConflictError, NotFoundError, RequestRejectedError } from '../core/engine/ports.js';
import { reviewSubmission } from '../core/engine/review.js';
import { sweep } from '../core/engine/sweep.js';
import { requestUpload } from '../core/engine/uploads.js';
import { boardView, calendarList, officeView } from '../core/engine/views.js';
import { boardPage } from './pages/board-page.js';
import { uploadPage } from './pages/upload-page.js';
import { log, runtime } from './runtime-instance.js';

type Result = APIGatewayProxyStructuredResultV2;

const UploadBody = z.object({
  occurrenceId: z.string().check(z.minLength(1)),
  effectiveDate: z.string(),
  note: z.optional(z.string().check(z.maxLength(500))),
  files: z.array(z.object({ name: z.string().check(z.minLength(1), z.maxLength(200)), contentType: z.string(), size: z.number() })),
});
const ReviewBody = z.object({
  occurrenceId: z.string().check(z.minLength(1)),
  submissionId: z.string().check(z.minLength(1)),
  decision: z.enum(['accept', 'reject']),
  reason: z.optional(z.string().check(z.maxLength(500))),
  reviewer: z.optional(z.string().check(z.maxLength(100))),
});
const BoardQuery = z.object({ calendar: z.string().check(z.minLength(1)), year: z.string().check(z.regex(/^\d{4}$/, 'must be a four-digit year')) });
const CalendarBody = z.object({ calendar: z.optional(z.string()) });

/** A request the client must fix; `field` names what is wrong. */
class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(message: string, readonly field: string) {
    super(message);
  }
}
class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

export async function handler(event: APIGatewayProxyEventV2): Promise<Result> {
  const method = event.requestContext.http.method;
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  // Why the request time: it is the clock of the call, which the year simulation sets.
  const now = event.requestContext.timeEpoch ? new Date(event.requestContext.timeEpoch) : new Date();
  try {
    switch (`${method} ${path}`) {
      case 'GET /':
        return { statusCode: 302, headers: { location: '/board' }, body: '' };
      case 'GET /upload':
        return html(uploadPage());
      case 'GET /board':
        return html(boardPage());
      case 'GET /api/office':
        return json(200, await officeView(runtime.store, officeToken(event), await runtime.tokenSecret(), now));
      case 'POST /api/uploads': {
        const body = parse(UploadBody, event, 'upload request');
        return json(200, await requestUpload({ store: runtime.store, bucket: runtime.bucket(), tokenSecret: await runtime.tokenSecret() }, officeToken(event), body, now));
      }
      case 'GET /api/admin/calendars':
        await requireAdmin(event);
        return json(200, await calendarList(runtime.store));
      case 'GET /api/admin/file': {
        await requireAdmin(event);
        const key = event.queryStringParameters?.key ?? '';
        if (!key.startsWith('evidence/')) throw new BadRequestError('key must name an evidence file (evidence/…)', 'key');
        return json(200, { url: await runtime.bucket().presignGet(key, 300) });
      }
      case 'GET /api/admin/board': {
        await requireAdmin(event);
        const query = BoardQuery.safeParse(event.queryStringParameters ?? {});
        if (!query.success) throw new BadRequestError(issuesOf(query.error, 'query'), 'query');
        return json(200, await boardView(runtime.store, query.data.calendar, Number(query.data.year), now));
      }
      case 'POST /api/admin/review': {
        await requireAdmin(event);
        const body = parse(ReviewBody, event, 'review');
        return json(200, await reviewSubmission(await runtime.engine(), { ...body, reviewer: body.reviewer ?? '政策法规处' }, now));
      }
      case 'POST /api/admin/digest': {
        await requireAdmin(event);
        const body = parse(CalendarBody, event, 'digest request');
        return json(200, await sendDigests(await runtime.digest(), now, { onDemand: true, ...(body.calendar ? { calendar: body.calendar } : {}) }));
      }
      case 'POST /api/admin/sweep': {
        await requireAdmin(event);
        return json(200, await sweep(await runtime.engine(), now));
      }
      default:
        return json(404, { error: `no route ${method} ${path}` });
    }
  } catch (error) {
    return errorResult(error as Error, `${method} ${path}`);
  }
}

function errorResult(error: Error, route: string): Result {
  if (error instanceof BadRequestError || error instanceof RequestRejectedError) return json(400, { error: error.message, field: error.field });
  if (error instanceof InvalidTokenError || error instanceof UnauthorizedError) return json(401, { error: error.message });
  if (error instanceof ForbiddenError) return json(403, { error: error.message });
  if (error instanceof NotFoundError) return json(404, { error: error.message });
  if (error instanceof ConflictError) return json(409, { error: error.message });
  log('error', 'request failed', { route, error: error.message, stack: error.stack });
  return json(500, { error: 'internal error' });
}

function officeToken(event: APIGatewayProxyEventV2): string {
  const token = bearer(event) ?? event.queryStringParameters?.token;
  if (!token) throw new UnauthorizedError('the request carries no upload link token');
  return token;
}

async function requireAdmin(event: APIGatewayProxyEventV2): Promise<void> {
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
    try {
      raw = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body);
    } catch {
      throw new BadRequestError(`the ${what} body is not JSON`, 'body');
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new BadRequestError(issuesOf(result.error, what), result.error.issues[0]?.path.join('.') || 'body');
  return result.data;
}

function issuesOf(error: z.core.$ZodError, what: string): string {
  return `invalid ${what}: ${error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`;
}

function json(statusCode: number, body: unknown): Result {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

function html(body: string): Result {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // Uploads go straight to the bucket, so connect-src must allow its (presigned) origin.
      'content-security-policy': "default-src 'self'; connect-src *; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}
