import type { OperationTable } from '#modules/api_docs/openapi_types'
import {
  inboxValidator,
  preferencesValidator,
} from '#modules/notifications/validators/notification_validators'

const EVERYONE = 'every role: the caller’s own notifications only'
const object = { type: 'object' }

/** The caller's notifications (到款提醒, approval decisions) and their preferences. */
export const notificationOperations: OperationTable = {
  'GET /notifications': {
    summary: 'My notifications, newest first, with the unread count',
    tag: 'notifications',
    roles: EVERYONE,
    query: inboxValidator,
    responses: { 200: { description: 'the inbox', schema: object } },
  },
  'POST /notifications/:id/read': {
    summary: 'Mark one notification read',
    tag: 'notifications',
    roles: EVERYONE,
    responses: { 200: { description: 'marked', schema: object } },
  },
  'POST /notifications/read-all': {
    summary: 'Mark all my notifications read',
    tag: 'notifications',
    roles: EVERYONE,
    responses: { 200: { description: 'marked', schema: object } },
  },
  'GET /notifications/preferences': {
    summary: 'My choice per kind: in-app only, email, or off',
    tag: 'notifications',
    roles: EVERYONE,
    responses: { 200: { description: 'the preferences', schema: object } },
  },
  'PUT /notifications/preferences': {
    summary: 'Change my choice per kind',
    tag: 'notifications',
    roles: EVERYONE,
    body: preferencesValidator,
    responses: { 200: { description: 'the preferences', schema: object } },
  },
}
