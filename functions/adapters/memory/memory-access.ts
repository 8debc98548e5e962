/** The access port in memory: the same items and conditions as dynamo/access.ts (the contract suite holds both). */
import type { AuditEntry } from '../../core/access/audit.js';
import type { Account, ApiToken, Session, SignInLink } from '../../core/access/model.js';
import type { AccessStore, AccountChange } from '../../core/access/ports.js';
import { ConflictError, NotFoundError } from '../../core/engine/ports.js';
import * as keys from '../dynamo/access-keys.js';
import { calendarYearPk, type Item, strip } from '../dynamo/keys.js';
import { MemoryTable } from './memory-table.js';

export function memoryAccess(table: MemoryTable = new MemoryTable()): AccessStore {
  const read = <T>(key: { PK: string; SK: string }): T | undefined => {
    const item = table.get(key);
    return item ? strip<T>(item) : undefined;
  };
  const createOnly = (item: Item, what: string) => {
    if (table.has(item as { PK: string; SK: string })) throw new ConflictError(`${what} exists already`);
    table.put(item);
  };
  const entries = async (query: Parameters<MemoryTable['all']>[0]) =>
    (await table.all(query)).map((item) => strip<AuditEntry>(item)).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));

  return {
    accounts: {
      async create(account: Account): Promise<boolean> {
        if (table.has(keys.accountKey(account.email))) return false;
        table.put(keys.accountItem(account));
        return true;
      },
      get: async (email) => read<Account>(keys.accountKey(email)),
      list: async () => (await table.all({ index: 'table', pk: keys.ACCOUNTS_PK })).map((item) => strip<Account>(item)),
      async update(email: string, expectedVersion: number, change: AccountChange): Promise<Account> {
        const current = read<Account>(keys.accountKey(email));
        if (!current) throw new NotFoundError(`no account "${email}"`);
        if (current.version !== expectedVersion) throw new ConflictError(`account ${email} changed since version ${expectedVersion}`);
        const set = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
        const next = { ...current, ...set, version: current.version + 1 };
        table.put(keys.accountItem(next));
        return next;
      },
    },
    signInLinks: {
      create: async (link: SignInLink) => createOnly(keys.signInItem(link), `sign-in link ${link.hash.slice(0, 8)}`),
      async consume(hash: string, email: string, now: string): Promise<SignInLink | undefined> {
        const link = read<SignInLink>(keys.signInKey(hash));
        if (!link || link.usedAt !== null || link.expiresAt <= now || link.email !== email) return undefined;
        const used = { ...link, usedAt: now };
        table.put(keys.signInItem(used));
        return used;
      },
    },
    sessions: {
      create: async (session: Session) => createOnly(keys.sessionItem(session), `session ${session.hash.slice(0, 8)}`),
      get: async (hash) => read<Session>(keys.sessionKey(hash)),
      async end(hash: string, at: string): Promise<void> {
        const session = read<Session>(keys.sessionKey(hash));
        if (session && session.endedAt === null) table.put(keys.sessionItem({ ...session, endedAt: at }));
      },
    },
    apiTokens: {
      create: async (token: ApiToken) => createOnly(keys.apiTokenItem(token), `API token ${token.id}`),
      get: async (hash) => read<ApiToken>(keys.apiTokenKey(hash)),
      ofAccount: async (email) => (await table.all({ index: 'GSI2', pk: keys.tokensOfPk(email) })).map((item) => strip<ApiToken>(item)),
      async revoke(email: string, id: string, at: string): Promise<boolean> {
        const token = (await this.ofAccount(email)).find((t) => t.id === id && t.revokedAt === null);
        if (!token) return false;
        table.put(keys.apiTokenItem({ ...token, revokedAt: at }));
        return true;
      },
    },
    rateLimits: {
      async take(key: string, window: string, limit: number): Promise<boolean> {
        const item = table.get(keys.rateKey(key, window));
        const count = (item?.count as number | undefined) ?? 0;
        if (count >= limit) return false;
        table.put({ ...keys.rateKey(key, window), ...item, count: count + 1 });
        return true;
      },
    },
    officeKeys: {
      version: async (calendar, office) => (table.get(keys.officeKeyKey(calendar, office))?.keyVersion as number | undefined) ?? 0,
      async rotate(calendar: string, office: string): Promise<number> {
        const next = ((table.get(keys.officeKeyKey(calendar, office))?.keyVersion as number | undefined) ?? 0) + 1;
        table.put({ ...keys.officeKeyKey(calendar, office), type: 'officekey', calendar, office, keyVersion: next });
        return next;
      },
    },
    audit: {
      append: async (entry: AuditEntry) => createOnly(keys.auditItem(entry), `audit entry ${keys.auditSk(entry)}`),
      ofOccurrence: (occurrenceId) => entries({ index: 'table', pk: keys.auditPk(occurrenceId) }),
      ofCalendarYear: (calendar, year) => entries({ index: 'GSI3', pk: calendarYearPk(calendar, year), sk: (sk) => sk.startsWith('AUDIT#') }),
      general: () => entries({ index: 'table', pk: keys.generalAuditPk }),
    },
  };
}
