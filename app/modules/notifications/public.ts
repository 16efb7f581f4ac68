// What other modules may use of notifications (docs/structure.md, "Public surfaces").

export {
  inboxValidator,
  preferencesValidator,
} from '#modules/notifications/validators/notification_validators'
