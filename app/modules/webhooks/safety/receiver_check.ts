import { InvalidInput } from '#kernel/errors'
import { isRefusal, resolveReceiver, urlRefusal } from '#modules/webhooks/safety/receiver_address'
import { privateReceiversAllowed } from '#modules/webhooks/safety/receiver_settings'

/** How long a subscription waits for DNS before accepting the URL on its form alone. */
const LOOKUP_MS = 3000

/**
 * The subscription-time check (422 on `url`): the URL's form, then what its host resolves to now.
 * A name that does not resolve yet is accepted (the receiver may not be deployed); the delivery
 * checks again after its own lookup, and that check is the one that guards the connection.
 */
export async function assertReceiverAllowed(url: string): Promise<void> {
  const allowPrivate = privateReceiversAllowed()
  const refused = urlRefusal(url, allowPrivate)
  if (refused) throw new InvalidInput('url', refused.rule, refused.message)
  const resolved = await Promise.race([
    resolveReceiver(new URL(url).hostname, allowPrivate).catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), LOOKUP_MS)),
  ])
  if (resolved && isRefusal(resolved) && resolved.rule === 'url_private_address') {
    throw new InvalidInput('url', resolved.rule, resolved.message)
  }
}
