/**
 * Runs the policy office asks for ("sweep now", "digest now") are started, not awaited: the API answers
 * 202 with a run id at once, and the run goes on as its own invocation (in AWS, its own function with
 * its own timeout and reserved concurrency of 1; locally, the same handler in the background).
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Log } from './log.js';

export type RunName = 'sweep' | 'digest';

/** The port: start a run with this input; resolves once it is accepted, not when it ends. */
export interface AsyncInvoker {
  invoke(name: RunName, payload: Record<string, unknown>): Promise<void>;
}

/** Lambda did not accept an asynchronous invocation. */
export class InvocationFailedError extends Error {
  override readonly name = 'InvocationFailedError';
}

/** In AWS: Invoke with InvocationType Event (Lambda queues it and answers 202; retries and the DLQ are Lambda's). */
export class LambdaInvoker implements AsyncInvoker {
  constructor(
    private readonly client: LambdaClient,
    private readonly functions: Record<RunName, string>,
  ) {}

  async invoke(name: RunName, payload: Record<string, unknown>): Promise<void> {
    const response = await this.client.send(new InvokeCommand({ FunctionName: this.functions[name], InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));
    if (response.StatusCode !== 202)
      throw new InvocationFailedError(`the ${name} function did not accept the run (HTTP ${response.StatusCode ?? 'none'}${response.FunctionError ? `, ${response.FunctionError}` : ''})`);
  }
}

/**
 * Locally (dev server, tests, simulation): the handler runs in this process, in the background. A run
 * that fails is logged, as Lambda would log it; `settled()` waits for every run started so far.
 */
export class LocalInvoker implements AsyncInvoker {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly handlers: () => Record<RunName, (event: unknown) => Promise<unknown>>,
    private readonly log: Log,
  ) {}

  async invoke(name: RunName, payload: Record<string, unknown>): Promise<void> {
    const handler = this.handlers()[name];
    // Started after this call returns, as an asynchronous invocation starts after Lambda answers 202.
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => handler(payload))
      .then(
        () => undefined,
        (error: Error) => this.log('error', 'run failed', { function: name, runId: payload.runId, error: error.message }),
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
