/**
 * Upload links are capabilities: an HMAC-signed, expiring token scoped to one office of one calendar.
 * Whoever holds the link may see that office's items and upload evidence for them, nothing else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Capability {
  calendar: string;
  office: string;
  /** Expiry, in seconds since the epoch. */
  expiresAt: number;
  /** The office's link key version when it was issued: `fazhi links rotate` moves it on, revoking older links. 0 if absent. */
  keyVersion?: number;
  /**
   * 'calendar': an office's calendar subscription address, long-lived (a calendar app keeps it), so it may
   * read the office's deadlines as ICS and nothing else. Absent: an upload link.
   */
  purpose?: 'calendar';
}

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(readonly reason: 'malformed' | 'forged' | 'expired' | 'revoked') {
    super(
      reason === 'expired' || reason === 'revoked'
        ? `the link has ${reason === 'expired' ? 'expired' : 'been replaced'}; use the link in your latest reminder e-mail`
        : `the link is not valid (${reason})`,
    );
  }
}

/** A valid token used outside its scope (another office, calendar or year). */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

export function issueToken(capability: Capability, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({
      c: capability.calendar,
      o: capability.office,
      e: capability.expiresAt,
      ...(capability.keyVersion ? { v: capability.keyVersion } : {}),
      ...(capability.purpose ? { p: capability.purpose } : {}),
    }),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function verifyToken(token: string, secret: string, now: Date): Capability {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw new InvalidTokenError('malformed');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidTokenError('forged');
  let decoded: { c?: unknown; o?: unknown; e?: unknown; v?: unknown; p?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('malformed');
  }
  if (
    typeof decoded.c !== 'string' ||
    typeof decoded.o !== 'string' ||
    typeof decoded.e !== 'number' ||
    (decoded.v !== undefined && typeof decoded.v !== 'number') ||
    (decoded.p !== undefined && decoded.p !== 'calendar')
  ) {
    throw new InvalidTokenError('malformed');
  }
  if (decoded.e * 1000 <= now.getTime()) throw new InvalidTokenError('expired');
  return { calendar: decoded.c, office: decoded.o, expiresAt: decoded.e, keyVersion: decoded.v ?? 0, ...(decoded.p === 'calendar' ? { purpose: 'calendar' as const } : {}) };
}

export function assertInScope(capability: Capability, target: { calendar: string; office: string }): void {
  if (capability.calendar !== target.calendar || capability.office !== target.office) {
    throw new ForbiddenError(`this link belongs to office "${capability.office}" of ${capability.calendar}; it cannot act for office "${target.office}" of ${target.calendar}`);
  }
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
