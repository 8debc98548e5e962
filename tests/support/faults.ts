/**
 * Fault injection around every port of the engine. Each call to a store method (of any aggregate), each
 * page of an index query, and each mail sent is numbered; a plan of faults makes chosen calls fail:
 * - throw: the call fails before it does anything;
 * - throttle: as throw, with the name DynamoDB and SES give throttling;
 * - timeout: as throw, with the name the SDK gives a timed-out request;
 * - lost-reply: the call does its work, then the caller sees an error (the write landed, the reply did not).
 */
import { type Mailer, MailTransportError, type OutgoingMail, type Store } from '../../functions/core/engine/ports.js';

export type FaultKind = 'throw' | 'throttle' | 'timeout' | 'lost-reply';
export const FAULT_KINDS: readonly FaultKind[] = ['throw', 'throttle', 'timeout', 'lost-reply'];

export class InjectedFault extends Error {
  constructor(
    readonly kind: FaultKind,
    readonly call: string,
  ) {
    super(`injected ${kind} on ${call}`);
    this.name = kind === 'throttle' ? 'ThrottlingException' : kind === 'timeout' ? 'TimeoutError' : 'InjectedFault';
  }
}

export class FaultPlan {
  /** Calls numbered since the last reset (1-based). */
  calls = 0;
  /** Calls by port method (`outbox.commit`, `mailer.send`, …): the work a run did. */
  readonly counts = new Map<string, number>();
  readonly log: { call: number; name: string; kind: FaultKind }[] = [];
  /** Mail ids (subject and recipients) the transport sent though the caller saw an error: one duplicate each is allowed. */
  readonly lostMailReplies: OutgoingMail[] = [];
  private readonly planned = new Map<number, FaultKind>();
  private random: (() => number) | undefined;
  private rate = 0;

  /** The k-th call from now fails with `kind`. */
  failAt(k: number, kind: FaultKind): this {
    this.planned.set(this.calls + k, kind);
    return this;
  }

  /** Each call fails with probability `rate`, its kind drawn from `random` (seeded by the caller). */
  failRandomly(rate: number, random: () => number): this {
    this.rate = rate;
    this.random = random;
    return this;
  }

  /** No more faults: what is left of the plan is dropped. */
  calm(): this {
    this.planned.clear();
    this.rate = 0;
    return this;
  }

  next(name: string): FaultKind | undefined {
    this.calls += 1;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    let kind = this.planned.get(this.calls);
    if (!kind && this.random && this.rate > 0 && this.random() < this.rate) kind = FAULT_KINDS[Math.floor(this.random() * FAULT_KINDS.length)]!;
    if (kind) this.log.push({ call: this.calls, name, kind });
    return kind;
  }
}

/** Methods that answer with pages (an async iterable) rather than a promise. */
const PAGED = new Set(['dueForAction']);

/** Wraps every method of every aggregate of the store. The fault is decided before the call is made. */
export function faultyStore(store: Store, plan: FaultPlan): Store {
  const wrap = <T extends object>(aggregate: T, prefix: string): T =>
    new Proxy(aggregate, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const name = `${prefix}.${String(property)}`;
        const call = (args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
        if (PAGED.has(String(property))) return (...args: unknown[]) => faultyPages(() => call(args) as AsyncIterable<unknown>, name, plan);
        return (...args: unknown[]) => faulty(() => call(args) as Promise<unknown>, name, plan);
      },
    });
  return {
    calendars: wrap(store.calendars, 'calendars'),
    occurrences: wrap(store.occurrences, 'occurrences'),
    outbox: wrap(store.outbox, 'outbox'),
    submissions: wrap(store.submissions, 'submissions'),
  };
}

async function faulty<T>(call: () => Promise<T>, name: string, plan: FaultPlan): Promise<T> {
  const kind = plan.next(name);
  if (kind && kind !== 'lost-reply') throw new InjectedFault(kind, name);
  const result = await call();
  if (kind === 'lost-reply') throw new InjectedFault(kind, name);
  return result;
}

/** An index query fails before its first page, or (a lost reply) after its first item. */
async function* faultyPages<T>(pages: () => AsyncIterable<T>, name: string, plan: FaultPlan): AsyncIterable<T> {
  const kind = plan.next(name);
  if (kind && kind !== 'lost-reply') throw new InjectedFault(kind, name);
  for await (const item of pages()) {
    yield item;
    if (kind === 'lost-reply') throw new InjectedFault(kind, name);
  }
}

/** A mail transport whose chosen sends fail; a lost reply means it was sent (the recipient has it). */
export function faultyMailer(mailer: Mailer, plan: FaultPlan): Mailer {
  return {
    async send(mail) {
      const kind = plan.next('mailer.send');
      if (kind && kind !== 'lost-reply') throw new MailTransportError(`injected ${kind}`, false);
      const id = await mailer.send(mail);
      if (kind === 'lost-reply') {
        plan.lostMailReplies.push(mail);
        throw new MailTransportError('injected lost reply: the connection closed after the message was accepted', false);
      }
      return id;
    },
  };
}
