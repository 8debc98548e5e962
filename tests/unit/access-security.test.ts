/**
 * Access, attacked, in memory through the real api handler: reused, expired and misdirected sign-in
 * links, a forged cookie, a cross-site POST, a viewer or another calendar's reviewer reviewing, a revoked
 * API token or account, a rotated office link. Each gets its status, and changes nothing: no session,
 * no review, no upload intent, no audit entry.
 */
import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRuntime, MEMORY_ADMIN, MEMORY_SECRETS, type MemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import type { AppRuntime } from '../../functions/adapters/runtime-parts.js';
import { sessionCookie } from '../../functions/app/access-http.js';
import { createApiToken, revokeAccount, revokeApiToken, rotateOfficeLinks } from '../../functions/core/access/manage.js';
import { SIGN_IN_LIMITS } from '../../functions/core/access/model.js';
import { issueToken } from '../../functions/core/capability.js';
import { uploadUrl } from '../../functions/core/engine/links.js';
import { materialise } from '../../functions/core/engine/materialise.js';
import { recordUpload } from '../../functions/core/engine/uploads.js';
import { handlersFor } from '../../functions/local/handlers.js';
import { seedAccount } from '../support/accounts.js';
import { apiEvent, jsonOf } from '../support/api-event.js';
import { bureau, bureauPlan } from '../support/engine-fixture.js';

let now = new Date('2025-03-10T01:00:00.000Z');
const ORIGIN = 'http://127.0.0.1:3000';
const A = bureau();
const B = bureau();
const studyOf = (calendar: string) => `${calendar}/study/science/2025`;
const REVIEWER = { email: 'reviewer@kjj.example', name: '王审核', role: 'reviewer' as const, calendars: [A.calendar] };
const VIEWER = { email: 'viewer@kjj.example', name: '赵查看', role: 'viewer' as const, calendars: [A.calendar] };
const REVIEWER_OF_B = { email: 'b-reviewer@kjj.example', name: '钱审核', role: 'reviewer' as const, calendars: [B.calendar] };

let runtime: MemoryRuntime;
let api: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
const submissions: Record<string, string> = {};

type Headers = Record<string, string>;
function request(method: string, path: string, options: { body?: unknown; token?: string; cookie?: string; headers?: Headers } = {}): APIGatewayProxyEventV2 {
  const event = apiEvent(method, path, { ...(options.body === undefined ? {} : { body: options.body }), ...(options.token ? { token: options.token } : {}), now });
  return { ...event, headers: { ...event.headers, ...options.headers }, ...(options.cookie ? { cookies: [`fazhi_session=${options.cookie}`] } : {}) };
}

const sameSite = { origin: ORIGIN };
const linkOf = (email: string) => {
  const mail = runtime.inbox.sent.filter((m) => m.to.includes(email)).at(-1);
  const link = new URL(/http\S+\/signin\?\S+/.exec(mail?.text ?? '')![0]);
  return { email: link.searchParams.get('email')!, token: link.searchParams.get('token')! };
};

async function askLink(email: string): Promise<{ email: string; token: string }> {
  // Each in a window of its own: the tests sign in more often than the per-address limit allows.
  now = new Date(now.getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000);
  const answer = await api(request('POST', '/api/signin', { body: { email }, headers: sameSite }));
  expect(answer.statusCode).toBe(202);
  return linkOf(email);
}

async function startSession(link: { email: string; token: string }): Promise<APIGatewayProxyStructuredResultV2> {
  return api(request('POST', '/api/session', { body: link, headers: sameSite }));
}

/** Signs in through the link and returns the session id (the cookie's value) and its CSRF token. */
async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const session = await startSession(await askLink(email));
  expect(session.statusCode, session.body).toBe(200);
  const cookie = /^fazhi_session=([^;]+)/.exec(session.cookies![0]!)![1]!;
  return { cookie, csrf: jsonOf<{ csrfToken: string }>(session).csrfToken };
}

const review = (calendar: string, decision: 'accept' | 'reject' = 'accept') => ({
  occurrenceId: studyOf(calendar),
  submissionId: submissions[calendar]!,
  decision,
  ...(decision === 'reject' ? { reason: '照片不清晰' } : {}),
});

/** What must not move: the submissions under review, the audit trail, the sessions' effect. */
async function state() {
  return {
    a: await runtime.store.submissions.get(studyOf(A.calendar), submissions[A.calendar]!),
    b: await runtime.store.submissions.get(studyOf(B.calendar), submissions[B.calendar]!),
    audit: [...(await runtime.access.audit.general()), ...(await runtime.access.audit.ofCalendarYear(A.calendar, 2025)), ...(await runtime.access.audit.ofCalendarYear(B.calendar, 2025))],
  };
}

async function expectRefused(answer: Promise<APIGatewayProxyStructuredResultV2>, status: number): Promise<void> {
  const before = await state();
  const result = await answer;
  expect(result.statusCode, result.body).toBe(status);
  expect(result.cookies ?? []).toEqual([]);
  expect(await state()).toEqual(before);
}

beforeAll(async () => {
  runtime = createMemoryRuntime({ clock: () => now });
  api = handlersFor(runtime).api;
  for (const b of [A, B]) {
    await materialise(runtime.store, bureauPlan(b, 2025), now, runtime.policy);
    const link = issueToken({ calendar: b.calendar, office: 'science', expiresAt: Math.floor(now.getTime() / 1000) + 3600 }, MEMORY_SECRETS.tokenSecret);
    const granted = await api(
      request('POST', '/api/uploads', {
        token: link,
        body: { occurrenceId: studyOf(b.calendar), effectiveDate: '2025-03-05', files: [{ name: 'minutes.pdf', contentType: 'application/pdf', size: 10 }] },
      }),
    );
    const grant = jsonOf<{ submissionId: string; uploads: { key: string; headers: Record<string, string> }[] }>(granted);
    runtime.evidence.upload(grant.uploads[0]!.key, grant.uploads[0]!.headers, Buffer.from('%PDF-1.7\n'.padEnd(10, 'x')));
    await recordUpload({ store: runtime.store, bucket: runtime.bucket(), policy: runtime.policy, clock: runtime.clock }, grant.uploads[0]!.key, now);
    submissions[b.calendar] = grant.submissionId;
  }
  for (const who of [REVIEWER, VIEWER, REVIEWER_OF_B]) await seedAccount(runtime.access, who);
});

describe('sign-in by e-mail link', () => {
  it('answers the same whether or not the address has an account, and mails only an account', async () => {
    const mails = runtime.inbox.sent.length;
    const known = await api(request('POST', '/api/signin', { body: { email: REVIEWER.email }, headers: sameSite }));
    const unknown = await api(request('POST', '/api/signin', { body: { email: 'nobody@kjj.example' }, headers: sameSite }));
    expect([known.statusCode, known.body]).toEqual([unknown.statusCode, unknown.body]);
    expect(runtime.inbox.sent.slice(mails).map((m) => m.to)).toEqual([[REVIEWER.email]]);
  });

  it('starts a session in an HttpOnly, SameSite=Strict cookie; the store keeps only its hash', async () => {
    const session = await startSession(await askLink(REVIEWER.email));
    expect(session.statusCode).toBe(200);
    const cookie = session.cookies![0]!;
    expect(cookie).toMatch(/^fazhi_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const id = /^fazhi_session=([^;]+)/.exec(cookie)![1]!;
    expect(await runtime.access.sessions.get(id)).toBeUndefined();
    const me = await api(request('GET', '/api/me', { cookie: id }));
    expect(jsonOf(me)).toMatchObject({ email: REVIEWER.email, name: REVIEWER.name, role: 'reviewer' });
  });

  it('marks the cookie Secure when the pages are served over https (as in AWS)', () => {
    const overHttps = { origin: () => 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn' } as unknown as AppRuntime;
    expect(sessionCookie(overHttps, 'id')).toBe('fazhi_session=id; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure');
  });

  it('a reused link: 401, no second session', async () => {
    const link = await askLink(REVIEWER.email);
    expect((await startSession(link)).statusCode).toBe(200);
    await expectRefused(startSession(link), 401);
  });

  it('an expired link (after 15 minutes): 401, no session', async () => {
    const link = await askLink(REVIEWER.email);
    const asked = now;
    now = new Date(asked.getTime() + 15 * 60_000 + 1000);
    try {
      await expectRefused(startSession(link), 401);
    } finally {
      now = asked;
    }
  });

  it('a link used with another address: 401, and the link still works for its own', async () => {
    const link = await askLink(REVIEWER.email);
    await expectRefused(startSession({ ...link, email: VIEWER.email }), 401);
    expect((await startSession(link)).statusCode).toBe(200);
  });

  it('a sign-in request from another site: 403, no mail', async () => {
    const mails = runtime.inbox.sent.length;
    await expectRefused(api(request('POST', '/api/signin', { body: { email: REVIEWER.email }, headers: { origin: 'https://evil.example' } })), 403);
    expect(runtime.inbox.sent.length).toBe(mails);
  });

  it('is rate-limited per address, whether or not it has an account', async () => {
    const address = 'flood@kjj.example';
    const statuses = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress; i += 1) statuses.push((await api(request('POST', '/api/signin', { body: { email: address }, headers: sameSite }))).statusCode);
    expect(statuses).toEqual([...Array(SIGN_IN_LIMITS.perAddress).fill(202), 429]);
  });

  it('is rate-limited per source address', async () => {
    const from = { ...sameSite };
    const event = (i: number) => {
      const e = request('POST', '/api/signin', { body: { email: `source-${i}@kjj.example` }, headers: from });
      return { ...e, requestContext: { ...e.requestContext, http: { ...e.requestContext.http, sourceIp: '203.0.113.9' } } };
    };
    const statuses = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perSource; i += 1) statuses.push((await api(event(i))).statusCode);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
  });
});

describe('sessions and roles', () => {
  it('a forged cookie: 401 on reading and on reviewing, nothing changes', async () => {
    await expectRefused(api(request('GET', `/api/admin/board?calendar=${A.calendar}&year=2025`, { cookie: 'forged-session-id' })), 401);
    await expectRefused(api(request('POST', '/api/admin/review', { cookie: 'forged-session-id', body: review(A.calendar), headers: { ...sameSite, 'x-csrf-token': 'x' } })), 401);
  });

  it('a cross-site POST without the CSRF token: 403; with the token but from another origin: 403; nothing changes', async () => {
    const { cookie, csrf } = await signIn(REVIEWER.email);
    await expectRefused(api(request('POST', '/api/admin/review', { cookie, body: review(A.calendar), headers: { origin: 'https://evil.example' } })), 403);
    await expectRefused(api(request('POST', '/api/admin/review', { cookie, body: review(A.calendar), headers: sameSite })), 403);
    await expectRefused(api(request('POST', '/api/admin/review', { cookie, body: review(A.calendar), headers: { origin: 'https://evil.example', 'x-csrf-token': csrf } })), 403);
  });

  it('a viewer trying to review: 403, nothing changes (reading is allowed)', async () => {
    const { cookie, csrf } = await signIn(VIEWER.email);
    expect((await api(request('GET', `/api/admin/board?calendar=${A.calendar}&year=2025`, { cookie }))).statusCode).toBe(200);
    await expectRefused(api(request('POST', '/api/admin/review', { cookie, body: review(A.calendar), headers: { ...sameSite, 'x-csrf-token': csrf } })), 403);
  });

  it('a reviewer of calendar A reviewing calendar B: 403, nothing changes; B is not even readable', async () => {
    const { cookie, csrf } = await signIn(REVIEWER.email);
    await expectRefused(api(request('POST', '/api/admin/review', { cookie, body: review(B.calendar), headers: { ...sameSite, 'x-csrf-token': csrf } })), 403);
    await expectRefused(api(request('GET', `/api/admin/board?calendar=${B.calendar}&year=2025`, { cookie })), 403);
    const calendars = jsonOf<{ id: string }[]>(await api(request('GET', '/api/admin/calendars', { cookie })));
    expect(calendars.map((c) => c.id)).toEqual([A.calendar]);
  });

  it("a reviewer's decision carries their name, and the item's history says who, when, before and after", async () => {
    const { cookie, csrf } = await signIn(REVIEWER.email);
    const answer = await api(request('POST', '/api/admin/review', { cookie, body: review(A.calendar, 'reject'), headers: { ...sameSite, 'x-csrf-token': csrf } }));
    expect(answer.statusCode, answer.body).toBe(200);
    expect(jsonOf(answer)).toMatchObject({ status: 'rejected', reviewedBy: REVIEWER.name, reviewedAt: now.toISOString() });
    const history = jsonOf<{ action: string; actor: { name: string }; before: string; after: string; source: string; at: string }[]>(
      await api(request('GET', `/api/admin/history?occurrence=${encodeURIComponent(studyOf(A.calendar))}`, { cookie })),
    );
    expect(history.at(-1)).toMatchObject({
      action: 'review.reject',
      actor: { name: REVIEWER.name, email: REVIEWER.email },
      before: 'received',
      after: 'rejected: 照片不清晰',
      source: '127.0.0.1',
      at: now.toISOString(),
    });
  });

  it("a reviewer's evidence download is in the item's history", async () => {
    const { cookie } = await signIn(REVIEWER.email);
    const key = (await runtime.store.submissions.get(studyOf(A.calendar), submissions[A.calendar]!))!.files[0]!.key;
    const link = await api(request('GET', `/api/admin/file?key=${encodeURIComponent(key)}`, { cookie }));
    expect(link.statusCode, link.body).toBe(200);
    const history = await runtime.access.audit.ofOccurrence(studyOf(A.calendar));
    expect(history.filter((e) => e.action === 'evidence.download')).toEqual([
      expect.objectContaining({ actor: { email: REVIEWER.email, name: REVIEWER.name }, subject: key, calendar: A.calendar, year: 2025 }),
    ]);
    // Another calendar's evidence is not theirs to fetch.
    const other = (await runtime.store.submissions.get(studyOf(B.calendar), submissions[B.calendar]!))!.files[0]!.key;
    await expectRefused(api(request('GET', `/api/admin/file?key=${encodeURIComponent(other)}`, { cookie })), 403);
  });

  it("a viewer limited to an office sees that office's row only", async () => {
    const head = { email: 'head@kjj.example', name: '周处长', role: 'viewer' as const, calendars: [A.calendar], office: 'science' };
    await seedAccount(runtime.access, head);
    const { cookie } = await signIn(head.email);
    const board = jsonOf<{ offices: { id: string }[]; cells: { office: string }[] }>(await api(request('GET', `/api/admin/board?calendar=${A.calendar}&year=2025`, { cookie })));
    expect(board.offices.map((o) => o.id)).toEqual(['science']);
    expect(new Set(board.cells.map((c) => c.office))).toEqual(new Set(['science']));
    // Nor another office's history, audit entries or evidence.
    const otherItem = `${A.calendar}/report/office/2025`;
    await expectRefused(api(request('GET', `/api/admin/history?occurrence=${encodeURIComponent(otherItem)}`, { cookie })), 403);
    expect((await api(request('GET', `/api/admin/history?occurrence=${encodeURIComponent(studyOf(A.calendar))}`, { cookie }))).statusCode).toBe(200);
    await expectRefused(api(request('GET', `/api/admin/file?key=${encodeURIComponent(`evidence/${A.calendar}/2025/office/report/2025/x/1-a.pdf`)}`, { cookie })), 403);
    const audit = jsonOf<{ occurrenceId: string | null }[]>(await api(request('GET', `/api/admin/audit?calendar=${A.calendar}&year=2025`, { cookie })));
    expect(audit.every((e) => e.occurrenceId?.split('/')[2] === 'science')).toBe(true);
  });

  it('revoking an account ends its sessions at once: the next request is 401', async () => {
    const who = { email: 'leaving@kjj.example', name: '孙离任', role: 'reviewer' as const, calendars: [A.calendar] };
    await seedAccount(runtime.access, who);
    const { cookie, csrf } = await signIn(who.email);
    expect((await api(request('GET', '/api/me', { cookie }))).statusCode).toBe(200);
    await revokeAccount({ access: runtime.access, actor: { email: MEMORY_ADMIN.email, name: MEMORY_ADMIN.name }, source: 'cli', now }, who.email);
    await expectRefused(api(request('GET', '/api/me', { cookie })), 401);
    await expectRefused(api(request('POST', '/api/admin/review', { cookie, body: review(A.calendar), headers: { ...sameSite, 'x-csrf-token': csrf } })), 401);
    // Asking for a new link gets the usual answer, and no mail.
    const mails = runtime.inbox.sent.length;
    expect((await api(request('POST', '/api/signin', { body: { email: who.email }, headers: sameSite }))).statusCode).toBe(202);
    expect(runtime.inbox.sent.length).toBe(mails);
  });

  it('signing out ends the session', async () => {
    const { cookie, csrf } = await signIn(REVIEWER.email);
    const out = await api(request('POST', '/api/signout', { cookie, headers: { ...sameSite, 'x-csrf-token': csrf } }));
    expect(out.cookies).toEqual(['fazhi_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0']);
    expect((await api(request('GET', '/api/me', { cookie }))).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('a revoked API token: 401, nothing changes', async () => {
    const context = { access: runtime.access, actor: { email: MEMORY_ADMIN.email, name: MEMORY_ADMIN.name }, source: 'cli', now };
    const { token, record } = await createApiToken(context, REVIEWER.email, 'ledger');
    expect((await api(request('GET', `/api/admin/board?calendar=${A.calendar}&year=2025`, { token }))).statusCode).toBe(200);
    await revokeApiToken(context, REVIEWER.email, record.id);
    await expectRefused(api(request('GET', `/api/admin/board?calendar=${A.calendar}&year=2025`, { token })), 401);
    await expectRefused(api(request('POST', '/api/admin/review', { token, body: review(A.calendar) })), 401);
  });

  it('the store keeps only the hash of a token', async () => {
    const { token, record } = await createApiToken({ access: runtime.access, actor: { email: MEMORY_ADMIN.email, name: MEMORY_ADMIN.name }, source: 'cli', now }, REVIEWER.email, 'x');
    expect(JSON.stringify(await runtime.access.apiTokens.ofAccount(REVIEWER.email))).not.toContain(token);
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the admin token of old is gone: the admin API takes an account token only', async () => {
    await expectRefused(api(request('GET', '/api/admin/calendars', { token: 'memory-admin-token-0123456789' })), 401);
    expect((await api(request('GET', '/api/admin/calendars', { token: MEMORY_SECRETS.adminApiToken }))).statusCode).toBe(200);
  });
});

describe('office links', () => {
  it('a rotated office link: 401 on the page data, the upload and the calendar subscription; no intent is written', async () => {
    const old = issueToken({ calendar: A.calendar, office: 'science', expiresAt: Math.floor(now.getTime() / 1000) + 3600 }, MEMORY_SECRETS.tokenSecret);
    expect((await api(request('GET', `/api/office?token=${old}`))).statusCode).toBe(200);
    const ics = await api(request('GET', `/api/office/calendar.ics?token=${old}`));
    expect(ics.statusCode).toBe(200);
    expect(ics.body).toContain(`UID:${studyOf(A.calendar)}@fazhi`);
    // The subscription address the page offers reads the calendar, and nothing else.
    const calendarUrl = jsonOf<{ calendarUrl: string }>(await api(request('GET', `/api/office?token=${old}`))).calendarUrl;
    expect(calendarUrl.startsWith(`${ORIGIN}/api/office/calendar.ics?token=`)).toBe(true);
    const subscription = new URL(calendarUrl).searchParams.get('token')!;
    expect((await api(request('GET', `/api/office/calendar.ics?token=${subscription}`))).body).toBe(ics.body);
    // A signed token naming another purpose is malformed.
    const payload = Buffer.from(JSON.stringify({ c: A.calendar, o: 'science', e: Math.floor(now.getTime() / 1000) + 3600, p: 'admin' })).toString('base64url');
    const odd = `${payload}.${createHmac('sha256', MEMORY_SECRETS.tokenSecret).update(payload).digest('base64url')}`;
    await expectRefused(api(request('GET', `/api/office/calendar.ics?token=${odd}`)), 401);
    await expectRefused(api(request('GET', `/api/office?token=${subscription}`)), 403);
    const uploadWithIt = api(
      request('POST', '/api/uploads', {
        token: subscription,
        body: { occurrenceId: `${A.calendar}/report/science/2025`, effectiveDate: '2025-03-10', files: [{ name: 'a.pdf', contentType: 'application/pdf', size: 10 }] },
      }),
    );
    await expectRefused(uploadWithIt, 403);

    await rotateOfficeLinks(
      { access: runtime.access, actor: { email: MEMORY_ADMIN.email, name: MEMORY_ADMIN.name }, source: 'cli', now },
      await runtime.store.calendars.get(A.calendar),
      A.calendar,
      'science',
    );
    const intents = async () => runtime.store.submissions.ofOccurrence(`${A.calendar}/report/science/2025`);
    const before = await intents();
    await expectRefused(api(request('GET', `/api/office?token=${old}`)), 401);
    await expectRefused(api(request('GET', `/api/office/calendar.ics?token=${old}`)), 401);
    await expectRefused(api(request('GET', `/api/office/calendar.ics?token=${subscription}`)), 401);
    const upload = await api(
      request('POST', '/api/uploads', {
        token: old,
        body: { occurrenceId: `${A.calendar}/report/science/2025`, effectiveDate: '2025-03-10', files: [{ name: 'a.pdf', contentType: 'application/pdf', size: 10 }] },
      }),
    );
    expect(upload.statusCode).toBe(401);
    expect(jsonOf(upload)).toMatchObject({ error: 'the link has been replaced; use the link in your latest reminder e-mail' });
    expect(await intents()).toEqual(before);

    // The next link carries the new version and works; the office's other links and other offices are untouched.
    const fresh = issueToken({ calendar: A.calendar, office: 'science', expiresAt: Math.floor(now.getTime() / 1000) + 3600, keyVersion: 1 }, MEMORY_SECRETS.tokenSecret);
    expect((await api(request('GET', `/api/office?token=${fresh}`))).statusCode).toBe(200);
    // The links the engine mails from now on carry the new version.
    const mailed = new URL(await uploadUrl((await runtime.engine()).links, A.calendar, 'science', now)).searchParams.get('token')!;
    expect((await api(request('GET', `/api/office?token=${mailed}`))).statusCode).toBe(200);
    const otherOffice = issueToken({ calendar: A.calendar, office: 'office', expiresAt: Math.floor(now.getTime() / 1000) + 3600 }, MEMORY_SECRETS.tokenSecret);
    expect((await api(request('GET', `/api/office?token=${otherOffice}`))).statusCode).toBe(200);
  });
});
