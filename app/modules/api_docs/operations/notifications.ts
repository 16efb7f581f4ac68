import { OBJECT, ok, tagged } from '#modules/api_docs/operation_kit'
import { inboxValidator, preferencesValidator } from '#modules/notifications/public'

const EVERYONE = 'every role: the caller’s own notifications only'
const marked = ok('marked', OBJECT)
const preferences = ok('the preferences', OBJECT)

/** The caller's notifications (到款提醒, approval decisions) and their preferences. */
export const notificationOperations = tagged('notifications', {
  'GET /notifications': {
    summary: 'My notifications, newest first, with the unread count',
    roles: EVERYONE,
    query: inboxValidator,
    responses: ok('the inbox', OBJECT),
  },
  'POST /notifications/:id/read': {
    summary: 'Mark one notification read',
    roles: EVERYONE,
    responses: marked,
  },
  'POST /notifications/read-all': {
    summary: 'Mark all my notifications read',
    roles: EVERYONE,
    responses: marked,
  },
  'GET /notifications/preferences': {
    summary: 'My choice per kind: in-app only, email, or off',
    roles: EVERYONE,
    responses: preferences,
  },
  'PUT /notifications/preferences': {
    summary: 'Change my choice per kind',
    roles: EVERYONE,
    body: preferencesValidator,
    responses: preferences,
  },
})
