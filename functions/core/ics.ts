/**
 * RFC 5545 export of a compiled plan: one all-day VEVENT per occurrence. Windows span their days;
 * every other kind sits on its due date. UIDs are the occurrence ids, so they are stable across runs.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { addDays, toUtcMs } from './civil-date.js';
import type { Plan } from './compile.js';
import { describeEvidence } from './labels.js';

export function planToIcs(plan: Plan, now: Date): string {
  const calendar = ical({
    name: `${plan.title}（${plan.year}）`,
    prodId: { company: 'fazhi', product: 'fazhi', language: 'ZH' },
  });
  for (const occurrence of plan.occurrences) {
    const spans = occurrence.kind === 'window';
    const lines = [
      `处室：${occurrence.officeName}`,
      `周期：${occurrence.period}`,
      `开始：${occurrence.opens}　截止：${occurrence.due}`,
      occurrence.quota !== null ? `最低次数：${occurrence.quota}` : undefined,
      occurrence.evidence.length > 0 ? `需报送材料：${describeEvidence(occurrence.evidence)}` : undefined,
      occurrence.legalBasis.length > 0 ? `依据：${occurrence.legalBasis.join('；')}` : undefined,
      `出处：${occurrence.source}`,
      occurrence.provisional ? `暂定：${occurrence.provisionalReasons.join('；')}` : undefined,
    ].filter((line): line is string => line !== undefined);
    calendar.createEvent({
      id: `${occurrence.id}@fazhi`,
      // Why UTC midnights: ical-generator formats all-day dates with UTC getters when no zone is set,
      // so the civil dates come out unchanged whatever the host TZ.
      start: new Date(toUtcMs(spans ? occurrence.opens : occurrence.due)),
      end: new Date(toUtcMs(addDays(occurrence.due, 1))),
      allDay: true,
      stamp: now,
      summary: `${occurrence.title}（${occurrence.officeName}）`,
      description: lines.join('\n'),
      status: occurrence.provisional ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
