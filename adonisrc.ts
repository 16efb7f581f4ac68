import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('#start/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/cors/cors_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    // The back-office at /admin: our provider completes config/adminjs.ts, then AdminJS mounts.
    { file: () => import('#modules/admin/admin_panel_provider'), environment: ['web', 'test'] },
    { file: () => import('@adminjs/adonis/adminjs_provider'), environment: ['web', 'test'] },
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
  ],

  preloads: [
    // the kernel's and the workflows' ports, filled before anything runs (start/wiring.ts)
    () => import('#start/wiring'),
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/events'),
    // npm start: the background worker in-process (WORKER=on)
    { file: () => import('#start/worker'), environment: ['web'] },
  ],

  tests: {
    suites: [
      { files: ['tests/unit/**/*.spec(.ts|.js)'], name: 'unit', timeout: 10000 },
      { files: ['tests/functional/**/*.spec(.ts|.js)'], name: 'functional', timeout: 30000 },
      { files: ['tests/browser/**/*.spec(.ts|.js)'], name: 'browser', timeout: 60000 },
    ],
    forceExit: true,
  },

  metaFiles: [{ pattern: 'resources/**/*', reloadServer: false }],
})
