/** `fazhi simulate`: a plan year played day by day through the real handlers on the embedded stack. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../adapters/calendar-files.js';
import { compilePlans } from '../../core/compile-all.js';
import { JavaMissingError } from '../../local/emulators.js';
import { simulate } from '../../local/simulate.js';
import { simulationReport } from '../../local/simulation-report.js';
import type { Io } from '../io.js';
import { renderTable } from '../text-table.js';

export interface SimulateOptions {
  calendar: string;
  year: number;
  submitRate: number;
  seed: number;
  json?: boolean;
  reportDir: string;
}

export async function simulateCommand(options: SimulateOptions, io: Io, progress: (text: string) => void): Promise<number> {
  const catalog = await loadCatalog();
  const [plan] = compilePlans(catalog, new Date(), { calendar: options.calendar, year: options.year }).plans;
  if (!plan) {
    io.err(`fazhi: calendar "${options.calendar}" cannot be simulated (unknown, or abstract); calendars: ${[...catalog.registry.values()].filter((e) => !e.calendar.abstract).map((e) => e.calendar.id).join(', ')}`);
    return 1;
  }
  let result;
  try {
    result = await simulate({
      plan,
      notices: catalog.notices,
      submitRate: options.submitRate,
      seed: options.seed,
      onDay: (day, index, total) => progress(progressBar(index, total, day)),
    });
  } catch (error) {
    if (error instanceof JavaMissingError) {
      io.err(`fazhi: ${error.message}`);
      return 1;
    }
    throw error;
  }
  progress('\n');
  mkdirSync(options.reportDir, { recursive: true });
  const reportFile = resolve(join(options.reportDir, `simulate-${plan.calendar}-${plan.year}-seed${options.seed}.html`));
  writeFileSync(reportFile, simulationReport(result, `${plan.title} · ${plan.year} 年模拟`));

  if (options.json) {
    io.out(JSON.stringify({ ...result, report: reportFile }, null, 2));
    return 0;
  }
  io.out(`${plan.title}（${plan.year}年模拟，种子 ${options.seed}，报送率 ${options.submitRate}）`);
  io.out(renderTable(['月份', '提醒', '报送', '逾期', '周报'], result.months.map((m) => [m.month, String(m.reminders), String(m.submissions), String(m.overdueFlagged), String(m.digests)])));
  io.out(
    renderTable(
      ['合计', ''],
      [
        ['occurrences 事项', String(result.occurrences)],
        ['remindersSent 提醒', String(result.remindersSent)],
        ['duplicateReminders 重复提醒', String(result.duplicateReminders)],
        ['remindersOnNonWorkingDays 非工作日提醒', String(result.remindersOnNonWorkingDays)],
        ['submissions 报送', String(result.submissions)],
        ['overdueFlagged 逾期', String(result.overdueFlagged)],
        ['escalations 抄送负责人', String(result.escalations)],
        ['digestsSent 周报', String(result.digestsSent)],
      ],
    ),
  );
  io.out(`报告：${reportFile}（用时 ${result.elapsedSeconds} 秒）`);
  return 0;
}

function progressBar(index: number, total: number, day: string): string {
  const width = 30;
  const filled = Math.round((index / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${day} ${index}/${total}`;
}
