import type { Store } from '../../functions/core/engine/ports.js';
import type { MailRecord } from '../../functions/core/engine/records.js';

/** Every calendar's unsent mails (the outbox is read one calendar at a time). */
export async function unsentEverywhere(store: Store): Promise<MailRecord[]> {
  const calendars = await store.calendars.list();
  return (await Promise.all(calendars.map((c) => store.outbox.unsent(c.id)))).flat();
}
