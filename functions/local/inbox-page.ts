/**
 * Local mode's inbox (`GET /dev/inbox`): every mail the SES emulator took and every message the robot
 * receiver accepted, newest first, side by side in one list. Server-rendered and script-free: the policy
 * allows the pages' stylesheet and nothing else.
 */
import { escapeHtml } from '../core/email/render.js';
import { WEB_ASSETS } from '../web/generated/assets.js';

export interface InboxEntry {
  /** ISO instant. */
  at: string;
  channel: 'mail' | 'dingtalk' | 'wecom';
  /** Addresses, or the robot's secret name. */
  to: string;
  subject: string;
  body: string;
}

const CHANNEL_NAMES: Record<InboxEntry['channel'], string> = { mail: '邮件', dingtalk: '钉钉机器人', wecom: '企业微信机器人' };

export const INBOX_POLICY = "default-src 'none'; style-src 'self'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export function inboxPage(entries: readonly InboxEntry[], note: string | undefined): string {
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  const rows = sorted.map(
    (e) =>
      `<tr><td>${escapeHtml(e.at.replace('T', ' ').slice(0, 19))}</td><td><span class="badge ${e.channel === 'mail' ? 'open' : 'submitted'}">${CHANNEL_NAMES[e.channel]}</span></td><td>${escapeHtml(e.to)}</td><td><strong>${escapeHtml(e.subject)}</strong><pre class="small">${escapeHtml(e.body)}</pre></td></tr>`,
  );
  const style = WEB_ASSETS.style;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>本地收件箱（邮件与群机器人）</title>
<link rel="stylesheet" href="${style.path}" integrity="${style.integrity}">
</head>
<body>
<main>
<h1>本地收件箱：邮件与群机器人消息</h1>
${note ? `<p class="hint">${escapeHtml(note)}</p>` : ''}
<p class="muted">共 ${sorted.length} 条（邮件 ${sorted.filter((e) => e.channel === 'mail').length}，机器人 ${sorted.filter((e) => e.channel !== 'mail').length}），最新在前。</p>
<div class="table-scroll"><table><thead><tr><th>时间（UTC）</th><th>渠道</th><th>发给</th><th>内容</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
</main>
</body>
</html>`;
}
