import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

export const appKey = new Secret(env.get('APP_KEY'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  // Off: its promise hooks cost every request; the panel finds its request's context without it.
  useAsyncLocalStorage: false,
  // Only these proxies may name the client's address (X-Forwarded-For): it is recorded in the
  // audit log, and trusting every sender would let any client write the address of its choice.
  trustProxy: proxyAddr.compile(
    (env.get('TRUSTED_PROXIES') ?? 'loopback').split(',').map((entry) => entry.trim())
  ),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: env.get('COOKIE_SECURE') ?? app.inProduction,
    sameSite: 'lax',
  },
})
