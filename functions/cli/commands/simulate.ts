/** `fazhi simulate`: a span of days played through the real handlers (in memory, or on the embedded stack). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../adapters/calendar-files.js';
import { yearOf } from '../../core/civil-date.js';
import type { Plan } from '../../core/compile.js';
import { CalendarYearError } from '../../core/errors.js';
import { planFor } from '../../core/plan-for.js';
import { JavaMissingError } from '../../local/emulators.js';
import { simulate } from '../../local/simulate.js';
import { simulationReport } from '../../local/simulation-report.js';
import type { SimulationStore } from '../../local/simulation-world.js';
import type { Io } from '../io.js';
import { renderTable } from '../text-table.js';

export interface SimulateOptions {
  calendar: string;
  year?: number;
  from?: string;
  to?: string;
  store: SimulationStore;
  submitRate: number;
  seed: number;
  json?: boolean;
  reportDir: string;
}

export async function simulateCommand(options: SimulateOptions, io: Io, progress: (text: string) => void): Promise<number> {
  const span = spanOf(options);
  if (typeof span === 'string') {
    io.err(`fazhi simulate: ${span}`);
    return 2;
  }
  const catalog = await loadCatalog();
  const entry = catalog.registry.get(options.calendar);
  if (!entry || entry.calendar.abstract) {
    io.err(
      `fazhi: calendar "${options.calendar}" cannot be simulated (unknown, or abstract); calendars: ${[...catalog.registry.values()]
        .filter((e) => !e.calendar.abstract)
        .map((e) => e.calendar.id)
        .join(', ')}`,
    );
    return 1;
  }
  const plans: Plan[] = [];
  // The year after the span too: the rollover writes "next year" ahead, as it does when deployed.
  for (let year = yearOf(span.from); year <= yearOf(span.to) + 1; year += 1) {
    try {
      plans.push(planFor(catalog.registry, catalog.workingDays, { calendar: options.calendar, year }));
    } catch (error) {
      // A year the calendar does not cover has no plan; the span still plays what the others hold.
      if (!(error instanceof CalendarYearError)) throw error;
    }
  }
  if (!plans.some((p) => p.year <= yearOf(span.to))) {
    io.err(`fazhi simulate: calendar "${options.calendar}" has no plan for ${span.from}…${span.to}`);
    return 1;
  }
  let result;
  try {
    result = await simulate({
      plans,
      notices: catalog.notices,
      from: span.from,
      to: span.to,
      store: options.store,
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
  const reportFile = resolve(join(options.reportDir, `simulate-${options.calendar}-${span.from}-${span.to}-seed${options.seed}.html`));
  const title = plans[0]!.title;
  writeFileSync(reportFile, simulationReport(result, `${title} · ${span.from} 至 ${span.to} 模拟`));

  if (options.json) {
    io.out(JSON.stringify({ ...result, report: reportFile }, null, 2));
    return 0;
  }
  io.out(`${title}（${span.from} 至 ${span.to} 模拟，${options.store === 'memory' ? '内存' : 'DynamoDB Local'}，种子 ${options.seed}，报送率 ${options.submitRate}）`);
  io.out(
    renderTable(
      ['月份', '提醒', '报送', '逾期', '周报'],
      result.months.map((m) => [m.month, String(m.reminders), String(m.submissions), String(m.overdueFlagged), String(m.digests)]),
    ),
  );
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
        ['overdueAtStart 开始时已逾期（静默标记）', String(result.overdueAtStart)],
        ['digestsSent 周报', String(result.digestsSent)],
      ],
    ),
  );
  io.out(`报告：${reportFile}（用时 ${result.elapsedSeconds} 秒）`);
  return 0;
}

/** `--year Y` is the short form of `--from Y-01-01 --to Y-12-31`. */
function spanOf(options: SimulateOptions): { from: string; to: string } | string {
  if (options.year !== undefined && (options.from || options.to)) return 'give either --year or --from/--to, not both';
  if (options.year !== undefined) return { from: `${options.year}-01-01`, to: `${options.year}-12-31` };
  if (!options.from || !options.to) return 'give --year YYYY, or both --from YYYY-MM-DD and --to YYYY-MM-DD';
  if (options.to < options.from) return `--to ${options.to} is before --from ${options.from}`;
  if (yearOf(options.to) - yearOf(options.from) > 5) return 'a span of at most five years can be simulated at once';
  return { from: options.from, to: options.to };
}

function progressBar(index: number, total: number, day: string): string {
  const width = 30;
  const filled = Math.round((index / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${day} ${index}/${total}`;
}
