/**
 * Managing accounts, API tokens and office links (the `fazhi accounts` and `fazhi links` commands, and
 * the bootstrap of the first admin). Each change appends its audit entry, naming who made it.
 */
import { randomUUID } from 'node:crypto';
import { RequestRejectedError } from '../engine/ports.js';
import type { CalendarMeta } from '../engine/records.js';
import type { AuditAction, AuditActor, AuditEntry } from './audit.js';
import { type Account, type ApiToken, isEmail, normaliseEmail, ROLES, type Role } from './model.js';
import type { AccessStore } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';

export interface ManageContext {
  access: AccessStore;
  actor: AuditActor;
  /** "cli", or the request's source address. */
  source: string;
  now: Date;
}

export interface NewAccount {
  email: string;
  name: string;
  role: string;
  calendars?: string[];
  office?: string | null;
}

function audit(context: ManageContext, action: AuditAction, subject: string, before: string | null, after: string | null, calendar: string | null = null): Promise<void> {
  const entry: AuditEntry = { id: randomUUID(), at: context.now.toISOString(), actor: context.actor, action, occurrenceId: null, calendar, year: null, subject, before, after, source: context.source };
  return context.access.audit.append(entry);
}

function roleOf(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new RequestRejectedError(`role "${role}" is not one of ${ROLES.join(', ')}`, 'role');
  return role as Role;
}

const describe = (a: Pick<Account, 'role' | 'calendars' | 'office'>) => `${a.role}${a.calendars.length > 0 ? ` [${a.calendars.join(', ')}]` : ''}${a.office ? ` office ${a.office}` : ''}`;

export async function addAccount(context: ManageContext, input: NewAccount): Promise<Account> {
  const email = normaliseEmail(input.email);
  if (!isEmail(email)) throw new RequestRejectedError(`"${input.email}" is not an e-mail address`, 'email');
  const name = input.name.trim();
  if (!name) throw new RequestRejectedError('an account needs a name (it is shown in the audit trail and the ledger)', 'name');
  const role = roleOf(input.role);
  const calendars = input.calendars ?? [];
  if (role === 'reviewer' && calendars.length === 0) throw new RequestRejectedError('a reviewer needs the calendars they review (--calendar ID, repeatable)', 'calendars');
  const at = context.now.toISOString();
  const account: Account = { email, name, role, calendars, office: input.office ?? null, status: 'active', createdAt: at, updatedAt: at, version: 1 };
  if (!(await context.access.accounts.create(account))) throw new RequestRejectedError(`an account for ${email} exists already (use \`fazhi accounts role\` to change it)`, 'email');
  await audit(context, 'account.add', email, null, `${name} ${describe(account)}`);
  return account;
}

async function existing(access: AccessStore, rawEmail: string): Promise<Account> {
  const email = normaliseEmail(rawEmail);
  const account = await access.accounts.get(email);
  if (!account) throw new RequestRejectedError(`no account for ${email} (\`fazhi accounts list\` shows them)`, 'email');
  return account;
}

export async function changeRole(context: ManageContext, rawEmail: string, role: string, calendars?: string[], office?: string | null): Promise<Account> {
  const account = await existing(context.access, rawEmail);
  const next = { role: roleOf(role), calendars: calendars ?? account.calendars, office: office === undefined ? account.office : office };
  if (next.role === 'reviewer' && next.calendars.length === 0) throw new RequestRejectedError('a reviewer needs the calendars they review (--calendar ID, repeatable)', 'calendars');
  const updated = await context.access.accounts.update(account.email, account.version, { ...next, updatedAt: context.now.toISOString() });
  await audit(context, 'account.role', account.email, describe(account), describe(updated));
  return updated;
}

/** Revokes the account: its sessions and tokens stop working with the next request (each reads the account). */
export async function revokeAccount(context: ManageContext, rawEmail: string): Promise<Account> {
  const account = await existing(context.access, rawEmail);
  if (account.status === 'revoked') return account;
  const updated = await context.access.accounts.update(account.email, account.version, { status: 'revoked', updatedAt: context.now.toISOString() });
  await audit(context, 'account.revoke', account.email, 'active', 'revoked');
  return updated;
}

/** A new API token for the account: the secret is returned once, the store keeps its hash. */
export async function createApiToken(context: ManageContext, rawEmail: string, label: string): Promise<{ token: string; record: ApiToken }> {
  const account = await existing(context.access, rawEmail);
  if (account.status !== 'active') throw new RequestRejectedError(`${account.email} is revoked: it cannot get a token`, 'email');
  const token = `fz_${newSecret()}`;
  const hash = hashSecret(token);
  const record: ApiToken = { hash, id: hash.slice(0, 12), email: account.email, label: label.trim() || 'cli', createdAt: context.now.toISOString(), revokedAt: null };
  await context.access.apiTokens.create(record);
  await audit(context, 'token.create', `${account.email} ${record.id}`, null, record.label);
  return { token, record };
}

export async function revokeApiToken(context: ManageContext, rawEmail: string, id: string): Promise<void> {
  const account = await existing(context.access, rawEmail);
  if (!(await context.access.apiTokens.revoke(account.email, id, context.now.toISOString()))) {
    throw new RequestRejectedError(`${account.email} has no active token ${id} (\`fazhi accounts token list --email ${account.email}\` shows them)`, 'id');
  }
  await audit(context, 'token.revoke', `${account.email} ${id}`, 'active', 'revoked');
}

/**
 * Every link of the office stops working; the next mail carries one of the new version. `meta` is the
 * calendar as stored (undefined: there is none), so a mistyped id is refused instead of rotating nothing.
 */
export async function rotateOfficeLinks(context: ManageContext, meta: CalendarMeta | undefined, calendar: string, office: string): Promise<number> {
  if (!meta) throw new RequestRejectedError(`no calendar "${calendar}" has been materialised`, 'calendar');
  if (!meta.offices.some((o) => o.id === office)) throw new RequestRejectedError(`calendar ${calendar} has no office "${office}" (its offices: ${meta.offices.map((o) => o.id).join(', ')})`, 'office');
  const version = await context.access.officeKeys.rotate(calendar, office);
  await audit(context, 'links.rotate', `${calendar}/${office}`, String(version - 1), String(version), calendar);
  return version;
}

/** The first admin (a deploy parameter, or local mode's first run): created only while there is no account at all. */
export async function bootstrapAdmin(context: ManageContext, email: string, name: string): Promise<Account | null> {
  if ((await context.access.accounts.list()).length > 0) return null;
  return addAccount(context, { email, name, role: 'admin' });
}
