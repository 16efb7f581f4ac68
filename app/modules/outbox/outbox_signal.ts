/**
 * The in-process wake-up of the outbox dispatcher: a unit of work that wrote events calls it after
 * its commit, so this process dispatches them at once instead of at the workers' next poll. The
 * dispatcher installs the handler (start/events.ts); without one (a process that does not
 * dispatch) the events simply wait for a worker. It is only an accelerator: nothing is lost when
 * the process dies before it runs.
 */
let handler: (() => Promise<void>) | undefined

export function onOutboxWritten(wake: () => Promise<void>) {
  handler = wake
}

/** Resolves once the pass that covers the events just committed has run (or at once: no handler). */
export function outboxWritten(): Promise<void> {
  return handler ? handler() : Promise.resolve()
}
