/**
 * The HTTP API (API Gateway HTTP API, payload v2): the office's link-scoped endpoints, the policy
 * office's admin endpoints, and the pages. Each route parses its input, calls one use case, maps the result.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { calendarOf } from '../adapters/dynamo/keys.js';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { assertAdmin, assertMayRead, assertMayReview, maySeeOffice } from '../core/access/authenticate.js';
import { TooManyRequestsError, UnauthorizedError } from '../core/access/errors.js';
import type { Principal } from '../core/access/model.js';
import { hashSecret } from '../core/access/secrets.js';
import { requestSignIn, startSession } from '../core/access/sign-in.js';
import { type Capability, ForbiddenError, InvalidTokenError, issueToken, verifyToken } from '../core/capability.js';
import { ConflictError, NotFoundError, RequestRejectedError } from '../core/engine/ports.js';
import { reviewSubmission } from '../core/engine/review.js';
import { evidenceDownloadLink, evidenceKeyParts, requestUpload } from '../core/engine/uploads.js';
import { type BoardView, boardView, calendarList, officeView } from '../core/engine/views.js';
import { officeIcs } from '../core/office-ics.js';
import { assertNotForged, assertSameOrigin, auditEntry, bearer, principalOf, sessionCookie, sessionIdOf, sourceOf } from './access-http.js';
import { boardPage } from './pages/board-page.js';
import { assetAt, contentSecurityPolicy, newNonce } from './pages/page-shell.js';
import { signInPage } from './pages/sign-in-page.js';
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
});
const CalendarId = z.string().check(z.minLength(1), z.maxLength(200));
const BoardQuery = z.object({ calendar: CalendarId, year: z.string().check(z.regex(/^\d{4}$/, 'must be a four-digit year')) });
const CalendarBody = z.strictObject({ calendar: z.optional(CalendarId) });
const HistoryQuery = z.object({ occurrence: OccurrenceId });
const Email = z.string().check(z.minLength(3), z.maxLength(254));
const SignInBody = z.strictObject({ email: Email });
const SessionBody = z.strictObject({ email: Email, token: z.string().check(z.minLength(1), z.maxLength(200)) });

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
      case 'GET /signin':
        return html(runtime, signInPage);
      case 'GET /api/office': {
        const token = officeToken(event);
        const capability = await currentOfficeLink(runtime, token, now, 'upload');
        const view = await officeView(runtime.store, token, await runtime.tokenSecret(), now);
        return json(200, { ...view, calendarUrl: await calendarUrl(runtime, capability, now) });
      }
      case 'GET /api/office/calendar.ics': {
        const token = officeToken(event);
        await currentOfficeLink(runtime, token, now, 'calendar');
        return ics(officeIcs(await officeView(runtime.store, token, await runtime.tokenSecret(), now), now));
      }
      case 'POST /api/uploads': {
        // Authenticated before the body is read: a caller without a valid link learns nothing about it.
        const token = officeToken(event);
        const tokenSecret = await runtime.tokenSecret();
        await currentOfficeLink(runtime, token, now, 'upload');
        const body = parse(UploadBody, event, 'upload request');
        return json(200, await requestUpload({ store: runtime.store, bucket: runtime.bucket(), tokenSecret, clock: runtime.clock, policy: runtime.policy }, token, body, now));
      }
      case 'POST /api/signin':
      case 'POST /api/session':
      case 'POST /api/signout':
      case 'GET /api/me':
        return await accessRoute(runtime, event, `${method} ${path}`, now);
      case 'GET /api/admin/calendars': {
        const who = await principalOf(runtime, event, now);
        return json(
          200,
          (await calendarList(runtime.store, now)).filter((c) => who.role === 'admin' || who.calendars.includes(c.id)),
        );
      }
      case 'GET /api/admin/file': {
        const who = await principalOf(runtime, event, now);
        const key = event.queryStringParameters?.key ?? '';
        const parts = evidenceKeyParts(key);
        // evidence/<calendar>/<year>/<office>/…
        assertMayRead(who, key.split('/')[1] ?? '', key.split('/')[3] ?? '');
        const link = await evidenceDownloadLink(runtime.bucket(), key, 300);
        await runtime.access.audit.append(
          auditEntry(who, event, now, {
            action: 'evidence.download',
            subject: key,
            occurrenceId: parts?.occurrenceId ?? null,
            calendar: key.split('/')[1] ?? null,
            year: Number(key.split('/')[2]) || null,
          }),
        );
        return json(200, link);
      }
      case 'GET /api/admin/board': {
        const who = await principalOf(runtime, event, now);
        const query = validate(BoardQuery, event.queryStringParameters ?? {}, 'board query');
        assertMayRead(who, query.calendar);
        return json(200, scopedBoard(await boardView(runtime.store, query.calendar, Number(query.year), now), who));
      }
      case 'GET /api/admin/history': {
        const who = await principalOf(runtime, event, now);
        const occurrenceId = validate(HistoryQuery, event.queryStringParameters ?? {}, 'history query').occurrence;
        // Occurrence ids are calendar/task/office/period.
        assertMayRead(who, calendarOf(occurrenceId), occurrenceId.split('/')[2] ?? '');
        return json(200, await runtime.access.audit.ofOccurrence(occurrenceId));
      }
      case 'GET /api/admin/audit': {
        const who = await principalOf(runtime, event, now);
        const query = validate(BoardQuery, event.queryStringParameters ?? {}, 'audit query');
        assertMayRead(who, query.calendar);
        const ofYear = (await runtime.access.audit.ofCalendarYear(query.calendar, Number(query.year))).filter((e) => maySeeOffice(who, e.occurrenceId?.split('/')[2] ?? ''));
        // Account, token and run entries concern every calendar: admins see them with the year's.
        return json(200, who.role === 'admin' ? [...(await runtime.access.audit.general()), ...ofYear] : ofYear);
      }
      case 'POST /api/admin/review': {
        const who = await principalOf(runtime, event, now);
        assertNotForged(runtime, event, who);
        const body = parse(ReviewBody, event, 'review');
        assertMayReview(who, calendarOf(body.occurrenceId));
        // The decision and its audit entry are one transaction.
        const result = await reviewSubmission(await runtime.engine(), { ...body, reviewer: who.name, audit: { actor: { email: who.email, name: who.name }, source: sourceOf(event) } }, now);
        return json(200, result);
      }
      // Started, not awaited: the run is its own invocation (its own timeout, one at a time), and
      // answers 202 with the run id its log lines carry.
      case 'POST /api/admin/digest': {
        const who = await principalOf(runtime, event, now);
        assertNotForged(runtime, event, who);
        assertAdmin(who);
        const body = parse(CalendarBody, event, 'digest request');
        if (body.calendar && !(await runtime.store.calendars.get(body.calendar))) throw new NotFoundError(`no calendar "${body.calendar}" has been materialised`);
        const run = await runtime.startRun('digest', { scheduledTime: now.toISOString(), onDemand: true, ...(body.calendar ? { calendar: body.calendar } : {}) });
        await runtime.access.audit.append(auditEntry(who, event, now, { action: 'run.digest', subject: `run ${run.runId}`, calendar: body.calendar ?? null }));
        return json(202, { ...run, function: 'digest', status: 'started' });
      }
      case 'POST /api/admin/sweep': {
        const who = await principalOf(runtime, event, now);
        assertNotForged(runtime, event, who);
        assertAdmin(who);
        const run = await runtime.startRun('sweep', { scheduledTime: now.toISOString() });
        await runtime.access.audit.append(auditEntry(who, event, now, { action: 'run.sweep', subject: `run ${run.runId}` }));
        return json(202, { ...run, function: 'sweep', status: 'started' });
      }
      default:
        return json(404, { error: `no route ${method} ${path}` });
    }
  } catch (error) {
    return errorResult(runtime, error as Error, `${method} ${path}`);
  }
}

/** Sign-in and the session: asking for a link, starting the session with it, who am I, signing out. */
async function accessRoute(runtime: AppRuntime, event: APIGatewayProxyEventV2, route: string, now: Date): Promise<Result> {
  switch (route) {
    case 'POST /api/signin': {
      assertSameOrigin(runtime, event);
      const body = parse(SignInBody, event, 'sign-in request');
      await requestSignIn(runtime.signIn(), body.email, sourceOf(event), now);
      // The same answer whether or not the address has an account.
      return json(202, { message: '如果该邮箱已开通账户，登录链接已发送，15 分钟内有效。' });
    }
    case 'POST /api/session': {
      assertSameOrigin(runtime, event);
      const body = parse(SessionBody, event, 'session request');
      const started = await startSession(runtime.access, body.email, body.token, sourceOf(event), now);
      await runtime.access.audit.append(started.audit);
      return { ...json(200, { csrfToken: started.csrfToken, expiresAt: started.expiresAt }), cookies: [sessionCookie(runtime, started.sessionId)] };
    }
    case 'POST /api/signout': {
      const who = await principalOf(runtime, event, now);
      assertNotForged(runtime, event, who);
      const sessionId = sessionIdOf(event);
      if (sessionId) await runtime.access.sessions.end(hashSecret(sessionId), now.toISOString());
      return { ...json(200, { signedOut: true }), cookies: [sessionCookie(runtime, '', 0)] };
    }
    default: {
      const who = await principalOf(runtime, event, now);
      return json(200, { email: who.email, name: who.name, role: who.role, calendars: who.calendars, office: who.office, csrfToken: who.csrfToken ?? null });
    }
  }
}

/** A viewer limited to one office sees that office's row only. */
function scopedBoard(board: BoardView, who: Principal): BoardView {
  return { ...board, offices: board.offices.filter((o) => maySeeOffice(who, o.id)), cells: board.cells.filter((c) => maySeeOffice(who, c.office)) };
}

/**
 * A signed link of the office's current key version (a rotated one is refused as revoked). A calendar
 * subscription address reads the ICS only; an upload link does everything the office may.
 */
async function currentOfficeLink(runtime: AppRuntime, token: string, now: Date, use: 'upload' | 'calendar'): Promise<Capability> {
  const capability = verifyToken(token, await runtime.tokenSecret(), now);
  if (capability.purpose === 'calendar' && use !== 'calendar') throw new ForbiddenError('a calendar subscription address can only read the calendar; use the link in your latest reminder e-mail');
  if ((capability.keyVersion ?? 0) !== (await runtime.access.officeKeys.version(capability.calendar, capability.office))) throw new InvalidTokenError('revoked');
  return capability;
}

/** How long a calendar subscription address works (a calendar app keeps it): until rotated, or this many years. */
const CALENDAR_URL_YEARS = 5;

async function calendarUrl(runtime: AppRuntime, link: Capability, now: Date): Promise<string> {
  const expiresAt = Math.floor(now.getTime() / 1000) + CALENDAR_URL_YEARS * 366 * 86_400;
  const token = issueToken({ calendar: link.calendar, office: link.office, expiresAt, keyVersion: link.keyVersion ?? 0, purpose: 'calendar' }, await runtime.tokenSecret());
  return `${runtime.origin()}/api/office/calendar.ics?token=${token}`;
}

function errorResult(runtime: AppRuntime, error: Error, route: string): Result {
  if (error instanceof BadRequestError || error instanceof RequestRejectedError) return json(400, { error: error.message, field: error.field });
  if (error instanceof PayloadTooLargeError) return json(413, { error: error.message, field: 'body' });
  if (error instanceof InvalidTokenError || error instanceof UnauthorizedError) return json(401, { error: error.message });
  if (error instanceof ForbiddenError) return json(403, { error: error.message });
  if (error instanceof TooManyRequestsError) return json(429, { error: error.message });
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

function ics(body: string): Result {
  return { statusCode: 200, headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store' }, body };
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
