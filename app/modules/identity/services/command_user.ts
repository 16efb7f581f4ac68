import db from '@adonisjs/lucid/services/db'

/**
 * The user a command run from the shell acts as (`--as EMAIL`): the one with that e-mail, or by
 * default the first finance manager. Null when there is none, for the command to refuse.
 */
export async function commandUser(email?: string): Promise<{ id: number; role: string } | null> {
  const user = email
    ? await db.from('users').where('email', email).first()
    : await db.from('users').where('role', 'finance_manager').orderBy('id').first()
  return user ? { id: Number(user.id), role: user.role } : null
}
