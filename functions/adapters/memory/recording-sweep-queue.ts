/** The sweep queue in memory: keeps the orders, in the order they were queued, for a test or a model to hand to workers. */
import type { SweepOrder, SweepQueue } from '../../core/engine/ports.js';

export class RecordingSweepQueue implements SweepQueue {
  readonly orders: SweepOrder[] = [];

  async enqueue(orders: readonly SweepOrder[]): Promise<void> {
    this.orders.push(...orders.map((order) => ({ ...order })));
  }

  /** Takes every order queued so far (as a worker's poll would). */
  drain(): SweepOrder[] {
    return this.orders.splice(0, this.orders.length);
  }
}
