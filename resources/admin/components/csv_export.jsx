import React from 'react'
import { Box, Button, Text } from '@adminjs/design-system'
import { useTranslation } from 'adminjs'
import { useLocation } from 'react-router'

/** Links to the CSV export with the filters of the list page (kept in the query string). */
const CsvExport = ({ resource }) => {
  const location = useLocation()
  const { translateProperty, translateAction } = useTranslation()
  const params = new URLSearchParams(location.search)
  const filters = new URLSearchParams()
  const shown = []
  params.forEach((value, key) => {
    if (key.startsWith('filters.')) {
      filters.append(key, value)
      shown.push(`${translateProperty(key.slice(8).split('~~')[0], resource.id)} = ${value}`)
    }
  })
  const href = `/admin/exports/${resource.id}.csv?${filters.toString()}`
  return (
    <Box p="xl" variant="card">
      <Text mb="lg">{shown.length ? shown.join('; ') : '—'}</Text>
      <Button as="a" href={href} variant="contained" data-testid="csv-download">
        {translateAction('exportCsv', resource.id)}
      </Button>
    </Box>
  )
}

export default CsvExport
