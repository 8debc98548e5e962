/**
 * A mailer whose transport is loaded when the first mail is sent, not at cold start: the API sends a
 * mail on one route only (a rejection notice), so the others never load the transport's client.
 * A load that fails is tried again on the next send.
 */
import type { Mailer } from '../core/engine/ports.js';

export function mailerOnFirstSend(load: () => Promise<Mailer>): Mailer {
  let loading: Promise<Mailer> | undefined;
  return {
    send: async (mail) => {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return (await loading).send(mail);
    },
  };
}
