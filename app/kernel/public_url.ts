import env from '#start/env'

/** An absolute address of this server for links in emails (PUBLIC_URL, default http://localhost:PORT). */
export function publicUrl(path: string): string {
  const base = env.get('PUBLIC_URL') ?? `http://localhost:${env.get('PORT')}`
  return `${base.replace(/\/+$/, '')}${path}`
}
