import React, { useState } from 'react'
import { Box, Input, Label, Text } from '@adminjs/design-system'

/** Company-calendar month start and today (Asia/Shanghai), as YYYY-MM-DD. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
}

/**
 * 对账报表 · Reconciliation report of one bank account: choose the period, download XLSX or CSV
 * (the panel's /admin/reconciliation, the same figures as GET /api/v1/reconciliation).
 */
const ReconciliationDownload = ({ record }) => {
  const end = today()
  const [from, setFrom] = useState(`${end.slice(0, 8)}01`)
  const [to, setTo] = useState(end)
  const link = (format) =>
    `/admin/reconciliation?bankAccountId=${record.id}&from=${from}&to=${to}&format=${format}`
  return (
    <Box variant="card" p="xl" data-testid="reconciliation-download">
      <Box mb="lg">
        <Label>自 From</Label>
        <Input name="from" value={from} placeholder="YYYY-MM-DD" onChange={(e) => setFrom(e.target.value)} />
      </Box>
      <Box mb="lg">
        <Label>至 To</Label>
        <Input name="to" value={to} placeholder="YYYY-MM-DD" onChange={(e) => setTo(e.target.value)} />
      </Box>
      <Text>
        <a href={link('xlsx')} data-testid="reconciliation-xlsx">下载对账报表 Download (XLSX)</a>
        {' · '}
        <a href={link('csv')} data-testid="reconciliation-csv">CSV</a>
      </Text>
    </Box>
  )
}

export default ReconciliationDownload
