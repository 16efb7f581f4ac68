import React, { useEffect, useState } from 'react'
import { Box, Button, H3, Link, Loader, MessageBox, Text } from '@adminjs/design-system'
import { ApiClient, useTranslation } from 'adminjs'

const api = new ApiClient()
const open = (run) => run && (run.status === 'queued' || run.status === 'running')

/** What the run says: progress while it works, then the result with the first broken row. */
function summary(run, translateMessage, resourceId) {
  const tm = (key, options) => translateMessage(key, resourceId, options)
  if (run.status === 'queued') return { variant: 'info', text: tm('verifyQueued') }
  if (run.status === 'running')
    return { variant: 'info', text: tm('verifyRunning', { checked: run.rowsChecked, total: run.rowsTotal ?? '?' }) }
  if (run.status === 'failed') return { variant: 'danger', text: tm('verifyFailed', { error: run.error }) }
  if (run.valid) return { variant: 'success', text: tm('verifyValid', { checked: run.rowsChecked }) }
  const b = run.firstBroken || {}
  return {
    variant: 'danger',
    text: tm('verifyBroken', { id: b.id, chain: b.chain, seq: b.seq, reason: b.reasonText || b.reason }),
    brokenId: b.id,
  }
}

/** 校验哈希链: a button that queues a full verification and follows it until its result. */
const VerifyChain = ({ resource, action }) => {
  const { translateMessage, translateButton, translateAction } = useTranslation()
  const [run, setRun] = useState(null)
  const [busy, setBusy] = useState(false)
  const call = (data) =>
    api.resourceAction({ resourceId: resource.id, actionName: action.name, data }).then((r) => setRun(r.data.run))

  useEffect(() => { call() }, [])
  useEffect(() => {
    if (!open(run)) return undefined
    const timer = setTimeout(() => call(), 1500)
    return () => clearTimeout(timer)
  }, [run])

  const start = async () => {
    setBusy(true)
    try { await call({ start: true }) } finally { setBusy(false) }
  }
  const shown = run && summary(run, translateMessage, resource.id)
  const percent = run && run.rowsTotal ? Math.min(100, Math.round((run.rowsChecked / run.rowsTotal) * 100)) : 0
  return (
    <Box variant="card" p="xl" data-testid="verify-chain">
      <H3>{translateAction(action.name, resource.id)}</H3>
      <Button variant="contained" onClick={start} disabled={busy || open(run)} data-testid="verify-start">
        {translateButton('verifyNow', resource.id)}
      </Button>
      {open(run) && (
        <Box mt="lg">
          <Loader />
          <Box style={{ height: 8, background: '#eee' }}>
            <Box style={{ height: 8, width: `${percent}%`, background: '#3040d6' }} />
          </Box>
        </Box>
      )}
      {shown && (
        <Box mt="lg" data-testid="verify-result" data-status={run.status} data-valid={String(run.valid)}>
          <MessageBox variant={shown.variant} message={shown.text} />
          {shown.brokenId && (
            <Text mt="default">
              <Link href={`${window.location.pathname.replace(/\/actions\/.*$/, '')}/records/${shown.brokenId}/show`}>
                #{shown.brokenId}
              </Link>
            </Text>
          )}
          {run.finishedAt && <Text mt="default" variant="sm">{run.finishedAt}</Text>}
        </Box>
      )}
    </Box>
  )
}

export default VerifyChain
