import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, dataList, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of alert_views.ts and alert rules (API document components). */
export const alertSchemas: Record<string, JsonSchema> = {
  Alert: shape({
    id: ref('Id'),
    ruleId: ref('Id'),
    subjectId: ref('Id'),
    ...props('string', 'ruleType severity subjectType message messageKey'),
    ...nullableProps('string', 'ruleCode customerName resolutionNote'),
    ...props('object', 'params'),
    customerId: nullable(ref('Id')),
    projectId: nullable(ref('Id')),
    status: { enum: ['open', 'acknowledged', 'resolved'] },
    messages: shape(props('string', 'zh-CN en')),
    asOf: ref('PlainDate'),
    createdAt: ref('Instant'),
    acknowledgedAt: nullable(ref('Instant')),
    acknowledgedBy: nullable(ref('Id')),
    resolvedAt: nullable(ref('Instant')),
    resolvedBy: nullable(ref('Id')),
    emailedAt: nullable(ref('Instant')),
  }),
  AlertPage: shape({ data: arrayOf(ref('Alert')), meta: ref('PageMeta') }),
  AlertRule: shape({
    id: ref('Id'),
    ...props('string', 'code ruleType nameZh nameEn severity'),
    ...props('object', 'parameters'),
    ...props('boolean', 'enabled sendEmail'),
    createdAt: ref('Instant'),
    updatedAt: ref('Instant'),
  }),
  AlertRuleList: dataList(ref('AlertRule')),
}
