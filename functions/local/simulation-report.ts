/** The HTML report of a simulated span: totals, a month-by-month chart, and an offices × months heat map. */
import { escapeHtml } from '../core/email/render.js';
import type { SimulationResult } from './simulate.js';

export function simulationReport(result: SimulationResult, title: string): string {
  const max = Math.max(1, ...result.months.map((m) => Math.max(m.reminders, m.submissions, m.overdueFlagged)));
  const barWidth = 14;
  const groupWidth = barWidth * 3 + 16;
  const height = 180;
  const bars = result.months
    .map((m, i) => {
      const x = 40 + i * groupWidth;
      const bar = (value: number, offset: number, colour: string, label: string) => {
        const h = Math.round((value / max) * height);
        return `<rect x="${x + offset}" y="${20 + height - h}" width="${barWidth}" height="${h}" fill="${colour}"><title>${label} ${value}</title></rect>`;
      };
      return [
        bar(m.reminders, 0, '#8b1a1a', `${m.month} 提醒`),
        bar(m.submissions, barWidth, '#1565c0', `${m.month} 报送`),
        bar(m.overdueFlagged, barWidth * 2, '#ef6c00', `${m.month} 逾期`),
        `<text x="${x + barWidth * 1.5}" y="${height + 38}" font-size="12" text-anchor="middle">${Number(m.month.slice(5))}月</text>`,
      ].join('');
    })
    .join('');
  const chart = `<svg role="img" aria-label="每月提醒、报送与逾期" width="${40 + result.months.length * groupWidth}" height="${height + 50}" xmlns="http://www.w3.org/2000/svg"><line x1="36" y1="${20 + height}" x2="${40 + result.months.length * groupWidth}" y2="${20 + height}" stroke="#999"/><text x="4" y="24" font-size="11">${max}</text>${bars}</svg>`;

  const cell = (c: { done: number; late: number; missing: number }) => {
    const total = c.done + c.late + c.missing;
    if (total === 0) return '<td style="background:#fff"></td>';
    const share = (c.done + c.late * 0.5) / total;
    // Green when everything came in on time, through amber, to red when nothing came in.
    const hue = Math.round(share * 120);
    return `<td style="background:hsl(${hue},65%,55%);color:#fff;text-align:center" title="按时 ${c.done}，逾期后 ${c.late}，缺 ${c.missing}">${c.done + c.late}/${total}</td>`;
  };
  const heat = `<table><thead><tr><th>处室</th>${result.months.map((m) => `<th>${escapeHtml(m.month)}</th>`).join('')}</tr></thead><tbody>${result.heat
    .map((row) => `<tr><th>${escapeHtml(row.officeName)}</th>${row.months.map(cell).join('')}</tr>`)
    .join('')}</tbody></table>`;

  const totals: [string, number][] = [
    ['事项（occurrences）', result.occurrences],
    ['发送提醒（remindersSent）', result.remindersSent],
    ['重复提醒（duplicateReminders）', result.duplicateReminders],
    ['非工作日提醒（remindersOnNonWorkingDays）', result.remindersOnNonWorkingDays],
    ['报送（submissions）', result.submissions],
    ['标记逾期（overdueFlagged）', result.overdueFlagged],
    ['抄送负责人（escalations）', result.escalations],
    ['开始时已逾期、静默标记（overdueAtStart）', result.overdueAtStart],
    ['周报（digestsSent）', result.digestsSent],
    ['期末已完成事项（completed）', result.completed],
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}th,td{border:1px solid #ddd;padding:4px 8px}th{background:#f3f3f3;text-align:left}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>随机种子 ${result.seed}，报送率 ${result.submitRate}，用时 ${result.elapsedSeconds} 秒。每天 09:00 运行真实的巡检处理程序，09:30 运行周报处理程序（每周第一个工作日发送）；各处室按种子随机报送。</p>
<h2>合计</h2><table>${totals.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</table>
<h2>每月提醒、报送与逾期</h2><p class="legend"><span style="background:#8b1a1a"></span>提醒<span style="background:#1565c0"></span>报送<span style="background:#ef6c00"></span>逾期</p>${chart}
<h2>处室 × 月份完成情况（按截止月份，绿色为按时完成，红色为未报送）</h2>${heat}
<h2>逐月数据</h2><table><thead><tr><th>月份</th><th>提醒</th><th>报送</th><th>逾期</th><th>周报</th></tr></thead><tbody>${result.months
    .map((m) => `<tr><td>${m.month}</td><td>${m.reminders}</td><td>${m.submissions}</td><td>${m.overdueFlagged}</td><td>${m.digests}</td></tr>`)
    .join('')}</tbody></table>
</body></html>`;
}
