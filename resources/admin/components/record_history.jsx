import React, { useEffect, useState } from 'react'
import {
  Box, Button, FormGroup, H3, Input, Label, MessageBox, Select, Table, TableBody, TableCell,
  TableHead, TableRow, Text,
} from '@adminjs/design-system'
import { ApiClient, useTranslation } from 'adminjs'

const api = new ApiClient()

/** 某一时点的记录: a record type, its number and a moment → its fields then, and its changes. */
const RecordHistory = ({ resource, action }) => {
  const { translateProperty, translateMessage, translateButton, translateAction } = useTranslation()
  const query = new URLSearchParams(window.location.search)
  const [types, setTypes] = useState([])
  const [form, setForm] = useState({
    entityType: query.get('entityType') || 'customer',
    entityId: query.get('entityId') || '',
    at: query.get('at') || '',
  })
  const [history, setHistory] = useState(undefined)
  const call = (data) => api.resourceAction({ resourceId: resource.id, actionName: action.name, data })

  useEffect(() => { call().then((r) => setTypes(r.data.types || [])) }, [])
  const submit = async (event) => {
    event.preventDefault()
    const r = await call(form)
    setHistory(r.data.history)
  }
  const tp = (name) => translateProperty(name, resource.id)
  const selected = types.find((t) => t.value === form.entityType) || null
  return (
    <Box variant="card" p="xl" data-testid="record-history">
      <H3>{translateAction(action.name, resource.id)}</H3>
      <Box as="form" onSubmit={submit} flex flexDirection="row" style={{ gap: 16, alignItems: 'flex-end' }}>
        <FormGroup style={{ minWidth: 220 }}>
          <Label>{tp('entityType')}</Label>
          <Select value={selected} options={types} onChange={(o) => setForm({ ...form, entityType: o ? o.value : '' })} />
        </FormGroup>
        <FormGroup>
          <Label>{tp('entityId')}</Label>
          <Input name="entityId" value={form.entityId} onChange={(e) => setForm({ ...form, entityId: e.target.value })} />
        </FormGroup>
        <FormGroup>
          <Label>{tp('at')}</Label>
          <Input name="at" type="datetime-local" value={form.at} onChange={(e) => setForm({ ...form, at: e.target.value })} />
        </FormGroup>
        <FormGroup>
          <Button variant="contained" type="submit" data-testid="history-submit">{translateButton('showHistory', resource.id)}</Button>
        </FormGroup>
      </Box>
      {history && (
        <Box mt="xl" data-testid="history-result">
          <Text mb="default"><b>{history.entity}</b> · {history.at}</Text>
          {!history.exists ? <MessageBox variant="info" message={translateMessage('historyEmpty', resource.id)} /> : (
            <>
              <Text mb="default">{translateMessage('historyAsOf', resource.id, { at: history.at, auditId: history.asOfAuditId })}</Text>
              <Table>
                <TableBody>
                  {history.state.map((row) => (
                    <TableRow key={row.field} data-field={row.field}>
                      <TableCell style={{ width: 240 }}>{row.label}</TableCell>
                      <TableCell style={{ whiteSpace: 'pre-wrap', fontVariantNumeric: 'tabular-nums' }}>{row.value}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
          <H3 mt="xl">{translateMessage('historyChanges', resource.id)}</H3>
          <Table>
            <TableHead>
              <TableRow>
                <TableCell>#</TableCell><TableCell>{tp('occurredAt')}</TableCell>
                <TableCell>{tp('action')}</TableCell><TableCell>{tp('actorId')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.changes.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{c.id}</TableCell><TableCell>{c.occurredAt}</TableCell>
                  <TableCell>{c.action}</TableCell><TableCell>{c.actor}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  )
}

export default RecordHistory
