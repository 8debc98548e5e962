/**
 * `fazhi accounts add|list|revoke|role|token` and `fazhi links rotate`: accounts, their API tokens and
 * the offices' upload links, on the table TABLE_NAME names (AWS) or the running local mode's.
 */
import type { Command } from 'commander';

import type { ManageContext } from '../../core/access/manage.js';
import { ROLES } from '../../core/access/model.js';
import { ConflictError, RequestRejectedError } from '../../core/engine/ports.js';
import type { AccessTarget } from '../access-target.js';
import type { Io } from '../io.js';
import { renderTable } from '../text-table.js';

interface Common {
  dataDir: string;
  as?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Runs one change against the target; user errors exit 1 with the message. */
async function withTarget(
  io: Io,
  env: Record<string, string | undefined>,
  options: Common,
  act: (context: ManageContext, target: AccessTarget, manage: typeof import('../../core/access/manage.js')) => Promise<void>,
): Promise<number> {
  let target: AccessTarget | undefined;
  // Loaded when the command runs (the AWS SDK with it): `fazhi --help` and the other commands stay light.
  const { AccessTargetError, accessTarget, operator } = await import('../access-target.js');
  try {
    target = accessTarget(env, options.dataDir);
    await act({ access: target.access, actor: operator(options.as), source: 'cli', now: new Date() }, target, await import('../../core/access/manage.js'));
    return 0;
  } catch (error) {
    if (error instanceof AccessTargetError || error instanceof RequestRejectedError || error instanceof ConflictError) {
      io.err(`fazhi: ${error.message}`);
      return 1;
    }
    // running.json outlived its local mode (killed, not stopped with Ctrl-C).
    if (target?.local && (error as { code?: string }).code === 'ECONNREFUSED') {
      io.err(`fazhi: local mode is not running (${target.where} does not answer): start it with \`npm start\`, or set TABLE_NAME`);
      return 1;
    }
    throw error;
  } finally {
    target?.close();
  }
}

export function registerAccounts(program: Command, io: Io, setExit: (code: number) => void, env: Record<string, string | undefined>): void {
  const accounts = program.command('accounts').description('accounts of the board and the admin API: add, list, revoke, change role, API tokens');
  const common = (command: Command) =>
    command
      .option('--data-dir <dir>', 'local mode data folder (used when TABLE_NAME is not set)', '.fazhi')
      .option('--as <name>', 'who makes the change, for the audit trail (default: your login name)');
  const roles = ROLES.join('|');

  common(accounts.command('add').description('add an account'))
    .requiredOption('--email <address>', 'their work e-mail address (they sign in with it)')
    .requiredOption('--name <name>', 'their name, as the audit trail and the ledger show it')
    .requiredOption('--role <role>', roles)
    .option('--calendar <id>', 'a calendar they review or read (repeatable; admins see all)', collect)
    .option('--office <id>', 'a viewer limited to this office (an office head)')
    .action(async (o: Common & { email: string; name: string; role: string; calendar?: string[]; office?: string }) =>
      setExit(
        await withTarget(io, env, o, async (context, target, manage) => {
          const account = await manage.addAccount(context, { email: o.email, name: o.name, role: o.role, calendars: o.calendar ?? [], office: o.office ?? null });
          io.out(`已添加账户 ${account.email}（${account.name}，${account.role}）于 ${target.where}。对方在看板登录页输入邮箱即可收到登录链接。`);
        }),
      ),
    );

  common(accounts.command('list').description('list the accounts')).action(async (o: Common) =>
    setExit(
      await withTarget(io, env, o, async (context, target) => {
        const all = (await context.access.accounts.list()).sort((a, b) => a.email.localeCompare(b.email));
        io.out(`${target.where}：`);
        io.out(
          renderTable(
            ['email', 'name', 'role', 'calendars', 'office', 'status'],
            all.map((a) => [a.email, a.name, a.role, a.calendars.join(', ') || '—', a.office ?? '—', a.status]),
          ),
        );
      }),
    ),
  );

  common(accounts.command('revoke').description('revoke an account: its sessions and tokens stop working at once'))
    .requiredOption('--email <address>', 'the account')
    .action(async (o: Common & { email: string }) =>
      setExit(
        await withTarget(io, env, o, async (context, _target, manage) => {
          const account = await manage.revokeAccount(context, o.email);
          io.out(`已停用账户 ${account.email}：其登录状态与 API 令牌立即失效。`);
        }),
      ),
    );

  common(accounts.command('role').description("change an account's role (and its calendars or office)"))
    .requiredOption('--email <address>', 'the account')
    .requiredOption('--role <role>', roles)
    .option('--calendar <id>', 'replace its calendars (repeatable)', collect)
    .option('--office <id>', "a viewer's office ('' for every office)")
    .action(async (o: Common & { email: string; role: string; calendar?: string[]; office?: string }) =>
      setExit(
        await withTarget(io, env, o, async (context, _target, manage) => {
          const account = await manage.changeRole(context, o.email, o.role, o.calendar, o.office === undefined ? undefined : o.office || null);
          io.out(`账户 ${account.email} 现为 ${account.role}${account.calendars.length > 0 ? `（${account.calendars.join('、')}）` : ''}。`);
        }),
      ),
    );

  common(accounts.command('token').description('create an API token for an account (shown once), list its tokens, or revoke one'))
    .requiredOption('--email <address>', 'the account')
    .option('--label <text>', 'what the token is for, e.g. "ledger on the archive PC"', 'cli')
    .option('--list', 'list the account’s tokens instead')
    .option('--revoke <id>', 'revoke the token with this id instead')
    .action(async (o: Common & { email: string; label: string; list?: boolean; revoke?: string }) =>
      setExit(
        await withTarget(io, env, o, async (context, _target, manage) => {
          if (o.list) {
            const tokens = await context.access.apiTokens.ofAccount(o.email.trim().toLowerCase());
            io.out(
              renderTable(
                ['id', 'label', 'created', 'revoked'],
                tokens.map((t) => [t.id, t.label, t.createdAt, t.revokedAt ?? '—']),
              ),
            );
            return;
          }
          if (o.revoke) {
            await manage.revokeApiToken(context, o.email, o.revoke);
            io.out(`已吊销令牌 ${o.revoke}。`);
            return;
          }
          const { token, record } = await manage.createApiToken(context, o.email, o.label);
          io.out(`API 令牌（只显示这一次，请妥善保存；编号 ${record.id}）：`);
          io.out(token);
          io.out('用法：fazhi ledger … --api-token <令牌>，或设置环境变量 FAZHI_API_TOKEN。');
        }),
      ),
    );

  const links = program.command('links').description("the offices' upload links");
  common(links.command('rotate').description('revoke every upload link (and calendar subscription) of an office; the next mail carries a new one'))
    .requiredOption('--calendar <id>', 'the calendar')
    .requiredOption('--office <id>', 'the office')
    .action(async (o: Common & { calendar: string; office: string }) =>
      setExit(
        await withTarget(io, env, o, async (context, target, manage) => {
          const version = await manage.rotateOfficeLinks(context, await target.store.calendars.get(o.calendar), o.calendar, o.office);
          io.out(`已更换 ${o.calendar} / ${o.office} 的上传链接（第 ${version} 版）：此前发出的链接与日历订阅地址立即失效，下一封提醒邮件将附新链接。`);
        }),
      ),
    );
}
