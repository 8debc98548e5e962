/**
 * Hostile requests to the HTTP API, in memory: forged, expired and cross-office links, files of the wrong
 * kind or size, path tricks and invisible characters in names, bad dates, bodies that are not JSON or
 * are too large, and admin calls without the credential or with bad input. Each must get the 4xx it
 * names, with an error that says what is wrong (and the field, where there is one), and leave the store,
 * the bucket and the mail exactly as they were: no write of any kind, no link signed, no mail sent.
 */
import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryRuntime, MEMORY_SECRETS, type MemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { memoryStore } from '../../functions/adapters/memory/memory-store.js';
import { issueToken } from '../../functions/core/capability.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import type { Store } from '../../functions/core/engine/ports.js';
import { recordUpload } from '../../functions/core/engine/uploads.js';
import { handlersFor } from '../../functions/local/handlers.js';
import { apiEvent, jsonOf } from '../support/api-event.js';
import { bureau, bureauPlan, DEFAULT_TASKS } from '../support/engine-fixture.js';
import { unsentEverywhere } from '../support/unsent.js';

/** Monday 2025-03-10, 09:00 in Shanghai. */
const NOW = new Date('2025-03-10T01:00:00.000Z');
const SECONDS = Math.floor(NOW.getTime() / 1000);
const YEAR = 2025;

const b = bureau();
const other = bureau();
const id = (calendar: string, task: string, office: string) => `${calendar}/${task}/${office}/${YEAR}`;
const REPORT = id(b.calendar, 'report', 'science'); // deadline 03-14, opens 03-01
const STUDY = id(b.calendar, 'study', 'science'); // yearly quota: holds the one real submission
const OFFICE_REPORT = id(b.calendar, 'report', 'office');
const RETIRED = id(b.calendar, 'retired', 'science'); // cancelled: its task left the plan
const OTHER_REPORT = id(other.calendar, 'report', 'science');

const link = (calendar: string, office: string, expiresAt = SECONDS + 30 * 86400, secret = MEMORY_SECRETS.tokenSecret) => issueToken({ calendar, office, expiresAt }, secret);
const sign = (payload: string, secret = MEMORY_SECRETS.tokenSecret) => `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const SCIENCE = link(b.calendar, 'science');
const [SCIENCE_PAYLOAD, SCIENCE_SIGNATURE] = SCIENCE.split('.') as [string, string];
const ADMIN = MEMORY_SECRETS.adminApiToken;

/** Filled in by the setup: the one real submission, for the review rows. */
const real = { submissionId: '', key: '' };

// ---------- request builders ----------

type Event = APIGatewayProxyEventV2;
const call = (method: string, path: string, options: { body?: unknown; token?: string } = {}): Event => apiEvent(method, path, { ...options, now: NOW });
/** A path as sent, not as URL normalisation would make it. */
const atRawPath = (event: Event, rawPath: string): Event => ({ ...event, rawPath, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, path: rawPath } } });
/** `null` sends no credential (undefined would pick the default one). */
const auth = (token: string | null) => (token === null ? {} : { token });
const raw = (method: string, path: string, body: string, options: { token?: string; base64?: boolean } = {}): Event => ({
  ...call(method, path, options.token ? { token: options.token } : {}),
  body,
  isBase64Encoded: options.base64 ?? false,
});
const withHeader = (event: Event, authorization: string): Event => ({ ...event, headers: { ...event.headers, authorization } });

const file = (overrides: Record<string, unknown> = {}) => ({ name: '签到表.pdf', contentType: 'application/pdf', size: 1024, ...overrides });
const uploadBody = (overrides: Record<string, unknown> = {}) => ({ occurrenceId: REPORT, effectiveDate: '2025-03-10', files: [file()], ...overrides });
const upload = (body: unknown, token: string | null = SCIENCE) => call('POST', '/api/uploads', { body, ...auth(token) });
const withFile = (overrides: Record<string, unknown>) => upload(uploadBody({ files: [file(overrides)] }));
const rawUpload = (body: string, base64 = false) => raw('POST', '/api/uploads', body, { token: SCIENCE, base64 });
const review = (body: Record<string, unknown>, token: string | null = ADMIN) => call('POST', '/api/admin/review', { body, ...auth(token) });
const realReview = (overrides: Record<string, unknown>) => review({ occurrenceId: STUDY, submissionId: real.submissionId, decision: 'accept', ...overrides });
const admin = (method: string, path: string, body?: unknown, token: string | null = ADMIN) => call(method, path, { ...(body !== undefined ? { body } : {}), ...auth(token) });
const fileLink = (key: string) => admin('GET', `/api/admin/file?key=${encodeURIComponent(key)}`);

/** 1.2 MB of well-formed JSON: a note padded far beyond any limit. */
const HUGE = JSON.stringify(uploadBody({ note: 'x'.repeat(1_200_000) }));

// ---------- the table ----------

interface Hostile {
  name: string;
  event: () => Event;
  status: 400 | 401 | 403 | 404 | 413;
  /** A fragment the `error` must contain. */
  error: string;
  /** The `field` the answer must name (every 400 and 413 names one). */
  field?: string;
}

const row = (name: string, event: () => Event, status: Hostile['status'], error: string, field?: string): Hostile => ({ name, event, status, error, ...(field !== undefined ? { field } : {}) });

const HOSTILE: Hostile[] = [
  // --- the upload link ---
  row('upload without a token', () => upload(uploadBody(), null), 401, 'carries no upload link token'),
  row('upload with a token that is not one', () => upload(uploadBody(), 'not-a-token'), 401, 'not valid (malformed)'),
  row('upload with a token of three parts', () => upload(uploadBody(), `${SCIENCE}.extra`), 401, 'not valid (malformed)'),
  row('upload with a forged signature', () => upload(uploadBody(), `${SCIENCE_PAYLOAD}.${SCIENCE_SIGNATURE.slice(0, -2)}xx`), 401, 'not valid (forged)'),
  row('upload with the payload swapped for another office', () => upload(uploadBody(), `${b64url({ c: b.calendar, o: 'office', e: SECONDS + 3600 })}.${SCIENCE_SIGNATURE}`), 401, 'not valid (forged)'),
  row('upload with a token signed by another secret', () => upload(uploadBody(), link(b.calendar, 'science', SECONDS + 3600, 'another-secret-of-sufficient-length')), 401, 'not valid (forged)'),
  row('upload with a signed payload that is not JSON', () => upload(uploadBody(), sign(b64url('not json'))), 401, 'not valid (malformed)'),
  row('upload with a signed payload whose expiry is a string', () => upload(uploadBody(), sign(b64url({ c: b.calendar, o: 'science', e: 'never' }))), 401, 'not valid (malformed)'),
  row('upload with an expired token', () => upload(uploadBody(), link(b.calendar, 'science', SECONDS - 1)), 401, 'the link has expired'),
  row('upload with the admin token as link', () => upload(uploadBody(), ADMIN), 401, 'not valid (malformed)'),
  row('upload with a forged token in the query string', () => call('POST', `/api/uploads?token=${SCIENCE_PAYLOAD}.forged`, { body: uploadBody() }), 401, 'not valid (forged)'),
  row('upload with the link of another office', () => upload(uploadBody(), link(b.calendar, 'office')), 403, 'cannot act for office "science"'),
  row('upload with the link of another calendar', () => upload(uploadBody(), link(other.calendar, 'science')), 403, `belongs to office "science" of ${other.calendar}`),
  row("a valid link on another office's item", () => upload(uploadBody({ occurrenceId: OFFICE_REPORT })), 403, 'cannot act for office "office"'),
  row("a valid link on another calendar's item", () => upload(uploadBody({ occurrenceId: OTHER_REPORT })), 403, `cannot act for office "science" of ${other.calendar}`),
  row('upload for an unknown occurrence', () => upload(uploadBody({ occurrenceId: `${b.calendar}/nope/science/2025` })), 404, 'no occurrence'),
  row('upload for an occurrence id that is a path', () => upload(uploadBody({ occurrenceId: '../../etc/passwd' })), 404, 'no occurrence "../../etc/passwd"'),
  row('upload for an occurrence id of 513 characters', () => upload(uploadBody({ occurrenceId: 'x'.repeat(513) })), 400, 'at most 512 characters', 'occurrenceId'),
  row('upload for a cancelled occurrence', () => upload(uploadBody({ occurrenceId: RETIRED })), 400, 'this item was cancelled', 'occurrenceId'),

  // --- the files ---
  row('zero files', () => upload(uploadBody({ files: [] })), 400, 'choose at least one file', 'files'),
  row(
    '11 files',
    () => upload(uploadBody({ files: Array.from({ length: 11 }, (_, i) => file({ name: `p${i}.jpg`, contentType: 'image/jpeg' })) })),
    400,
    'at most 10 files per submission (11 were sent)',
    'files',
  ),
  row('a 0-byte file', () => withFile({ size: 0 }), 400, 'the file is empty', 'files.0.size'),
  row('a 51 MB file', () => withFile({ name: 'video.mp4', contentType: 'video/mp4', size: 51 * 1024 * 1024 }), 400, '51.0 MB is larger than the 50 MB limit', 'files.0.size'),
  row('a fractional size', () => withFile({ size: 1.5 }), 400, 'must be a whole number of bytes (got 1.5)', 'files.0.size'),
  row('a negative size', () => withFile({ size: -5 }), 400, 'cannot be negative (got -5)', 'files.0.size'),
  row('a size beyond 2^53', () => withFile({ size: 2 ** 60 }), 400, 'must be a whole number of bytes', 'files.0.size'),
  row('a NaN size (not JSON)', () => rawUpload(JSON.stringify(uploadBody()).replace('"size":1024', '"size":NaN')), 400, 'the upload request body is not JSON', 'body'),
  row('a null size (what JSON makes of NaN)', () => withFile({ size: Number.NaN }), 400, 'files.0.size: expected a finite number, received null', 'files.0.size'),
  row('an infinite size (1e400)', () => rawUpload(JSON.stringify(uploadBody()).replace('"size":1024', '"size":1e400')), 400, 'expected a finite number, received Infinity', 'files.0.size'),
  row('a size given as a string', () => withFile({ size: '1024' }), 400, 'expected a finite number, received a string', 'files.0.size'),
  row('an .exe file', () => withFile({ name: 'tool.exe', contentType: 'application/x-msdownload' }), 400, 'tool.exe: type "application/x-msdownload" is not accepted', 'files.0.contentType'),
  row('an HTML file', () => withFile({ name: 'page.html', contentType: 'text/html' }), 400, 'type "text/html" is not accepted', 'files.0.contentType'),
  row('an SVG image (scripts inside)', () => withFile({ name: 'logo.svg', contentType: 'image/svg+xml' }), 400, 'type "image/svg+xml" is not accepted', 'files.0.contentType'),
  row('a shell script', () => withFile({ name: 'run.sh', contentType: 'application/x-sh' }), 400, 'type "application/x-sh" is not accepted', 'files.0.contentType'),
  row('a content type with parameters', () => withFile({ contentType: 'application/pdf; charset=utf-8' }), 400, 'is not accepted', 'files.0.contentType'),
  row('an empty content type', () => withFile({ contentType: '' }), 400, 'type "unknown" is not accepted', 'files.0.contentType'),
  row('a missing content type', () => upload(uploadBody({ files: [{ name: 'a.pdf', size: 10 }] })), 400, 'files.0.contentType: required field is missing', 'files.0.contentType'),
  row('a file that is null', () => upload(uploadBody({ files: [null] })), 400, 'files.0: expected an object, received null', 'files.0'),
  row('a file asking for its own key', () => withFile({ key: 'evidence/other/2025/policy/x.pdf' }), 400, 'unknown field "key"', 'files.0.key'),

  // --- the names ---
  row('a name with ../', () => withFile({ name: '../../evidence/x.pdf' }), 400, 'path separator', 'files.0.name'),
  row('a name with ..\\', () => withFile({ name: '..\\..\\windows\\win.ini' }), 400, 'path separator', 'files.0.name'),
  row('an absolute POSIX path', () => withFile({ name: '/etc/passwd' }), 400, 'path separator', 'files.0.name'),
  row('an absolute Windows path', () => withFile({ name: 'C:\\Users\\a.pdf' }), 400, 'path separator', 'files.0.name'),
  row('a name with NUL', () => withFile({ name: 'a.pdf\u0000.exe' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name with a newline', () => withFile({ name: 'a\nb.pdf' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name with DEL and C1 controls', () => withFile({ name: 'a\u007f\u0085.pdf' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name with a bidi override (U+202E)', () => withFile({ name: 'invoice\u202Efdp.exe' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name with a zero-width space', () => withFile({ name: 'sign\u200Bin.pdf' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name with a byte-order mark', () => withFile({ name: '\uFEFFa.pdf' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name with a line separator (U+2028)', () => withFile({ name: 'a\u2028b.pdf' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name with a lone surrogate', () => withFile({ name: 'a\uD800.pdf' }), 400, 'control or invisible formatting characters', 'files.0.name'),
  row('a name of only dots (..)', () => withFile({ name: '..' }), 400, 'blank or only dots', 'files.0.name'),
  row('a name of only dots (...)', () => withFile({ name: '...' }), 400, 'blank or only dots', 'files.0.name'),
  row('a blank name', () => withFile({ name: '   ' }), 400, 'blank or only dots', 'files.0.name'),
  row('an empty name', () => withFile({ name: '' }), 400, 'files.0.name: must not be empty', 'files.0.name'),
  row('a name of 201 characters', () => withFile({ name: `${'名'.repeat(197)}.pdf` }), 400, 'files.0.name: at most 200 characters', 'files.0.name'),
  row('a bad second file names its index', () => upload(uploadBody({ files: [file(), file({ name: '../b.pdf' })] })), 400, 'file 2: the name contains a path separator', 'files.1.name'),

  // --- the note ---
  row('a note of 501 characters', () => upload(uploadBody({ note: '说'.repeat(501) })), 400, 'note: at most 500 characters', 'note'),
  row('a note with control characters', () => upload(uploadBody({ note: '集体学法\u0007\u001b[31m' })), 400, 'the note contains control or invisible formatting characters', 'note'),
  row('a note with a bidi override', () => upload(uploadBody({ note: '已完成\u202E成完未' })), 400, 'the note contains control or invisible formatting characters', 'note'),
  row('a note that is a number', () => upload(uploadBody({ note: 5 })), 400, 'note: expected a string, received 5', 'note'),

  // --- the activity date ---
  row('an effectiveDate in the future', () => upload(uploadBody({ effectiveDate: '2025-03-11' })), 400, 'is in the future (today is 2025-03-10)', 'effectiveDate'),
  row('an effectiveDate before the item opens', () => upload(uploadBody({ effectiveDate: '2025-02-28' })), 400, 'is before this item opens (2025-03-01)', 'effectiveDate'),
  row('an effectiveDate that is not a date', () => upload(uploadBody({ effectiveDate: 'yesterday' })), 400, 'effectiveDate "yesterday" is not a date (YYYY-MM-DD)', 'effectiveDate'),
  row('an effectiveDate of 2025-02-30', () => upload(uploadBody({ effectiveDate: '2025-02-30' })), 400, 'effectiveDate "2025-02-30" is not a date', 'effectiveDate'),
  row('an empty effectiveDate', () => upload(uploadBody({ effectiveDate: '' })), 400, 'effectiveDate "" is not a date', 'effectiveDate'),
  row('an effectiveDate with a time', () => upload(uploadBody({ effectiveDate: '2025-03-10T00:00:00Z' })), 400, 'is not a date (YYYY-MM-DD)', 'effectiveDate'),
  row('a missing effectiveDate', () => upload(uploadBody({ effectiveDate: undefined })), 400, 'effectiveDate: required field is missing', 'effectiveDate'),

  // --- the body ---
  row('no body at all', () => upload(undefined), 400, 'occurrenceId: required field is missing', 'occurrenceId'),
  row('a body that is not JSON', () => rawUpload('{occurrenceId: "x"'), 400, 'the upload request body is not JSON', 'body'),
  row('a body that is a JSON array', () => upload([uploadBody()]), 400, '(body): expected an object, received an array', 'body'),
  row('a body that is a JSON string', () => upload('occurrenceId'), 400, '(body): expected an object, received a string', 'body'),
  row('a body that is JSON null', () => rawUpload('null'), 400, '(body): expected an object, received null', 'body'),
  row('a body nested 100 000 deep', () => rawUpload(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 400, 'expected an object, received an array', 'body'),
  row('a huge body (1.2 MB of JSON)', () => rawUpload(HUGE), 413, 'at most 256 KB is accepted', 'body'),
  row('a huge base64-encoded body', () => rawUpload(Buffer.from(HUGE).toString('base64'), true), 413, 'at most 256 KB is accepted', 'body'),
  row('files as an object', () => upload(uploadBody({ files: { 0: file() } })), 400, 'files: expected an array, received an object', 'files'),
  row('occurrenceId as a number', () => upload(uploadBody({ occurrenceId: 42 })), 400, 'occurrenceId: expected a string, received 42', 'occurrenceId'),
  row('base64-encoded garbage', () => rawUpload('!!!@@@###~~~', true), 400, 'the upload request body is not JSON', 'body'),
  row('base64 of binary bytes', () => rawUpload(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b]).toString('base64'), true), 400, 'the upload request body is not JSON', 'body'),
  row('fields smuggled through __proto__', () => rawUpload(`{"__proto__":${JSON.stringify(uploadBody())}}`), 400, 'occurrenceId: required field is missing', 'occurrenceId'),
  row('an unknown field claiming a status', () => upload(uploadBody({ status: 'done' })), 400, 'unknown field "status"', 'status'),

  // --- the office view ---
  row('office view without a token', () => call('GET', '/api/office'), 401, 'carries no upload link token'),
  row('office view with a forged token', () => call('GET', `/api/office?token=${SCIENCE_PAYLOAD}.forged`), 401, 'not valid (forged)'),
  row('office view with an expired token', () => call('GET', `/api/office?token=${link(b.calendar, 'science', SECONDS - 60)}`), 401, 'the link has expired'),

  // --- the admin credential ---
  row('admin calendars without a token', () => admin('GET', '/api/admin/calendars', undefined, null), 401, 'not signed in'),
  row('admin calendars with a wrong token', () => admin('GET', '/api/admin/calendars', undefined, `${ADMIN.slice(0, -1)}x`), 401, 'the API token is unknown or revoked'),
  row('admin calendars with an office link', () => admin('GET', '/api/admin/calendars', undefined, SCIENCE), 401, 'the API token is unknown or revoked'),
  row('admin calendars with the token in the query', () => call('GET', `/api/admin/calendars?token=${ADMIN}`), 401, 'not signed in'),
  row('admin calendars with Basic authentication', () => withHeader(call('GET', '/api/admin/calendars'), `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`), 401, 'not signed in'),
  row('review without a token', () => review({ occurrenceId: STUDY, submissionId: real.submissionId, decision: 'reject', reason: '不清晰' }, null), 401, 'not signed in'),
  row('board without a token', () => admin('GET', `/api/admin/board?calendar=${b.calendar}&year=2025`, undefined, null), 401, 'not signed in'),
  row('file link without a token', () => admin('GET', '/api/admin/file?key=evidence/x', undefined, null), 401, 'not signed in'),
  row('digest without a token', () => admin('POST', '/api/admin/digest', {}, null), 401, 'not signed in'),
  row('sweep without a token', () => admin('POST', '/api/admin/sweep', undefined, null), 401, 'not signed in'),
  row('sweep with a wrong token', () => admin('POST', '/api/admin/sweep', undefined, 'wrong'), 401, 'the API token is unknown or revoked'),

  // --- review ---
  row('review of an unknown submission', () => review({ occurrenceId: STUDY, submissionId: 'nope', decision: 'accept' }), 404, 'no submission "nope"'),
  row('review of a real submission under another occurrence', () => realReview({ occurrenceId: REPORT }), 404, `for occurrence "${REPORT}"`),
  row('reject without a reason', () => realReview({ decision: 'reject' }), 400, 'a rejection needs a reason', 'reason'),
  row('reject with a blank reason', () => realReview({ decision: 'reject', reason: '   ' }), 400, 'a rejection needs a reason', 'reason'),
  row('reject with a reason of 501 characters', () => realReview({ decision: 'reject', reason: '差'.repeat(501) }), 400, 'reason: at most 500 characters', 'reason'),
  row('a decision that is neither', () => realReview({ decision: 'approve' }), 400, 'decision: expected one of "accept" | "reject"', 'decision'),
  row('a missing decision', () => realReview({ decision: undefined }), 400, 'decision: required field is missing', 'decision'),
  row('a review setting the status itself', () => realReview({ status: 'accepted' }), 400, 'unknown field "status"', 'status'),
  row('a submission id of 201 characters', () => realReview({ submissionId: 's'.repeat(201) }), 400, 'submissionId: at most 200 characters', 'submissionId'),
  row('a review body that is not JSON', () => raw('POST', '/api/admin/review', 'decision=accept', { token: ADMIN }), 400, 'the review body is not JSON', 'body'),
  row(
    'a huge review body',
    () => raw('POST', '/api/admin/review', JSON.stringify({ occurrenceId: STUDY, submissionId: 'x', decision: 'reject', reason: 'r'.repeat(300_000) }), { token: ADMIN }),
    413,
    'at most 256 KB',
    'body',
  ),

  // --- board ---
  row('board with a year that is not one', () => admin('GET', `/api/admin/board?calendar=${b.calendar}&year=abcd`), 400, 'year: must be a four-digit year', 'year'),
  row('board with a five-digit year', () => admin('GET', `/api/admin/board?calendar=${b.calendar}&year=20255`), 400, 'must be a four-digit year', 'year'),
  row('board without a calendar', () => admin('GET', '/api/admin/board?year=2025'), 400, 'calendar: required field is missing', 'calendar'),
  row('board with an empty calendar', () => admin('GET', '/api/admin/board?calendar=&year=2025'), 400, 'calendar: must not be empty', 'calendar'),
  row('board of an unknown calendar', () => admin('GET', '/api/admin/board?calendar=nope&year=2025'), 404, 'no calendar "nope" has been materialised'),
  row('board of a year not materialised', () => admin('GET', `/api/admin/board?calendar=${b.calendar}&year=2024`), 404, 'has no occurrences for 2024'),

  // --- file download links ---
  row('file key outside evidence/', () => fileLink('plans.json'), 400, 'key must name an evidence file', 'key'),
  row('file key missing', () => admin('GET', '/api/admin/file'), 400, 'key must name an evidence file', 'key'),
  row('file key climbing out with ../', () => fileLink('evidence/../secrets.json'), 400, 'contains an empty, "." or ".." segment', 'key'),
  row('file key climbing out deeper', () => fileLink(`evidence/${b.calendar}/2025/science/../../../../other/x.pdf`), 400, '".." segment', 'key'),
  row('file key with an empty segment', () => fileLink('evidence//x.pdf'), 400, 'empty, "." or ".." segment', 'key'),
  row('file key with a backslash', () => fileLink('evidence/a\\..\\..\\b'), 400, 'control characters or a backslash', 'key'),
  row('file key with NUL', () => fileLink('evidence/a\u0000.pdf'), 400, 'control characters or a backslash', 'key'),
  row('file key beyond 1024 bytes', () => fileLink(`evidence/${'名'.repeat(400)}`), 400, 'longer than 1024 bytes', 'key'),

  // --- digest ---
  row('digest for an empty calendar id (would mean all)', () => admin('POST', '/api/admin/digest', { calendar: '' }), 400, 'calendar: must not be empty', 'calendar'),
  row('digest for a calendar given as a number', () => admin('POST', '/api/admin/digest', { calendar: 42 }), 400, 'calendar: expected a string, received 42', 'calendar'),
  row('digest for an unknown calendar', () => admin('POST', '/api/admin/digest', { calendar: 'nope' }), 404, 'no calendar "nope" has been materialised'),
  row('digest with a body that is not JSON', () => raw('POST', '/api/admin/digest', 'calendar=x', { token: ADMIN }), 400, 'the digest request body is not JSON', 'body'),

  // --- routes ---
  row('GET on the upload route', () => call('GET', '/api/uploads', { token: SCIENCE }), 404, 'no route GET /api/uploads'),
  row('a path climbing from uploads to sweep', () => atRawPath(call('POST', '/api/admin/sweep', { token: ADMIN }), '/api/uploads/../admin/sweep'), 404, 'no route POST /api/uploads/../admin/sweep'),
];

// ---------- the world and what must not change ----------

const READS = new Set(['get', 'getMany', 'list', 'dueForAction', 'attention', 'ofCalendarYear', 'ofOffice', 'unsent', 'ofOccurrence', 'recordedBetween', 'getIntent']);

/** The store with every call that is not a known read recorded: a refused request must make none. */
function recording(store: Store, writes: string[]): Store {
  const wrap = <T extends object>(part: T, name: string): T =>
    new Proxy(part, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (typeof prop === 'string' && READS.has(prop)) return method.bind(target);
        return (...args: unknown[]) => {
          writes.push(`${name}.${String(prop)}`);
          return method.apply(target, args);
        };
      },
    });
  return {
    calendars: wrap(store.calendars, 'calendars'),
    occurrences: wrap(store.occurrences, 'occurrences'),
    outbox: wrap(store.outbox, 'outbox'),
    submissions: wrap(store.submissions, 'submissions'),
  };
}

const writes: string[] = [];
let runtime: MemoryRuntime;
let api: ReturnType<typeof handlersFor>['api'];

async function snapshot() {
  const calendars = await Promise.all([b.calendar, other.calendar].map((c) => runtime.store.calendars.get(c)));
  const occurrences = (await Promise.all([b.calendar, other.calendar].map((c) => runtime.store.occurrences.ofCalendarYear(c, YEAR)))).flat();
  const submissions = await Promise.all(occurrences.map((o) => runtime.store.submissions.ofOccurrence(o.id)));
  const intent = await runtime.store.submissions.getIntent(STUDY, real.submissionId);
  return { calendars, occurrences, submissions, intent, unsent: await unsentEverywhere(runtime.store), mails: runtime.inbox.sent.length, evidence: runtime.evidence.keys().sort() };
}

beforeAll(async () => {
  runtime = createMemoryRuntime({ clock: () => NOW, store: recording(memoryStore(), writes) });
  api = handlersFor(runtime).api;
  const retired = { ...DEFAULT_TASKS[0]!, id: 'retired', title: '已撤销的任务', owners: ['science'], schedule: { kind: 'deadline' as const, due: '06-30', opens: '06-01' } };
  await materialise(runtime.store, bureauPlan(b, YEAR, [...DEFAULT_TASKS, retired]), NOW, runtime.policy);
  await materialise(runtime.store, bureauPlan(b, YEAR), NOW, runtime.policy); // cancels "retired"
  await materialise(runtime.store, bureauPlan(other, YEAR), NOW, runtime.policy);
  expect((await runtime.store.occurrences.get(RETIRED))?.status).toBe('cancelled');

  // One real submission, through the real route, for the review rows to aim at.
  const granted = await api(upload({ occurrenceId: STUDY, effectiveDate: '2025-03-05', files: [file({ name: 'minutes.pdf', size: 10 })] }));
  expect(granted.statusCode, granted.body).toBe(200);
  const grant = jsonOf<{ submissionId: string; uploads: { key: string; headers: Record<string, string> }[] }>(granted);
  const target = grant.uploads[0]!;
  runtime.evidence.upload(target.key, target.headers, Buffer.from('%PDF-1.7\n'.padEnd(10, 'x')));
  await recordUpload({ store: runtime.store, bucket: runtime.bucket(), policy: runtime.policy, clock: runtime.clock }, target.key, NOW);
  Object.assign(real, { submissionId: grant.submissionId, key: target.key });
  expect(await runtime.store.submissions.ofOccurrence(STUDY)).toMatchObject([{ submissionId: grant.submissionId, status: 'received' }]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hostile requests', () => {
  it('the table is as broad as the acceptance check asks', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(35);
    expect(new Set(HOSTILE.map((h) => h.name)).size).toBe(HOSTILE.length);
  });

  it.each(HOSTILE.map((h) => [h.name, h] as const))('%s', async (_name, hostile) => {
    const before = await snapshot();
    writes.length = 0;
    const presignPut = vi.spyOn(runtime.evidence, 'presignPut');
    const presignGet = vi.spyOn(runtime.evidence, 'presignGet');

    const response = await api(hostile.event());

    expect(response.statusCode, response.body).toBe(hostile.status);
    expect(response.headers?.['content-type']).toContain('application/json');
    const body = jsonOf<{ error?: unknown; field?: unknown }>(response);
    expect(typeof body.error).toBe('string');
    expect(body.error).toContain(hostile.error);
    if (hostile.status === 400 || hostile.status === 413) expect(hostile.field, 'a 400 row names its field').toBeDefined();
    if (hostile.field !== undefined) expect(body.field).toBe(hostile.field);
    else expect(body.field).toBeUndefined();

    // Nothing stored, signed or sent.
    expect(writes).toEqual([]);
    expect(presignPut).not.toHaveBeenCalled();
    expect(presignGet).not.toHaveBeenCalled();
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).occurrenceId).toBeUndefined(); // no prototype pollution
  });

  it('after the whole table, the real submission and every occurrence are as the setup left them', async () => {
    expect(await runtime.store.submissions.ofOccurrence(STUDY)).toMatchObject([{ submissionId: real.submissionId, status: 'received', reason: null }]);
    expect(runtime.evidence.keys()).toEqual([real.key]);
    expect(runtime.inbox.sent).toEqual([]);
    expect(await unsentEverywhere(runtime.store)).toEqual([]);
  });

  it('a well-formed request still passes (the table is hostile, not the route)', async () => {
    const response = await api(upload(uploadBody()));
    expect(response.statusCode, response.body).toBe(200);
    const response2 = await api(fileLink(real.key));
    expect(response2.statusCode, response2.body).toBe(200);
  });
});
