/** Accounts for tests: one with a role and an API token of a known value (the CLI's way in). */
import type { Account, Role } from '../../functions/core/access/model.js';
import type { AccessStore } from '../../functions/core/access/ports.js';
import { hashSecret } from '../../functions/core/access/secrets.js';

export async function seedAccount(access: AccessStore, who: { email: string; name: string; role: Role; calendars?: string[]; office?: string | null }, apiToken?: string): Promise<Account> {
  const at = '2025-01-01T00:00:00.000Z';
  const account: Account = { email: who.email, name: who.name, role: who.role, calendars: who.calendars ?? [], office: who.office ?? null, status: 'active', createdAt: at, updatedAt: at, version: 1 };
  await access.accounts.create(account);
  if (apiToken) {
    const hash = hashSecret(apiToken);
    await access.apiTokens.create({ hash, id: hash.slice(0, 12), email: who.email, label: 'test', createdAt: at, revokedAt: null });
  }
  return account;
}
