import { loadCatalog } from '../../adapters/calendar-files.js';
import type { Occurrence, Plan } from '../../core/compile.js';
import { KIND_LABELS } from '../../core/labels.js';
import { planFor } from '../../core/plan-for.js';
import type { Io } from '../io.js';
import { renderTable } from '../text-table.js';

export interface PlanOptions {
  calendar: string;
  year: number;
  office?: string;
  root?: string;
}

export async function loadPlan(options: PlanOptions): Promise<Plan> {
  const catalog = await loadCatalog(options.root ? { root: options.root } : {});
  return planFor(catalog.registry, catalog.workingDays, options);
}

/** The JSON shape promised by `fazhi preview --json`. */
export function occurrenceJson(o: Occurrence) {
  return {
    id: o.id,
    calendar: o.calendar,
    task: o.task,
    title: o.title,
    kind: o.kind,
    office: o.office,
    officeName: o.officeName,
    period: o.period,
    opens: o.opens,
    due: o.due,
    quota: o.quota,
    reminders: o.reminders,
    graceDays: o.graceDays,
    overdueAfter: o.overdueAfter,
    evidence: o.evidence,
    legalBasis: o.legalBasis,
    source: o.source,
    provisional: o.provisional,
    provisionalReasons: o.provisionalReasons,
  };
}

export async function previewCommand(options: PlanOptions & { json?: boolean }, io: Io): Promise<number> {
  const plan = await loadPlan(options);
  if (options.json) {
    io.out(JSON.stringify(plan.occurrences.map(occurrenceJson), null, 2));
    return 0;
  }
  const rows = plan.occurrences.map((o) => [
    o.due,
    o.opens === o.due ? '' : o.opens,
    o.title,
    o.officeName,
    o.period,
    KIND_LABELS[o.kind],
    o.quota === null ? '' : `≥${o.quota}`,
    o.reminders.map((r) => r.slice(5)).join(' '),
    o.provisional ? '暂定' : '',
  ]);
  io.out(`${plan.title}（${plan.organisation}，${plan.year}年）`);
  io.out(renderTable(['截止', '开始', '事项', '责任处室', '周期', '类型', '次数', '提醒', '状态'], rows));
  const provisional = plan.occurrences.filter((o) => o.provisional).length;
  io.out(`共 ${plan.occurrences.length} 项${provisional > 0 ? `，其中暂定 ${provisional} 项（日期待公布或无节假日数据）` : ''}`);
  return 0;
}
