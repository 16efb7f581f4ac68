import React from 'react'
import { Box, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system'
import { useTranslation } from 'adminjs'

/** The field's label: its own, else its last path segment's ("params.days" → "params.天数"). */
const labelOf = (translateProperty, resourceId, field) => {
  const own = translateProperty(field, resourceId)
  if (own !== field) return own
  const last = field.split('.').pop()
  const label = translateProperty(last, resourceId)
  return label !== last ? field.replace(new RegExp(`${last}$`), label) : field
}

const cell = { whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontVariantNumeric: 'tabular-nums' }

/** An audit row's before/after as a table: field label, old value → new value. */
const AuditDiff = ({ property, record, resource }) => {
  const { translateProperty } = useTranslation()
  let rows = []
  try {
    rows = JSON.parse(record.params[property.path] || '[]')
  } catch (_e) {}
  return (
    <Box mb="xl" data-testid="audit-diff">
      <Label>{translateProperty(property.path, resource.id)}</Label>
      {rows.length === 0 ? <Text>—</Text> : (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>{translateProperty('field', resource.id)}</TableCell>
              <TableCell>{translateProperty('before', resource.id)}</TableCell>
              <TableCell>{translateProperty('after', resource.id)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.field} data-field={row.field}>
                <TableCell>{labelOf(translateProperty, resource.id, row.field)}</TableCell>
                <TableCell style={{ ...cell, color: '#b42318' }}>{row.before ?? '—'}</TableCell>
                <TableCell style={{ ...cell, color: '#067647' }}>→ {row.after ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  )
}

export default AuditDiff
