/**
 * RFC 5545 export of a compiled plan: one all-day VEVENT per occurrence. Windows span their days;
 * every other kind sits on its due date. UIDs are the occurrence ids, so they are stable across runs.
 */
import ical, { type ICalCalendar, ICalEventStatus } from 'ical-generator';
import { addDays, type CivilDate, toUtcMs } from './civil-date.js';
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
    addAllDayEvent(calendar, {
      id: occurrence.id,
      from: spans ? occurrence.opens : occurrence.due,
      due: occurrence.due,
      summary: `${occurrence.title}（${occurrence.officeName}）`,
      description: lines.join('\n'),
      provisional: occurrence.provisional,
      now,
    });
  }
  return calendar.toString();
}

/** One occurrence as an all-day event from `from` through `due`; its UID is the occurrence id, stable across exports. */
export function addAllDayEvent(calendar: ICalCalendar, event: { id: string; from: CivilDate; due: CivilDate; summary: string; description: string; provisional: boolean; now: Date }): void {
  calendar.createEvent({
    id: `${event.id}@fazhi`,
    // Why UTC midnights: ical-generator formats all-day dates with UTC getters when no zone is set,
    // so the civil dates come out unchanged whatever the host TZ.
    start: new Date(toUtcMs(event.from)),
    end: new Date(toUtcMs(addDays(event.due, 1))),
    allDay: true,
    stamp: event.now,
    summary: event.summary,
    description: event.description,
    status: event.provisional ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
}
