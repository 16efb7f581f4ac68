import type { JsonSchema } from '#kernel/json_schema'
import { props, ref, shape } from '#kernel/json_schema'

/** The wire shape of an import job (job_view.ts; API document component). */
export const importSchemas: Record<string, JsonSchema> = {
  ImportJob: shape({ id: ref('Id'), ...props('string', 'status') }),
}
