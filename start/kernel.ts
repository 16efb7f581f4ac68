/*
| HTTP kernel: global middleware runs for every request (even 404s), router middleware only for
| matched routes, named middleware on demand.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'
import { RequestValidator } from '@adonisjs/core/http'
import { validationMessagesFor } from '#exceptions/error_messages'

server.errorHandler(() => import('#exceptions/handler'))

// Vine's messages in the request's language (Accept-Language; resources/lang/<locale>/validator.json)
RequestValidator.messagesProvider = validationMessagesFor

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/request_context_middleware'),
  () => import('@adonisjs/cors/cors_middleware'),
  () => import('#middleware/api_content_type_middleware'),
  () => import('#middleware/panel_assets_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/api_input_middleware'),
  () => import('#middleware/browser_session_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

export const middleware = router.named({
  auth: () => import('#middleware/auth_middleware'),
})
