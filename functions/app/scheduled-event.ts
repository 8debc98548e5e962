import * as z from 'zod/mini';

/**
 * The input of the scheduled functions. The schedule passes `<aws.scheduler.scheduled-time>` as
 * `scheduledTime`, which is the clock of the run: a retried invocation keeps its original day, and the
 * year simulation drives the same handlers with a virtual clock. A run the policy office asked for
 * (`POST /api/admin/sweep|digest`, invoked asynchronously) also carries its `runId`, which the run's
 * log lines repeat, and the digest's `onDemand`.
 */
export const ScheduledEvent = z.object({
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
  calendar: z.optional(z.string()),
  runId: z.optional(z.string().check(z.maxLength(100))),
  onDemand: z.optional(z.boolean()),
});

export function clockOf(event: z.infer<typeof ScheduledEvent>): Date {
  return event.scheduledTime ? new Date(event.scheduledTime) : new Date();
}
