/**
 * An office's calendar subscription (ICS): its items of every materialised year as all-day events, so
 * the office sees its deadlines in the calendar app it already uses. UIDs are the occurrence ids: an
 * app that refreshes the subscription updates its events instead of adding copies.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { addDays, toUtcMs } from './civil-date.js';
import type { OfficeView } from './engine/views.js';
import { describeEvidence, STATE_LABELS } from './labels.js';

export function officeIcs(view: OfficeView, now: Date): string {
  const calendar = ical({
    name: `${view.office.name} · ${view.calendar.title}`,
    prodId: { company: 'fazhi', product: 'fazhi', language: 'ZH' },
  });
  for (const item of view.items) {
    const spans = item.kind === 'window';
    calendar.createEvent({
      id: `${item.id}@fazhi`,
      // UTC midnights: ical-generator writes all-day dates with UTC getters, whatever the host TZ.
      start: new Date(toUtcMs(spans ? item.opens : item.due)),
      end: new Date(toUtcMs(addDays(item.due, 1))),
      allDay: true,
      stamp: now,
      summary: `${item.title}（截止 ${item.due}）`,
      description: [`状态：${STATE_LABELS[item.state]}`, item.evidence.length > 0 ? `需报送材料：${describeEvidence(item.evidence)}` : undefined, `依据：${item.legalBasis.join('；') || '—'}`]
        .filter((line): line is string => line !== undefined)
        .join('\n'),
      status: item.provisional ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
