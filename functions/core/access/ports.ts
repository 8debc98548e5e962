/**
 * The access port: accounts, sign-in links, sessions, API tokens, sign-in rate limits, the offices'
 * link key versions and the audit trail. Implemented by the DynamoDB and in-memory adapters, held to
 * the same behaviour by tests/contract/store-contract.ts.
 */
import type { AuditEntry } from './audit.js';
import type { Account, ApiToken, Role, Session, SignInLink } from './model.js';

export interface AccountChange {
  role?: Role;
  calendars?: string[];
  office?: string | null;
  status?: Account['status'];
  updatedAt: string;
}

export interface AccessStore {
  accounts: {
    /** False when an account with this address exists already (nothing is changed). */
    create(account: Account): Promise<boolean>;
    get(email: string): Promise<Account | undefined>;
    list(): Promise<Account[]>;
    /** Compare-and-set on the version; throws ConflictError when it moved, NotFoundError when there is no such account. */
    update(email: string, expectedVersion: number, change: AccountChange): Promise<Account>;
  };
  signInLinks: {
    create(link: SignInLink): Promise<void>;
    /**
     * Uses the link once: only if it is unused, unexpired at `now` and issued for `email`. Returns it,
     * or undefined (and changes nothing) when any of these fails.
     */
    consume(hash: string, email: string, now: string): Promise<SignInLink | undefined>;
  };
  sessions: {
    create(session: Session): Promise<void>;
    get(hash: string): Promise<Session | undefined>;
    end(hash: string, at: string): Promise<void>;
  };
  apiTokens: {
    create(token: ApiToken): Promise<void>;
    get(hash: string): Promise<ApiToken | undefined>;
    ofAccount(email: string): Promise<ApiToken[]>;
    /** False when the account has no unrevoked token with this id. */
    revoke(email: string, id: string, at: string): Promise<boolean>;
  };
  rateLimits: {
    /** Counts one request under `key` in `window`; false (and nothing counted) once `limit` were counted. */
    take(key: string, window: string, limit: number): Promise<boolean>;
  };
  officeKeys: {
    /** The office's current link key version: 0 until its links are first rotated. */
    version(calendar: string, office: string): Promise<number>;
    /** Moves to the next version (every link of the older ones stops working) and returns it. */
    rotate(calendar: string, office: string): Promise<number>;
  };
  audit: {
    /** Appends one entry; an entry is never overwritten (its id is unique). */
    append(entry: AuditEntry): Promise<void>;
    /** An item's history, oldest first. */
    ofOccurrence(occurrenceId: string): Promise<AuditEntry[]>;
    /** The entries about a calendar's items of one year, oldest first. */
    ofCalendarYear(calendar: string, year: number): Promise<AuditEntry[]>;
    /** The entries about no item (accounts, tokens, runs, rotations), oldest first. */
    general(): Promise<AuditEntry[]>;
  };
}
