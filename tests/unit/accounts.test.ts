/**
 * Managing accounts (the core of `fazhi accounts` and `fazhi links`), in memory: each change leaves its
 * audit entry; each refusal names the field and changes nothing. The deploy's first admin; the CLI's
 * refusals when it has no table to act on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryAccess } from '../../functions/adapters/memory/memory-access.js';
import { createMemoryRuntime } from '../../functions/adapters/memory/memory-runtime.js';
import { makeMaterialiseHandler } from '../../functions/app/materialise-handler.js';
import { addAccount, bootstrapAdmin, changeRole, createApiToken, type ManageContext, revokeAccount, revokeApiToken, rotateOfficeLinks } from '../../functions/core/access/manage.js';
import type { AccessStore } from '../../functions/core/access/ports.js';
import { RequestRejectedError } from '../../functions/core/engine/ports.js';
import { calendarMeta } from '../../functions/core/engine/records.js';
import { bureau, bureauPlan } from '../support/engine-fixture.js';
import { runCliWithEnv } from '../support/run-cli.js';

const NOW = new Date('2025-03-10T01:00:00.000Z');
const context = (access: AccessStore = memoryAccess()): ManageContext => ({ access, actor: { email: 'operator:li', name: '李管理' }, source: 'cli', now: NOW });

async function refused(action: Promise<unknown>, field: string, message: RegExp, access: AccessStore): Promise<void> {
  const before = { accounts: await access.accounts.list(), audit: await access.audit.general() };
  const error = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestRejectedError);
  expect((error as RequestRejectedError).field).toBe(field);
  expect((error as RequestRejectedError).message).toMatch(message);
  expect({ accounts: await access.accounts.list(), audit: await access.audit.general() }).toEqual(before);
}

describe('accounts', () => {
  it('adds an account (address lower-cased) and records who did it', async () => {
    const c = context();
    const account = await addAccount(c, { email: ' Zhang.San@KJJ.example ', name: '张三', role: 'reviewer', calendars: ['suzhou-kjj'] });
    expect(account).toMatchObject({ email: 'zhang.san@kjj.example', name: '张三', role: 'reviewer', calendars: ['suzhou-kjj'], status: 'active', version: 1 });
    expect(await c.access.audit.general()).toEqual([
      expect.objectContaining({
        action: 'account.add',
        actor: { email: 'operator:li', name: '李管理' },
        subject: 'zhang.san@kjj.example',
        before: null,
        after: '张三 reviewer [suzhou-kjj]',
        source: 'cli',
      }),
    ]);
  });

  it('refuses a bad address, a missing name, an unknown role, a reviewer of nothing, an address taken: naming the field, changing nothing', async () => {
    const c = context();
    await addAccount(c, { email: 'taken@kjj.example', name: '甲', role: 'viewer' });
    await refused(addAccount(c, { email: 'not-an-address', name: '乙', role: 'viewer' }), 'email', /"not-an-address" is not an e-mail address/, c.access);
    await refused(addAccount(c, { email: 'b@kjj.example', name: '  ', role: 'viewer' }), 'name', /needs a name/, c.access);
    await refused(addAccount(c, { email: 'b@kjj.example', name: '乙', role: 'boss' }), 'role', /role "boss" is not one of admin, reviewer, viewer/, c.access);
    await refused(addAccount(c, { email: 'b@kjj.example', name: '乙', role: 'reviewer' }), 'calendars', /a reviewer needs the calendars they review/, c.access);
    await refused(addAccount(c, { email: 'TAKEN@kjj.example', name: '丙', role: 'admin' }), 'email', /exists already/, c.access);
  });

  it('changes a role with its before and after; refuses an unknown account', async () => {
    const c = context();
    await addAccount(c, { email: 'a@kjj.example', name: '甲', role: 'viewer', calendars: ['x'] });
    expect(await changeRole(c, 'a@kjj.example', 'reviewer')).toMatchObject({ role: 'reviewer', calendars: ['x'], version: 2 });
    expect((await c.access.audit.general()).find((e) => e.action === 'account.role')).toMatchObject({ action: 'account.role', before: 'viewer [x]', after: 'reviewer [x]' });
    await refused(changeRole(c, 'nobody@kjj.example', 'admin'), 'email', /no account for nobody@kjj\.example/, c.access);
    await refused(changeRole(c, 'a@kjj.example', 'reviewer', []), 'calendars', /a reviewer needs the calendars/, c.access);
  });

  it('revokes an account once; a revoked account gets no token', async () => {
    const c = context();
    await addAccount(c, { email: 'a@kjj.example', name: '甲', role: 'admin' });
    await revokeAccount(c, 'a@kjj.example');
    await revokeAccount(c, 'a@kjj.example');
    expect((await c.access.audit.general()).filter((e) => e.action === 'account.revoke')).toHaveLength(1);
    await refused(createApiToken(c, 'a@kjj.example', 'x'), 'email', /is revoked: it cannot get a token/, c.access);
  });

  it('creates a token shown once (the store keeps its hash) and revokes it by id; an unknown id is refused', async () => {
    const c = context();
    await addAccount(c, { email: 'a@kjj.example', name: '甲', role: 'admin' });
    const { token, record } = await createApiToken(c, 'a@kjj.example', 'ledger');
    expect(token).toMatch(/^fz_[\w-]{43}$/);
    expect(record).toMatchObject({ id: record.hash.slice(0, 12), label: 'ledger', revokedAt: null });
    expect(JSON.stringify(await c.access.apiTokens.ofAccount('a@kjj.example'))).not.toContain(token);
    await revokeApiToken(c, 'a@kjj.example', record.id);
    await refused(revokeApiToken(c, 'a@kjj.example', record.id), 'id', /has no active token/, c.access);
  });

  it('rotates only an office that exists in a materialised calendar', async () => {
    const c = context();
    const b = bureau();
    const meta = calendarMeta(bureauPlan(b, 2025), [2025], null);
    expect(await rotateOfficeLinks(c, meta, b.calendar, 'science')).toBe(1);
    expect((await c.access.audit.general()).find((e) => e.action === 'links.rotate')).toMatchObject({
      action: 'links.rotate',
      subject: `${b.calendar}/science`,
      before: '0',
      after: '1',
      calendar: b.calendar,
    });
    await refused(rotateOfficeLinks(c, undefined, 'nope', 'science'), 'calendar', /no calendar "nope" has been materialised/, c.access);
    await refused(rotateOfficeLinks(c, meta, b.calendar, 'legal'), 'office', /has no office "legal" \(its offices: /, c.access);
  });

  it('bootstraps the first admin only while there is no account', async () => {
    const c = context();
    expect(await bootstrapAdmin(c, 'First@kjj.example', '王处长')).toMatchObject({ email: 'first@kjj.example', role: 'admin' });
    expect(await bootstrapAdmin(c, 'second@kjj.example', '李处长')).toBeNull();
    expect((await c.access.accounts.list()).map((a) => a.email)).toEqual(['first@kjj.example']);
  });
});

describe('the deploy bootstraps the first admin (materialise, as the custom resource runs it)', () => {
  it('creates it on Create and Update, never from the daily schedule', async () => {
    const access = memoryAccess();
    const runtime = { ...createMemoryRuntime({ clock: () => NOW, access }), plansFile: () => plansFile };
    const plansFile = join(mkdtempSync(join(tmpdir(), 'fazhi-plans-')), 'plans.json');
    writeFileSync(plansFile, JSON.stringify({ plans: [], notices: [] }));
    const handler = makeMaterialiseHandler({ ...runtime, bootstrapAdmin: { email: 'chief@kjj.example', name: '王处长' } });
    await handler({ scheduledTime: NOW.toISOString() });
    expect(await access.accounts.list()).toEqual([]);
    await handler({ RequestType: 'Create' });
    expect(await access.accounts.list()).toMatchObject([{ email: 'chief@kjj.example', name: '王处长', role: 'admin' }]);
    expect((await access.audit.general())[0]).toMatchObject({ action: 'account.add', actor: { email: 'deploy', name: 'deploy' }, source: 'deploy' });
  });
});

describe('fazhi accounts and fazhi links without a table', () => {
  it('say so when local mode left its running.json behind but no longer runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-stale-'));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    writeFileSync(join(dataDir, 'running.json'), JSON.stringify({ tableName: 'fazhi', dynamodbEndpoint: `http://127.0.0.1:${port}`, url: 'http://127.0.0.1:3000' }));
    const run = await runCliWithEnv({}, 'accounts', 'list', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.err).toContain('local mode is not running (local mode at http://127.0.0.1:3000 does not answer): start it with `npm start`');
  });

  it('say how to name one: TABLE_NAME, or a running local mode', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-nolocal-'));
    for (const args of [
      ['accounts', 'list'],
      ['accounts', 'add', '--email', 'a@kjj.example', '--name', '甲', '--role', 'admin'],
      ['links', 'rotate', '--calendar', 'x', '--office', 'y'],
    ]) {
      const run = await runCliWithEnv({}, ...args, '--data-dir', dataDir);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.err).toContain('no table to act on: set TABLE_NAME (AWS; with your AWS credentials) or start local mode first');
    }
  });
});
