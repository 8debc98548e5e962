/**
 * Writes the plans compiled at synth time into the table, by the rollover rules (this year and next,
 * the years already there updated, withdrawn years cancelled): on every deploy (CloudFormation custom
 * resource), daily from the rollover schedule (so a new year needs no deploy), and from local mode.
 * Deleting the stack keeps the data (the table is retained).
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import { bootstrapAdmin } from '../core/access/manage.js';
import type { Plan } from '../core/compile.js';
import { rollover } from '../core/engine/rollover.js';

/** A custom resource request, the schedule's `{ scheduledTime }`, or a direct call with `now`. */
const MaterialiseEvent = z.object({
  RequestType: z.optional(z.enum(['Create', 'Update', 'Delete'])),
  PhysicalResourceId: z.optional(z.string()),
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
  now: z.optional(z.iso.datetime({ offset: true })),
});

export type MaterialiseHandler = (event?: unknown) => Promise<{ PhysicalResourceId: string; Data: { summary: string } }>;

/** The deploy's `adminEmail`/`adminName`: the first admin, created on a deploy while no account exists. */
export function makeMaterialiseHandler(runtime: Pick<AppRuntime, 'store' | 'access' | 'policy' | 'plansFile' | 'clock' | 'log' | 'bootstrapAdmin'>): MaterialiseHandler {
  const admin = runtime.bootstrapAdmin;
  return async (raw = {}) => {
    const event = MaterialiseEvent.parse(raw ?? {});
    const physicalId = event.PhysicalResourceId ?? 'fazhi-plans';
    if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalId, Data: { summary: 'kept' } };
    if (event.RequestType && admin) {
      const created = await bootstrapAdmin({ access: runtime.access, actor: { email: 'deploy', name: 'deploy' }, source: 'deploy', now: runtime.clock() }, admin.email, admin.name);
      if (created) runtime.log('info', 'first admin created', { email: created.email });
    }
    const { plans } = JSON.parse(await readFile(runtime.plansFile(), 'utf8')) as { plans: Plan[] };
    const at = event.now ?? event.scheduledTime;
    const now = at ? new Date(at) : runtime.clock();
    const result = await rollover(runtime.store, plans, now, runtime.policy);
    runtime.log('info', 'plans materialised', { now: now.toISOString(), materialised: result.materialised, withdrawn: result.withdrawn });
    const summary = [
      ...result.materialised.map((r) => `${r.calendar}/${r.year}: +${r.created} ~${r.updated} -${r.cancelled}`),
      ...result.withdrawn.map((w) => `${w.calendar}/${w.year}: withdrawn, -${w.cancelled}`),
    ].join('; ');
    return { PhysicalResourceId: physicalId, Data: { summary: summary.slice(0, 3000) } };
  };
}
