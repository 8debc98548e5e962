import * as z from 'zod/mini';

/**
 * The input of the scheduled functions. The schedule passes `<aws.scheduler.scheduled-time>` as
 * `scheduledTime`, which is the clock of the run: a retried invocation keeps its original day, and the
 * year simulation drives the same handlers with a virtual clock.
 */
export const ScheduledEvent = z.object({
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
  calendar: z.optional(z.string()),
});

export function clockOf(event: z.infer<typeof ScheduledEvent>): Date {
  return event.scheduledTime ? new Date(event.scheduledTime) : new Date();
}
