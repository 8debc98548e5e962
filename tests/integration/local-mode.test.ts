/**
 * `npm start` as a user runs it: a child process that prints its URLs, serves the pages, runs the
 * sweep on a pretended date, and leaves no process behind on Ctrl-C (SIGINT).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/emulators.js';
import { startSmtpInbox } from '../support/smtp-inbox.js';

const BIN = 'functions/cli/bin.mjs';

function javaProcessesUsing(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'DynamoDBLocal'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(dir));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** What the process printed once its banner says it is ready (90 s at most). */
function ready(child: ReturnType<typeof spawn>): Promise<string> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 90 s:\n${output}`)), 90_000);
    child.stdout?.on('data', () => {
      if (output.includes('按 Ctrl-C 停止')) {
        clearTimeout(timer);
        resolve(output);
      }
    });
  });
}

describe('local mode', () => {
  it('prints its URLs, serves the pages and the API, keeps data across restarts, and stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-dev-'));
    const port = await freePort();
    const start = () => {
      const child = spawn(process.execPath, [BIN, 'dev', '--port', String(port), '--data-dir', dataDir, '--date', '2025-03-17', '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const ready = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready after 90 s:\n${output}`)), 90_000);
        child.stdout.on('data', () => {
          if (output.includes('按 Ctrl-C 停止')) {
            clearTimeout(timer);
            resolve(output);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { child, ready, exited, output: () => output };
    };
    try {
      const first = start();
      const banner = await first.ready;
      expect(banner).toContain(`http://127.0.0.1:${port}/board`);
      // The bootstrap admin is created on the first run, with a sign-in link printed for it.
      expect(banner).toContain('首次启动：已创建管理员账户 admin@localhost.example（本地管理员）');
      expect(banner).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${port}/signin\\?email=admin%40localhost\\.example&token=\\S+`));
      expect(banner).toMatch(/邮件收件箱（SES 模拟）: +http:\/\/127\.0\.0\.1:\d+\//);
      expect(banner).toContain('日历 suzhou-kjj 2025: 新建 81');
      const admin = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).apiToken as string;
      expect(banner).toContain(admin);

      expect((await fetch(`http://127.0.0.1:${port}/board`)).status).toBe(200);
      const uploadLink = /http:\/\/127\.0\.0\.1:\d+\/upload\?token=\S+/.exec(banner)![0];
      const page = await fetch(uploadLink);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('报送佐证材料');
      const sweep = await fetch(`http://127.0.0.1:${port}/dev/sweep`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
      expect(sweep.status).toBe(200);
      // 2025-03-17: 14 days before the 03-31 publication deadline, the policy offices are reminded.
      expect(((await sweep.json()) as { delivery: { sent: string[] } }).delivery.sent.some((id) => id.startsWith('reminder#suzhou-kjj#policy#2025-03-17#'))).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/dev/sweep`, { method: 'POST' })).status).toBe(401);
      // The local inbox: the mail (SES emulator) and the policy office's DingTalk message, side by side.
      const inbox = await (await fetch(`http://127.0.0.1:${port}/dev/inbox`)).text();
      expect(inbox).toContain('zcfgc@suzhou-kjj.example');
      expect(inbox).toContain('【法治工作提醒】政策法规处');
      expect(inbox).toContain('钉钉机器人');

      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain('已停止。');
      expect(javaProcessesUsing(dataDir)).toEqual([]);

      // Restarted on the same data: nothing is created again.
      const second = start();
      const again = await second.ready;
      expect(again).toContain('日历 suzhou-kjj 2025: 新建 0');
      expect(again).not.toContain('已创建管理员账户');
      // A pretended date before what the data has swept (03-17) would silently do nothing: refused, with the reset.
      const back = await fetch(`http://127.0.0.1:${port}/dev/sweep?date=2025-03-10`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
      expect(back.status).toBe(409);
      const refusal = (await back.json()) as { error: string; field: string; processedThrough: string };
      expect(refusal).toMatchObject({ field: 'date', processedThrough: '2025-03-17' });
      expect(refusal.error).toContain('npx fazhi dev --reset --date 2025-03-10');
      const clock = (await (await fetch(`http://127.0.0.1:${port}/dev/clock`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { now: string };
      expect(clock.now.slice(0, 10)).toBe('2025-03-17');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(javaProcessesUsing(dataDir)).toEqual([]);

      // Started on an earlier date: it stops, saying why and how to reset.
      const earlier = spawn(process.execPath, [BIN, 'dev', '--port', String(port), '--data-dir', dataDir, '--date', '2025-03-10', '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let refused = '';
      earlier.stdout.on('data', (chunk) => (refused += chunk));
      earlier.stderr.on('data', (chunk) => (refused += chunk));
      expect(await new Promise((resolve) => earlier.once('exit', resolve))).toBe(1);
      expect(refused).toContain('本地数据已处理到 2025-03-17，不能回到 2025-03-10');
      expect(javaProcessesUsing(dataDir)).toEqual([]);

      // --reset clears the data (keeping the link key): the earlier date then starts afresh.
      const reset = spawn(process.execPath, [BIN, 'dev', '--port', String(port), '--data-dir', dataDir, '--date', '2025-03-10', '--no-demo', '--reset'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const resetOutput = await ready(reset);
      expect(resetOutput).toContain('已重置');
      expect(resetOutput).toContain('日历 suzhou-kjj 2025: 新建 81');
      // The link key is kept; the accounts went with the data, so the admin and its token are made anew.
      expect(resetOutput).toContain('首次启动：已创建管理员账户');
      expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).apiToken).not.toBe(admin);
      reset.kill('SIGINT');
      await new Promise((resolve) => reset.once('exit', resolve));
      expect(javaProcessesUsing(dataDir)).toEqual([]);
    } finally {
      // Should a step fail with the engine still up, do not leave it (or its JVM) running.
      try {
        execFileSync('pkill', ['-f', dataDir], { stdio: 'ignore' });
      } catch {
        // pkill exits 1 when nothing was left running: the normal case
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('--mail smtp://127.0.0.1:PORT sends its mail to that SMTP server; robot messages show in the local inbox', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-dev-smtp-'));
    const inbox = await startSmtpInbox(null);
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'dev', '--port', String(port), '--data-dir', dataDir, '--date', '2025-03-17', '--no-demo', '--mail', inbox.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const output = await ready(child);
      expect(output).toContain(`邮件经 SMTP 发送:        ${new URL(inbox.url).host}`);
      const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { apiToken: string; robots: Record<string, unknown> };
      // The committed calendars' example robots got local credentials, kept with the data (never in a calendar).
      expect(Object.keys(secrets.robots).sort()).toEqual(['suzhou-kjj-office-wecom', 'suzhou-kjj-policy-dingtalk']);
      const sweep = await fetch(`http://127.0.0.1:${port}/dev/sweep`, { method: 'POST', headers: { authorization: `Bearer ${secrets.apiToken}` } });
      const result = (await sweep.json()) as { delivery: { sent: string[]; failed: unknown[] } };
      expect(result.delivery.failed).toEqual([]);
      const policy = inbox.mails.filter((m) => m.to.includes('zcfgc@suzhou-kjj.example'));
      expect(policy).toHaveLength(1);
      expect(policy[0]!.subject).toContain('政策法规处');
      expect(result.delivery.sent.some((id) => id.startsWith('reminder#suzhou-kjj#policy#2025-03-17#') && id.includes('#dingtalk:suzhou-kjj-policy-dingtalk#'))).toBe(true);

      const page = await fetch(`http://127.0.0.1:${port}/dev/inbox`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('钉钉机器人');
      expect(html).toContain('suzhou-kjj-policy-dingtalk');
      expect(html).toContain('邮件经 SMTP 发往');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await inbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('says Java is missing and how to install it', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'fazhi-nojava-'));
    const child = spawn(process.execPath, [BIN, 'dev', '--port', String(await freePort()), '--data-dir', join(emptyPath, 'data')], {
      env: { ...process.env, PATH: emptyPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('Java is not installed');
    expect(err).toContain('openjdk-17-jre-headless');
    rmSync(emptyPath, { recursive: true, force: true });
  }, 60_000);

  it('says the port is taken instead of starting a second engine', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const child = spawn(process.execPath, [BIN, 'dev', '--port', String(port), '--data-dir', mkdtempSync(join(tmpdir(), 'fazhi-busy-'))], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk) => (err += chunk));
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
      expect(err).toContain(`port ${port} is in use`);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
