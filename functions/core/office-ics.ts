/**
 * An office's calendar subscription (ICS): its items of every materialised year as all-day events, so
 * the office sees its deadlines in the calendar app it already uses. UIDs are the occurrence ids: an
 * app that refreshes the subscription updates its events instead of adding copies.
 */
import ical from 'ical-generator';
import type { OfficeView } from './engine/views.js';
import { addAllDayEvent } from './ics.js';
import { describeEvidence, STATE_LABELS } from './labels.js';

export function officeIcs(view: OfficeView, now: Date): string {
  const calendar = ical({
    name: `${view.office.name} · ${view.calendar.title}`,
    prodId: { company: 'fazhi', product: 'fazhi', language: 'ZH' },
  });
  for (const item of view.items) {
    const description = [`状态：${STATE_LABELS[item.state]}`, item.evidence.length > 0 ? `需报送材料：${describeEvidence(item.evidence)}` : undefined, `依据：${item.legalBasis.join('；') || '—'}`];
    addAllDayEvent(calendar, {
      id: item.id,
      from: item.kind === 'window' ? item.opens : item.due,
      due: item.due,
      summary: `${item.title}（截止 ${item.due}）`,
      description: description.filter((line): line is string => line !== undefined).join('\n'),
      provisional: item.provisional,
      now,
    });
  }
  return calendar.toString();
}
