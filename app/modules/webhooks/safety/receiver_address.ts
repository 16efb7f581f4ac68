import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

/**
 * Where a webhook may go (SSRF guard). An admin types the receiver's URL, and the worker POSTs to
 * it from inside our network: without this check a URL could reach the database host, the cloud's
 * metadata service (169.254.169.254, 100.100.100.200) or anything else only we can see. Only
 * public unicast addresses are allowed, IPv4 and IPv6 alike (an IPv4-mapped IPv6 address is judged
 * as the IPv4 address it carries), unless WEBHOOK_ALLOW_PRIVATE says otherwise.
 */
export type Refusal = { rule: string; message: string }

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** DNS as the resolver sees it (tests hand in their own to play a rebinding name). */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true })

/** ipaddr.js names every special range; only plain 'unicast' is somewhere on the internet. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  const parsed = ipaddr.process(address) // ::ffff:a.b.c.d → a.b.c.d
  return parsed.range() === 'unicast'
}

/** The URL's own form: http(s), no user:password@, and an IP literal must be public. */
export function urlRefusal(url: string, allowPrivate: boolean): Refusal | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { rule: 'url', message: 'the receiver URL is not a valid URL' }
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { rule: 'url_protocol', message: 'the receiver URL must be http or https' }
  }
  if (parsed.username || parsed.password) {
    return {
      rule: 'url_credentials',
      message: 'the receiver URL must not carry a user name or password',
    }
  }
  const literal = hostLiteral(parsed.hostname)
  if (!allowPrivate && (literal ? !isPublicAddress(literal) : isLocalName(parsed.hostname))) {
    return privateRefusal()
  }
  return null
}

/**
 * Resolves the URL's host once and vets every address it answers with: one private answer refuses
 * the lot (a rebinding name may alternate). The caller connects to the returned address, never to
 * the name again, so what was checked is what is reached.
 */
export async function resolveReceiver(
  hostname: string,
  allowPrivate: boolean,
  resolver: Resolver = systemResolver
): Promise<ResolvedAddress | Refusal> {
  const literal = hostLiteral(hostname)
  const answers = literal ? [{ address: literal, family: isIP(literal) }] : await resolver(hostname)
  if (!answers.length) return { rule: 'url_unresolvable', message: `${hostname} does not resolve` }
  if (!allowPrivate && answers.some((answer) => !isPublicAddress(answer.address))) {
    return privateRefusal()
  }
  const [first] = answers
  return { address: first.address, family: first.family === 6 ? 6 : 4 }
}

export function isRefusal(value: ResolvedAddress | Refusal): value is Refusal {
  return 'rule' in value
}

function privateRefusal(): Refusal {
  return {
    rule: 'url_private_address',
    message:
      'the receiver URL points to a loopback, private, link-local or otherwise non-public address',
  }
}

/** An IP literal host ([::1] comes bracketed from URL.hostname), or null for a name. */
function hostLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  return isIP(bare) ? bare : null
}

/** Names that are local by definition, refused before any DNS answer is asked for. */
function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.internal')
}
