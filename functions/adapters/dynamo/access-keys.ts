/**
 * The items of the access port on the single table (see table-design.ts and the README's table):
 * accounts, sign-in links, sessions, API tokens, rate-limit counters, office key versions, audit entries.
 * Both the DynamoDB and the in-memory adapter write exactly these.
 */
import type { AuditEntry } from '../../core/access/audit.js';
import type { Account, ApiToken, Session, SignInLink } from '../../core/access/model.js';
import { calendarYearPk, type Item } from './keys.js';

export const ACCOUNTS_PK = 'ACCOUNTS';
/** Every audit partition starts with this: the stack denies UpdateItem and DeleteItem on these keys. */
export const AUDIT_PREFIX = 'AUDIT#';
const GENERAL_AUDIT = `${AUDIT_PREFIX}GENERAL`;

export const accountKey = (email: string) => ({ PK: ACCOUNTS_PK, SK: email });
export const signInKey = (hash: string) => ({ PK: `SIGNIN#${hash}`, SK: 'SIGNIN' });
export const sessionKey = (hash: string) => ({ PK: `SESSION#${hash}`, SK: 'SESSION' });
export const apiTokenKey = (hash: string) => ({ PK: `APITOKEN#${hash}`, SK: 'APITOKEN' });
export const tokensOfPk = (email: string) => `TOKENS#${email}`;
export const rateKey = (key: string, window: string) => ({ PK: `RATE#${key}`, SK: window });
export const officeKeyKey = (calendar: string, office: string) => ({ PK: `OFFICEKEY#${calendar}#${office}`, SK: 'OFFICEKEY' });
export const auditPk = (occurrenceId: string | null) => (occurrenceId === null ? GENERAL_AUDIT : `${AUDIT_PREFIX}${occurrenceId}`);
export const generalAuditPk = GENERAL_AUDIT;
export const auditSk = (entry: Pick<AuditEntry, 'at' | 'id'>) => `${entry.at}#${entry.id}`;

export function accountItem(account: Account): Item {
  return { ...accountKey(account.email), type: 'account', ...account };
}

export function signInItem(link: SignInLink): Item {
  return { ...signInKey(link.hash), type: 'signin', ...link };
}

export function sessionItem(session: Session): Item {
  return { ...sessionKey(session.hash), type: 'session', ...session };
}

export function apiTokenItem(token: ApiToken): Item {
  return { ...apiTokenKey(token.hash), type: 'apitoken', ...token, GSI2PK: tokensOfPk(token.email), GSI2SK: `${token.createdAt}#${token.id}` };
}

/** An item's entries are also in its calendar's year (GSI3), after its occurrences and submissions. */
export function auditItem(entry: AuditEntry): Item {
  const year = entry.calendar !== null && entry.year !== null && entry.occurrenceId !== null ? { GSI3PK: calendarYearPk(entry.calendar, entry.year), GSI3SK: `AUDIT#${auditSk(entry)}` } : {};
  return { PK: auditPk(entry.occurrenceId), SK: auditSk(entry), type: 'audit', ...entry, ...year };
}
