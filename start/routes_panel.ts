/*
| The panel's own small routes added for issue 17 (its session cookie, like /admin/notifications).
*/
import router from '@adonisjs/core/services/router'

const PanelLanguageController = () => import('#modules/admin/controllers/panel_language_controller')

router.post('/admin/language', [PanelLanguageController, 'update']).as('panel.language.update')
