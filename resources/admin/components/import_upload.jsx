import React, { useState } from 'react'
import { Box, Button, Label, Select, Input, Text, Table, TableHead, TableBody, TableRow, TableCell } from '@adminjs/design-system'
import { send } from './panel_request.js'

const KINDS = [
  { value: 'receipts', label: '历史收款 receipts' },
  { value: 'opening', label: '期初余额 opening balances' },
  { value: 'applications', label: '历史核销 applications' },
  { value: 'refunds', label: '历史退款 refunds' },
  { value: 'documents', label: '单据（发票/订单/送货单） documents' },
  { value: 'customers', label: '客户 customers' },
  { value: 'projects', label: '项目 projects' },
  { value: 'installments', label: '分期计划 installment plans' },
]


/**
 * 导入 · Import: choose the kind and the file, upload (the server validates every row: a dry run),
 * see the counts and the rejected rows, download the error report, fix and upload again, commit.
 */
const ImportUpload = () => {
  const [kind, setKind] = useState(KINDS[0])
  const [file, setFile] = useState(null)
  const [goLiveDate, setGoLiveDate] = useState('')
  const [progress, setProgress] = useState(null)
  const [job, setJob] = useState(null)
  const [problem, setProblem] = useState(null)

  const upload = async () => {
    if (!file) return
    const form = new FormData()
    form.append('kind', kind.value)
    form.append('file', file)
    if (goLiveDate) form.append('goLiveDate', goLiveDate)
    setJob(null)
    setProblem(null)
    setProgress(0)
    const { status, data } = await send('POST', '/admin/imports', form, setProgress)
    setProgress(null)
    if (status >= 400) setProblem((data.errors || []).map((e) => e.message).join('; '))
    else setJob(data)
  }

  const commit = async () => {
    setProgress(100)
    const { status, data } = await send('POST', `/admin/imports/${job.id}/commit`, null)
    setProgress(null)
    if (status >= 400) setProblem((data.errors || []).map((e) => e.message).join('; '))
    else setJob(data)
  }

  return (
    <Box variant="card" p="xl" data-testid="import-upload">
      <Box mb="lg">
        <Label>类型 Kind</Label>
        <Select value={kind} options={KINDS} onChange={(selected) => setKind(selected)} />
        <Text mt="sm">
          <a href={`/admin/imports/templates/${kind.value}`} data-testid="import-template">下载模板 Download template</a>
        </Text>
      </Box>
      {kind.value === 'opening' && (
        <Box mb="lg">
          <Label>上线日期 Go-live date</Label>
          <Input name="goLiveDate" value={goLiveDate} placeholder="YYYY-MM-DD" onChange={(e) => setGoLiveDate(e.target.value)} />
        </Box>
      )}
      <Box mb="lg">
        <Label>文件 File (CSV / XLSX)</Label>
        <input type="file" name="file" accept=".csv,.xlsx,.txt" data-testid="import-file" onChange={(e) => setFile(e.target.files[0] || null)} />
      </Box>
      <Button variant="contained" onClick={upload} disabled={!file || progress !== null} data-testid="import-submit">
        上传并校验 Upload and check
      </Button>
      {progress !== null && <Text mt="lg" data-testid="import-progress">{`处理中 Working… ${progress}%`}</Text>}
      {problem && <Text mt="lg" color="error" data-testid="import-problem">{problem}</Text>}
      {job && (
        <Box mt="xl" data-testid="import-result">
          <Text data-testid="import-status">{`#${job.id} ${job.status}`}</Text>
          <Text>{`行 rows ${job.totalRows} · 有效 valid ${job.validRows} · 错误 errors ${job.errorRows} · 已导入 posted ${job.postedRows} · 跳过 skipped ${job.skippedRows}`}</Text>
          {job.errorRows > 0 && (
            <Box mt="lg">
              <a href={`/admin/imports/${job.id}/errors.xlsx`} data-testid="import-error-report">下载错误报告 Download error report</a>
              <Table mt="lg">
                <TableHead>
                  <TableRow><TableCell>行 Row</TableCell><TableCell>列 Column</TableCell><TableCell>规则 Rule</TableCell><TableCell>说明 Message</TableCell></TableRow>
                </TableHead>
                <TableBody>
                  {job.errors.slice(0, 100).map((e, i) => (
                    <TableRow key={i} data-testid="import-error">
                      <TableCell>{e.row}</TableCell><TableCell>{e.column || ''}</TableCell><TableCell>{e.rule}</TableCell>
                      <TableCell>{`${e.message} / ${e.messageEn}`}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
          {job.status === 'awaiting_approval' && job.approvalLevels && (
            <Text mt="lg" data-testid="import-approval">
              {`待审批 Awaiting approval: ${job.approvalDecisions.length + 1} / ${job.approvalLevels.length} · ${job.approvalLevels.map((l) => l.role || `user #${l.userId}`).join(' → ')}`}
            </Text>
          )}
          {job.status === 'validated' && (
            <Button mt="lg" variant="contained" onClick={commit} data-testid="import-commit">提交导入 Commit</Button>
          )}
        </Box>
      )}
    </Box>
  )
}

export default ImportUpload
