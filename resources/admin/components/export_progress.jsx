import React, { useEffect, useState } from 'react'
import { ValueGroup } from '@adminjs/design-system'
import { ApiClient, useTranslation } from 'adminjs'

const WAITING = ['queued', 'running']
const POLL_MS = 2000

/**
 * A report export's progress, on the export's page. While it is queued or running, it asks the
 * panel for the record every 2 s and shows the new figure; once the worker has finished (done or
 * failed) it reloads the page, which then shows the file link or the error.
 */
const ExportProgress = ({ record, property, resource }) => {
  const { translateProperty } = useTranslation()
  const [progress, setProgress] = useState(record.params.progress)
  const waiting = WAITING.includes(record.params.status)
  useEffect(() => {
    if (!waiting) return undefined
    const api = new ApiClient()
    const timer = setInterval(async () => {
      try {
        const response = await api.recordAction({
          resourceId: resource.id,
          recordId: record.id,
          actionName: 'show',
        })
        const params = response.data.record.params
        setProgress(params.progress)
        if (!WAITING.includes(params.status)) window.location.reload()
      } catch (_error) {
        // a missed poll is tried again at the next tick
      }
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [waiting, record.id, resource.id])
  return (
    <ValueGroup label={translateProperty(property.label, property.resourceId)}>
      <span data-testid="export-progress">{progress}</span>
    </ValueGroup>
  )
}

export default ExportProgress
