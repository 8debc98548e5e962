/**
 * Runs on every deploy (CloudFormation custom resource) and from `fazhi sync`: writes the plans that
 * were compiled at synth time into the table. Deleting the stack keeps the data (the table is retained).
 */
import { readFile } from 'node:fs/promises';
import type { AppRuntime } from '../adapters/runtime-parts.js';
import type { Plan } from '../core/compile.js';
import type { HolidayYear } from '../core/holiday-schema.js';
import { materialise, type MaterialiseResult } from '../core/engine/materialise.js';

interface MaterialiseEvent {
  RequestType?: 'Create' | 'Update' | 'Delete';
  PhysicalResourceId?: string;
  /** The clock of the run when invoked directly (CLI, simulation); deploys use the current time. */
  now?: string;
}

export type MaterialiseHandler = (event?: MaterialiseEvent) => Promise<{ PhysicalResourceId: string; Data: { summary: string } }>;

export function makeMaterialiseHandler(runtime: Pick<AppRuntime, 'store' | 'policy' | 'plansFile' | 'clock' | 'log'>): MaterialiseHandler {
  return async (event = {}) => {
    const physicalId = event.PhysicalResourceId ?? 'fazhi-plans';
    if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalId, Data: { summary: 'kept' } };
    const { plans, notices = [] } = JSON.parse(await readFile(runtime.plansFile(), 'utf8')) as { plans: Plan[]; notices?: HolidayYear[] };
    const results: MaterialiseResult[] = [];
    const now = event.now ? new Date(event.now) : runtime.clock();
    for (const plan of plans) results.push(await materialise(runtime.store, plan, now, runtime.policy, notices));
    runtime.log('info', 'plans materialised', { results });
    const summary = results.map((r) => `${r.calendar}/${r.year}: +${r.created} ~${r.updated} -${r.cancelled}`).join('; ');
    return { PhysicalResourceId: physicalId, Data: { summary: summary.slice(0, 3000) } };
  };
}
