import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'

/**
 * Languages (@adonisjs/i18n): one catalogue per language under resources/lang/<locale>/*.json
 * (the file name is the key's first segment: errors.json → `errors.*`). zh-CN is the default and
 * the fallback; a message missing in English is shown in Chinese rather than as its key.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'zh-CN',
  supportedLocales: ['zh-CN', 'en'],
  fallbackLocales: { en: 'zh-CN' },
  formatter: formatters.icu(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig
