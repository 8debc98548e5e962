/**
 * Who may use the board and the admin API: accounts (e-mail, name, role, the calendars they act on),
 * sign-in links, sessions and API tokens. Plain data, no storage concerns; secrets are kept only as
 * SHA-256 hashes (see secrets.ts).
 */

export const ROLES = ['admin', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  /** Lower-cased; the account's identity. */
  email: string;
  name: string;
  role: Role;
  /** The calendars a reviewer reviews and a viewer reads (an admin sees every calendar). */
  calendars: string[];
  /** A viewer limited to one office of those calendars (an office head); null sees every office. */
  office: string | null;
  status: 'active' | 'revoked';
  createdAt: string;
  updatedAt: string;
  /** Compare-and-set counter. */
  version: number;
}

/** A single-use sign-in link: valid until `expiresAt`, once. */
export interface SignInLink {
  hash: string;
  email: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface Session {
  hash: string;
  email: string;
  /** Sent back by the page in a header on every state-changing request (the cookie alone is not enough). */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export interface ApiToken {
  hash: string;
  /** The first characters of the hash: names the token in lists and on revocation, reveals nothing. */
  id: string;
  email: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Who is making a request, as the handlers see it. */
export interface Principal {
  email: string;
  name: string;
  role: Role;
  calendars: string[];
  office: string | null;
  /** How the request was authenticated: the board's cookie, or an API token (the CLI). */
  via: 'session' | 'token';
  /** The session's CSRF token (sessions only). */
  csrfToken?: string;
}

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_HOURS = 12;

/** Sign-in requests allowed per address and per source address in one window. */
export const SIGN_IN_LIMITS = { perAddress: 5, perSource: 20, windowMinutes: 15 } as const;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Deliberately loose: one @, something on each side, a dot in the domain, no spaces. */
export function isEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
}
