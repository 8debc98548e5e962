/**
 * `fazhi accounts` and `fazhi links` on the table TABLE_NAME names (DynamoDB Local here, AWS in use), as an
 * operator: add, role, token (shown once, usable with the API at once, listed, revoked), revoke; links
 * rotate. Each change is an audit entry naming the operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialise } from '../../functions/core/engine/materialise.js';
import { apiEvent } from '../support/api-event.js';
import { bureau, bureauPlan } from '../support/engine-fixture.js';
import { runCliWithEnv } from '../support/run-cli.js';
import { startTestEnv, type TestEnv } from '../support/test-env.js';
import { tokenFor } from '../support/uploads.js';

let t: TestEnv;
beforeAll(async () => {
  t = await startTestEnv();
});
afterAll(async () => t?.stop());

const cli = (...args: string[]) => runCliWithEnv(t.env, ...args, '--as', '李运维');
const b = bureau();

describe('fazhi accounts on the table', () => {
  it('adds a reviewer, changes the role, issues a token that works at once, lists and revokes it, revokes the account', async () => {
    await materialise(t.store, bureauPlan(b, 2025), new Date(), t.handlers.runtime.policy);
    const added = await cli('accounts', 'add', '--email', 'Chen@KJJ.example', '--name', '陈审核', '--role', 'viewer', '--calendar', b.calendar);
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain(`已添加账户 chen@kjj.example（陈审核，viewer）于 table ${t.tableName}`);

    const role = await cli('accounts', 'role', '--email', 'chen@kjj.example', '--role', 'reviewer');
    expect(role.out).toContain(`账户 chen@kjj.example 现为 reviewer（${b.calendar}）`);

    const issued = await cli('accounts', 'token', '--email', 'chen@kjj.example', '--label', '台账电脑');
    expect(issued.code, issued.err).toBe(0);
    const token = /^fz_[\w-]+$/m.exec(issued.out)![0];
    const board = () => t.handlers.api(apiEvent('GET', `/api/admin/board?calendar=${b.calendar}&year=2025`, { token }));
    expect((await board()).statusCode).toBe(200);

    const listed = await cli('accounts', 'token', '--email', 'chen@kjj.example', '--list');
    const id = /^([0-9a-f]{12}) +台账电脑/m.exec(listed.out)![1]!;
    expect(listed.out).not.toContain(token);
    expect((await cli('accounts', 'token', '--email', 'chen@kjj.example', '--revoke', id)).out).toContain(`已吊销令牌 ${id}`);
    expect((await board()).statusCode).toBe(401);
    const again = await cli('accounts', 'token', '--email', 'chen@kjj.example', '--revoke', id);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`chen@kjj.example has no active token ${id}`);

    const second = /^fz_[\w-]+$/m.exec((await cli('accounts', 'token', '--email', 'chen@kjj.example')).out)![0];
    expect((await cli('accounts', 'revoke', '--email', 'chen@kjj.example')).out).toContain('已停用账户 chen@kjj.example');
    expect((await t.handlers.api(apiEvent('GET', '/api/admin/calendars', { token: second }))).statusCode).toBe(401);

    const list = await cli('accounts', 'list');
    expect(list.out).toMatch(/chen@kjj\.example +陈审核 +reviewer .* revoked/);

    const audit = await t.handlers.runtime.access.audit.general();
    const mine = audit.filter((e) => e.actor.name === '李运维').map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['account.add', 'account.role', 'token.create', 'token.revoke', 'account.revoke']));
    expect(audit.every((e) => e.actor.name !== '李运维' || (e.source === 'cli' && e.actor.email === 'operator:李运维'))).toBe(true);
  });

  it('refuses what it cannot do, saying why', async () => {
    const bad = await cli('accounts', 'add', '--email', 'x@kjj.example', '--name', '某', '--role', 'superuser');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('role "superuser" is not one of admin, reviewer, viewer');
    const unknown = await cli('accounts', 'revoke', '--email', 'ghost@kjj.example');
    expect(unknown.err).toContain('no account for ghost@kjj.example');
  });
});

describe('fazhi links rotate', () => {
  it("revokes the office's links at once; an unknown office is refused", async () => {
    const link = tokenFor(b, 'science');
    const office = () => t.handlers.api(apiEvent('GET', `/api/office?token=${link}`));
    expect((await office()).statusCode).toBe(200);
    const rotated = await cli('links', 'rotate', '--calendar', b.calendar, '--office', 'science');
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toContain(`已更换 ${b.calendar} / science 的上传链接（第 1 版）`);
    expect((await office()).statusCode).toBe(401);
    const wrong = await cli('links', 'rotate', '--calendar', b.calendar, '--office', 'legal');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`calendar ${b.calendar} has no office "legal"`);
  });
});
