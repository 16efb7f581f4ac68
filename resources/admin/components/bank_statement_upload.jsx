import React, { useEffect, useState } from 'react'
import { Box, Button, Label, Select, Text } from '@adminjs/design-system'
import { send } from './panel_request.js'

const AUTO = { value: '', label: '自动识别 Auto-detect' }


const problemOf = (data) =>
  (data.errors || []).map((e) => [e.row && `行 row ${e.row}`, e.field || e.column, e.message].filter(Boolean).join(' ')).join('; ')

/**
 * 导入银行流水 · Import a bank statement: choose the account and the format (or auto-detect), upload,
 * see what was new and how it matched, then go to the work queue.
 */
const BankStatementUpload = () => {
  const [accounts, setAccounts] = useState([])
  const [profiles, setProfiles] = useState([AUTO])
  const [account, setAccount] = useState(null)
  const [profile, setProfile] = useState(AUTO)
  const [file, setFile] = useState(null)
  const [progress, setProgress] = useState(null)
  const [result, setResult] = useState(null)
  const [problem, setProblem] = useState(null)

  useEffect(() => {
    send('GET', '/admin/bank-statements/options', null).then(({ status, data }) => {
      if (status >= 400) return setProblem(problemOf(data))
      const options = data.accounts.map((a) => ({ value: a.id, label: a.label }))
      setAccounts(options)
      setAccount(options[0] || null)
      setProfiles([AUTO, ...data.profiles.map((p) => ({ value: p, label: p }))])
    })
  }, [])

  const upload = async () => {
    if (!file || !account) return
    const form = new FormData()
    form.append('bankAccountId', String(account.value))
    if (profile.value) form.append('profile', profile.value)
    form.append('file', file)
    setResult(null)
    setProblem(null)
    setProgress(0)
    const { status, data } = await send('POST', '/admin/bank-statements', form, setProgress)
    setProgress(null)
    if (status >= 400) setProblem(problemOf(data) || `HTTP ${status}`)
    else setResult(data)
  }

  const m = result && result.matching
  const queue = result && `/admin/resources/bank_lines?filters.statementId=${result.statementId}`
  return (
    <Box variant="card" p="xl" data-testid="bank-upload">
      <Box mb="lg" data-testid="bank-account">
        <Label>银行账户 Bank account</Label>
        <Select value={account} options={accounts} onChange={(selected) => setAccount(selected)} />
      </Box>
      <Box mb="lg" data-testid="bank-profile">
        <Label>格式 Format</Label>
        <Select value={profile} options={profiles} onChange={(selected) => setProfile(selected)} />
      </Box>
      <Box mb="lg">
        <Label>对账单文件 Statement file (CSV / XLSX / camt.053 / MT940)</Label>
        <input type="file" name="file" accept=".csv,.xlsx,.txt,.xml,.sta,.mt940" data-testid="bank-file" onChange={(e) => setFile(e.target.files[0] || null)} />
      </Box>
      <Button variant="contained" onClick={upload} disabled={!file || !account || progress !== null} data-testid="bank-submit">
        上传并匹配 Upload and match
      </Button>
      {progress !== null && <Text mt="lg" data-testid="bank-progress">{`处理中 Working… ${progress}%`}</Text>}
      {problem && <Text mt="lg" color="error" data-testid="bank-problem">{problem}</Text>}
      {result && (
        <Box mt="xl" data-testid="bank-result">
          <Text data-testid="bank-status">
            {result.alreadyImported
              ? `#${result.statementId} 此文件已导入过 already imported (${result.profile})`
              : `#${result.statementId} 已导入 imported (${result.profile})`}
          </Text>
          <Text data-testid="bank-lines">
            {`流水 lines ${result.lineCount} · 新增 new ${result.newLineCount} · 已有 already known ${result.lineCount - result.newLineCount}`}
          </Text>
          <Text data-testid="bank-matching">
            {`已关联 linked ${m.linked} · 自动入账 auto-posted ${m.autoPosted} · 待确认 suggested ${m.suggested} · 未匹配 unmatched ${m.unmatched}`}
          </Text>
          <Text mt="lg">
            <a href={queue} data-testid="bank-queue">前往待处理流水 Open the work queue</a>
          </Text>
        </Box>
      )}
    </Box>
  )
}

export default BankStatementUpload
