import type { JsonSchema } from '#kernel/json_schema'
import { nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of the token and "me" answers (API document components). */
const user = {
  id: ref('Id'),
  email: { type: 'string', format: 'email' },
  ...props('string', 'fullName'),
  role: {
    enum: ['admin', 'sales', 'finance', 'finance_manager', 'auditor', 'executive'],
  },
}

export const identitySchemas: Record<string, JsonSchema> = {
  AccessToken: shape({
    token: { type: 'string', description: 'send as Authorization: Bearer <token>' },
    expiresAt: nullable(ref('Instant')),
    user: shape(user),
  }),
  Me: shape({ ...user, ...nullableProps('string', 'department') }),
}
