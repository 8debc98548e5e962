/**
 * The HTTP side of access: the session cookie, who a request comes from (the board's cookie or an API
 * token), the CSRF checks on state-changing requests, and the audit entry a request appends.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import type { AuditAction, AuditEntry } from '../core/access/audit.js';
import { principalOfSession, principalOfToken } from '../core/access/authenticate.js';
import { UnauthorizedError } from '../core/access/errors.js';
import { type Principal, SESSION_HOURS } from '../core/access/model.js';
import { ForbiddenError } from '../core/capability.js';

export const SESSION_COOKIE = 'fazhi_session';

/** HttpOnly (never readable from script), SameSite=Strict, Secure when the pages are served over https. */
export function sessionCookie(runtime: AppRuntime, value: string, maxAgeSeconds = SESSION_HOURS * 3600): string {
  const secure = runtime.origin().startsWith('https:') ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function sessionIdOf(event: APIGatewayProxyEventV2): string | undefined {
  const cookies = event.cookies ?? (event.headers?.cookie ?? '').split(';');
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=');
  }
  return undefined;
}

export function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

export function sourceOf(event: APIGatewayProxyEventV2): string {
  return event.requestContext.http.sourceIp || 'unknown';
}

/** An API token (Authorization: Bearer) or the session cookie; 401 without either. */
export async function principalOf(runtime: AppRuntime, event: APIGatewayProxyEventV2, now: Date): Promise<Principal> {
  const token = bearer(event);
  if (token) return principalOfToken(runtime.access, token);
  const sessionId = sessionIdOf(event);
  if (!sessionId) throw new UnauthorizedError('not signed in: sign in with the link sent to your e-mail address');
  return principalOfSession(runtime.access, sessionId, now);
}

/**
 * A request that came from another site must not act with the cookie: the browser's Origin must be the
 * pages' own. Requests without a cookie session (API tokens) carry no ambient credential and are not checked.
 */
export function assertSameOrigin(runtime: AppRuntime, event: APIGatewayProxyEventV2): void {
  const origin = event.headers?.origin;
  if (origin !== runtime.origin()) throw new ForbiddenError(`cross-site request refused (Origin ${origin ?? 'missing'}, expected ${runtime.origin()})`);
}

/** A state-changing request with the cookie: same origin, and the session's CSRF token in `x-csrf-token`. */
export function assertNotForged(runtime: AppRuntime, event: APIGatewayProxyEventV2, principal: Principal): void {
  if (principal.via !== 'session') return;
  assertSameOrigin(runtime, event);
  if (!principal.csrfToken || event.headers?.['x-csrf-token'] !== principal.csrfToken) throw new ForbiddenError("the request lacks this session's CSRF token: reload the page");
}

export interface AuditFacts {
  action: AuditAction;
  subject: string;
  occurrenceId?: string | null;
  calendar?: string | null;
  year?: number | null;
  before?: string | null;
  after?: string | null;
}

export function auditEntry(principal: Pick<Principal, 'email' | 'name'>, event: APIGatewayProxyEventV2, now: Date, facts: AuditFacts): AuditEntry {
  return {
    id: randomUUID(),
    at: now.toISOString(),
    actor: { email: principal.email, name: principal.name },
    action: facts.action,
    occurrenceId: facts.occurrenceId ?? null,
    calendar: facts.calendar ?? null,
    year: facts.year ?? null,
    subject: facts.subject,
    before: facts.before ?? null,
    after: facts.after ?? null,
    source: sourceOf(event),
  };
}
