/** `fazhi dev` (what `npm start` runs): the engine locally on the embedded stack until Ctrl-C. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLevel } from '../../adapters/log.js';
import { SmtpUrlError } from '../../adapters/smtp-mailer.js';
import { addDays, civilDateAt } from '../../core/civil-date.js';
import { DevDateError, PortInUseError, startDev } from '../../local/dev-server.js';
import { JavaMissingError } from '../../local/emulators.js';
import type { Io } from '../io.js';

export interface DevOptions {
  port: number;
  dataDir: string;
  date?: string;
  /** Delete the local table, evidence and clock first (the secrets, and so the links, are kept). */
  reset?: boolean;
  /** false: start on empty data without playing the year so far. */
  demo?: boolean;
  /** An SMTP URL: local mode's mail goes there instead of the SES emulator. */
  mail?: string;
}

export async function devCommand(options: DevOptions, io: Io): Promise<number> {
  if (options.reset) {
    for (const part of ['dynamodb', 's3', 'clock.json']) await rm(join(options.dataDir, part), { recursive: true, force: true });
    io.out(`fazhi 本地模式：已重置 ${options.dataDir}/ 中的数据（保留上传链接密钥；账户随数据清除，管理员账户与 API 令牌将重新创建）。`);
  }
  io.out('fazhi 本地模式：正在启动 DynamoDB Local、SES 与 S3 模拟服务……');
  let dev;
  try {
    dev = await startDev({
      port: options.port,
      dataDir: options.dataDir,
      date: options.date,
      demo: options.demo !== false,
      mail: options.mail,
      log: (line) => io.out(line),
      logLevel: logLevelFrom(process.env.LOG_LEVEL),
    });
  } catch (error) {
    if (error instanceof JavaMissingError || error instanceof PortInUseError || error instanceof DevDateError || error instanceof SmtpUrlError) {
      io.err(`fazhi: ${error.message}`);
      return 1;
    }
    throw error;
  }
  // Listen for Ctrl-C before saying we are ready, so a signal sent right after the banner is not lost.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const admin = `-H "authorization: Bearer ${dev.apiToken}"`;
  io.out(
    [
      '',
      `fazhi 已启动（引擎时间 ${dev.now().toISOString()}，数据保存在 ${options.dataDir}/）`,
      `  进度看板（政策法规处）: ${dev.url}/board`,
      `  管理员 ${dev.adminEmail} 的登录链接（15 分钟内有效，只能使用一次；过期后在登录页重新申请，链接会发到下面的收件箱）:`,
      `    ${dev.signInLink}`,
      dev.mailTransport === 'smtp' ? `  邮件经 SMTP 发送:        ${new URL(options.mail ?? '').host}` : `  邮件收件箱（SES 模拟）:  ${dev.inboxUrl}/`,
      `  本地收件箱（邮件与群机器人）: ${dev.localInboxUrl}`,
      `  上传页面（各日历政策法规处的链接）:`,
      ...dev.uploadLinks,
      `  管理员的 API 令牌（命令行 fazhi ledger 与下面的 curl 使用，保存在 ${options.dataDir}/secrets.json）: ${dev.apiToken}`,
      '',
      '  每日 09:00（Asia/Shanghai）自动巡检，09:30 检查周报（每周第一个工作日发送）。立即执行或假定日期：',
      `    curl -X POST ${admin} ${dev.url}/dev/sweep`,
      `    curl -X POST ${admin} "${dev.url}/dev/sweep?date=${addDays(civilDateAt(dev.now(), 'Asia/Shanghai'), 7)}"`,
      `    curl -X POST ${admin} ${dev.url}/dev/digest`,
      '  按 Ctrl-C 停止。',
    ].join('\n'),
  );
  const signal = await stopped;
  io.out(`\n收到 ${signal}，正在停止……`);
  await dev.stop();
  io.out('已停止。');
  return 0;
}

/** LOG_LEVEL from the shell, if it names a level; the handlers' own default otherwise. */
function logLevelFrom(value: string | undefined): LogLevel | undefined {
  return value === 'info' || value === 'warn' || value === 'error' || value === 'silent' ? value : undefined;
}
