/**
 * Who is calling, and what they may do. A session (the board's cookie) or an API token (the CLI) names
 * an account; the account is read on every request, so a revocation or a role change applies at once.
 */
import { ForbiddenError } from '../capability.js';
import { UnauthorizedError } from './errors.js';
import type { Account, Principal } from './model.js';
import type { AccessStore } from './ports.js';
import { hashSecret } from './secrets.js';

function principalOf(account: Account | undefined, via: Principal['via'], csrfToken?: string): Principal {
  if (account?.status !== 'active') throw new UnauthorizedError('the account is not active: sign in again');
  return { email: account.email, name: account.name, role: account.role, calendars: account.calendars, office: account.office, via, ...(csrfToken ? { csrfToken } : {}) };
}

export async function principalOfSession(access: AccessStore, sessionId: string, now: Date): Promise<Principal> {
  const session = await access.sessions.get(hashSecret(sessionId));
  if (!session || session.endedAt !== null || session.expiresAt <= now.toISOString()) throw new UnauthorizedError('not signed in, or the session has ended: sign in again');
  return principalOf(await access.accounts.get(session.email), 'session', session.csrfToken);
}

export async function principalOfToken(access: AccessStore, token: string): Promise<Principal> {
  const found = await access.apiTokens.get(hashSecret(token));
  if (!found || found.revokedAt !== null) throw new UnauthorizedError('the API token is unknown or revoked');
  return principalOf(await access.accounts.get(found.email), 'token');
}

/** Reading a calendar (and, given, one office's part of it): an admin any, others their calendars, a viewer with an office only that office. */
export function assertMayRead(principal: Principal, calendar: string, office?: string): void {
  if (principal.role !== 'admin' && !principal.calendars.includes(calendar)) throw new ForbiddenError(`${principal.email} may not see calendar ${calendar}`);
  if (office !== undefined && !maySeeOffice(principal, office)) throw new ForbiddenError(`${principal.email} may see office ${principal.office} only, not ${office}`);
}

/** A viewer limited to an office sees only that office; everyone else every office of their calendars. */
export function maySeeOffice(principal: Principal, office: string): boolean {
  return principal.role !== 'viewer' || principal.office === null || principal.office === office;
}

/** Accepting or rejecting: an admin, or a reviewer of that calendar. */
export function assertMayReview(principal: Principal, calendar: string): void {
  if (principal.role === 'admin') return;
  if (principal.role !== 'reviewer') throw new ForbiddenError(`${principal.email} is a ${principal.role} and may not review`);
  if (!principal.calendars.includes(calendar)) throw new ForbiddenError(`${principal.email} reviews ${principal.calendars.join(', ') || 'no calendar'}, not ${calendar}`);
}

export function assertAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenError(`${principal.email} is a ${principal.role}; this needs an admin`);
}
