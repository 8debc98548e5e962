/**
 * Sign-in by e-mail link. A request for an address mails a single-use link valid for 15 minutes, and
 * answers the same whether the address has an account or not; requests are counted per address and per
 * source. Opening the link (and confirming on the page) starts a 12-hour session: its id goes into an
 * HttpOnly cookie and only its hash into the store.
 */
import { randomUUID } from 'node:crypto';
import { escapeHtml } from '../email/render.js';
import type { Mailer } from '../engine/ports.js';
import type { AuditEntry } from './audit.js';
import { TooManyRequestsError, UnauthorizedError } from './errors.js';
import { isEmail, normaliseEmail, SESSION_HOURS, SIGN_IN_LIMITS, SIGN_IN_LINK_MINUTES } from './model.js';
import type { AccessStore } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';

export interface SignInDeps {
  access: AccessStore;
  mailer: Mailer;
  mailFrom: string;
  /** Where the pages are served: the link points at `<baseUrl>/signin`. */
  baseUrl: string;
}

/** The address a link is for and the link itself (the mail's, and what local mode prints). */
export function signInUrl(baseUrl: string, email: string, secret: string): string {
  return `${baseUrl.replace(/\/$/, '')}/signin?email=${encodeURIComponent(email)}&token=${secret}`;
}

/** Creates a link for an account's address (local mode prints it; the API mails it). */
export async function issueSignInLink(access: AccessStore, baseUrl: string, email: string, now: Date): Promise<string> {
  const secret = newSecret();
  await access.signInLinks.create({
    hash: hashSecret(secret),
    email,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000).toISOString(),
    usedAt: null,
  });
  return signInUrl(baseUrl, email, secret);
}

/**
 * Counts the request, then mails a link if the address has an active account. Says nothing of which:
 * the caller answers the same either way. Throws TooManyRequestsError past a limit (counted whether or
 * not the account exists, so the limit reveals nothing either).
 */
export async function requestSignIn(deps: SignInDeps, rawEmail: string, source: string, now: Date): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const window = windowOf(now);
  const byAddress = await deps.access.rateLimits.take(`signin-address#${hashSecret(email)}`, window, SIGN_IN_LIMITS.perAddress);
  const bySource = byAddress && (await deps.access.rateLimits.take(`signin-source#${source}`, window, SIGN_IN_LIMITS.perSource));
  if (!byAddress || !bySource) throw new TooManyRequestsError(`too many sign-in requests; try again in ${SIGN_IN_LIMITS.windowMinutes} minutes`);
  if (!isEmail(email)) return;
  const account = await deps.access.accounts.get(email);
  if (account?.status !== 'active') return;
  const link = await issueSignInLink(deps.access, deps.baseUrl, email, now);
  const lines = [`${account.name}：`, `请在 ${SIGN_IN_LINK_MINUTES} 分钟内打开以下链接登录法治工作进度看板（链接只能使用一次）：`, link, '如果不是您本人申请登录，请忽略本邮件。'];
  await deps.mailer.send({
    ...(deps.mailFrom ? { from: deps.mailFrom } : {}),
    to: [email],
    cc: [],
    subject: '【法治工作日历】登录链接',
    text: lines.join('\n'),
    html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>${lines.map((l) => `<p>${l === link ? `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>` : escapeHtml(l)}</p>`).join('')}</body></html>`,
  });
}

/** The rate-limit window a moment falls in (fixed windows of SIGN_IN_LIMITS.windowMinutes). */
export function windowOf(now: Date): string {
  const size = SIGN_IN_LIMITS.windowMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / size) * size).toISOString();
}

export interface StartedSession {
  /** The cookie's value; the store keeps its hash only. */
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  audit: AuditEntry;
}

/**
 * Uses the link once and starts a session. A link that is unknown, used, expired or issued for another
 * address, or an account that was revoked meanwhile, is a 401 and changes nothing.
 */
export async function startSession(access: AccessStore, rawEmail: string, secret: string, source: string, now: Date): Promise<StartedSession> {
  const email = normaliseEmail(rawEmail);
  const account = await access.accounts.get(email);
  if (account?.status !== 'active') throw new UnauthorizedError('this sign-in link is not valid (expired, used, or not for this address): ask for a new one');
  const link = await access.signInLinks.consume(hashSecret(secret), email, now.toISOString());
  if (!link) throw new UnauthorizedError('this sign-in link is not valid (expired, used, or not for this address): ask for a new one');
  const sessionId = newSecret();
  const session = {
    hash: hashSecret(sessionId),
    email,
    csrfToken: newSecret(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    endedAt: null,
  };
  await access.sessions.create(session);
  const audit: AuditEntry = {
    id: randomUUID(),
    at: now.toISOString(),
    actor: { email, name: account.name },
    action: 'session.start',
    occurrenceId: null,
    calendar: null,
    year: null,
    subject: email,
    before: null,
    after: null,
    source,
  };
  return { sessionId, csrfToken: session.csrfToken, expiresAt: session.expiresAt, audit };
}
