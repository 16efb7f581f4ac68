import React, { useState } from 'react'
import { Box, Button, FormGroup, Label, Input, Select, Text } from '@adminjs/design-system'
import { useTranslation } from 'adminjs'

const LAYOUTS = [
  { value: 'standard', label: '通用 standard' },
  { value: 'yonyou_u8', label: '用友 U8 / T+' },
  { value: 'kingdee', label: '金蝶 K/3 · KIS' },
]
const FORMATS = [
  { value: 'xlsx', label: 'XLSX' },
  { value: 'csv', label: 'CSV' },
]
const MODES = [
  { value: 'journal', label: '每笔一张凭证 one voucher per journal' },
  { value: 'daily', label: '按日按科目汇总 summarised per day × account' },
]

/** 凭证导出: a period (or date range), a layout and a format; the file downloads from the server. */
const VoucherExport = ({ resource }) => {
  const { translateAction } = useTranslation()
  const [values, setValues] = useState({
    period: '',
    from: '',
    to: '',
    layout: 'standard',
    format: 'xlsx',
    mode: 'journal',
  })
  const set = (name) => (event) =>
    setValues({ ...values, [name]: event && event.target ? event.target.value : event.value })
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value) query.append(key, value)
  const pick = (options, name) => options.find((o) => o.value === values[name])
  return (
    <Box p="xl" variant="card" data-testid="voucher-export">
      <FormGroup>
        <Label>期间 period (YYYY-MM)</Label>
        <Input value={values.period} onChange={set('period')} placeholder="2026-11" />
      </FormGroup>
      <Text mb="lg">或日期范围 or a date range</Text>
      <FormGroup>
        <Label>from</Label>
        <Input type="date" value={values.from} onChange={set('from')} />
        <Label>to</Label>
        <Input type="date" value={values.to} onChange={set('to')} />
      </FormGroup>
      <FormGroup>
        <Label>格式 layout</Label>
        <Select value={pick(LAYOUTS, 'layout')} options={LAYOUTS} onChange={set('layout')} />
      </FormGroup>
      <FormGroup>
        <Label>file</Label>
        <Select value={pick(FORMATS, 'format')} options={FORMATS} onChange={set('format')} />
      </FormGroup>
      <FormGroup>
        <Label>凭证 vouchers</Label>
        <Select value={pick(MODES, 'mode')} options={MODES} onChange={set('mode')} />
      </FormGroup>
      <Button
        as="a"
        href={`/admin/exports/vouchers?${query.toString()}`}
        variant="contained"
        data-testid="voucher-download"
      >
        {translateAction('exportVouchers', resource.id)}
      </Button>
    </Box>
  )
}

export default VoucherExport
