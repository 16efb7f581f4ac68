import { configApp } from '@adonisjs/eslint-config'

// .adminjs: AdminJS's generated bundle, written when the panel first starts (npm start, the tests)
export default configApp({
  ignores: ['build/**', 'tmp/**', 'node_modules/**', 'reports/vendor/**', '.adminjs/**'],
})
