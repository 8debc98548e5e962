/**
 * Bounces and complaints (reported by SES): the address is marked on every calendar whose offices use
 * it, and the board warns the policy office ("邮件退信：…") while an office still does: an office whose
 * address bounces misses every reminder, which no alarm about rates would tell the bureau.
 */
import type { Store } from './ports.js';
import type { CalendarMeta, MailBounce } from './records.js';

export interface BounceMarks {
  /** One per calendar and address marked now (a redelivered notification marks nothing). */
  marked: { calendar: string; address: string; type: MailBounce['type'] }[];
  /** Addresses no office of any calendar uses (a changed plan, an unrelated sender). */
  unknown: string[];
}

/** Addresses compare without case, as mail domains do (and SES reports them as the mail named them). */
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function usesAddress(calendar: Pick<CalendarMeta, 'offices'>, address: string): boolean {
  return calendar.offices.some((office) => office.emails.some((e) => same(e, address)) || (office.headEmail !== undefined && same(office.headEmail, address)));
}

export async function markBounces(store: Store, report: { addresses: readonly string[]; type: MailBounce['type']; at: string }): Promise<BounceMarks> {
  const result: BounceMarks = { marked: [], unknown: [] };
  const calendars = await store.calendars.list();
  for (const address of new Set(report.addresses.map((a) => a.trim()).filter((a) => a.length > 0))) {
    const users = calendars.filter((c) => usesAddress(c, address));
    if (users.length === 0) result.unknown.push(address);
    for (const calendar of users) {
      if (await store.calendars.markBounce(calendar.id, { address, type: report.type, at: report.at })) result.marked.push({ calendar: calendar.id, address, type: report.type });
    }
  }
  return result;
}

/**
 * The board's warnings: one per address an office of the calendar still uses that bounced
 * ("邮件退信：<address>") or complained ("邮件投诉：<address>"). Fixing the address in the calendar ends it.
 */
export function bounceWarnings(calendar: Pick<CalendarMeta, 'offices' | 'bounces'>): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const bounce of calendar.bounces ?? []) {
    const key = `${bounce.type}#${bounce.address.toLowerCase()}`;
    if (seen.has(key) || !usesAddress(calendar, bounce.address)) continue;
    seen.add(key);
    warnings.push(`${bounce.type === 'bounce' ? '邮件退信' : '邮件投诉'}：${bounce.address}`);
  }
  return warnings;
}
