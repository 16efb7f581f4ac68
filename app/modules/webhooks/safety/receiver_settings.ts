import env from '#start/env'

/**
 * WEBHOOK_ALLOW_PRIVATE=true lets subscriptions and deliveries reach loopback, private and
 * link-local addresses (a receiver on the same host or LAN); off by default. Read at each use, so
 * a change of the setting (or a test) takes effect without a restart of the deliverer.
 */
export function privateReceiversAllowed(): boolean {
  return env.get('WEBHOOK_ALLOW_PRIVATE') === true
}
