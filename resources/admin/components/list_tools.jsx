import React, { useEffect, useState } from 'react'
import { Box, Button, Input, Text } from '@adminjs/design-system'
import { OriginalList, useTranslation } from 'adminjs'
import { useLocation, useNavigate } from 'react-router'
import { send } from './panel_request'
import { grouped } from './c360_parts'

/** The list's own parameters in the address: its filters and sort (what export and saving keep). */
const listParams = (search) => {
  const kept = new URLSearchParams()
  new URLSearchParams(search).forEach((value, key) => {
    if (key.startsWith('filters.') || key === 'sortBy' || key === 'direction') kept.append(key, value)
  })
  return kept
}

/**
 * Every list's toolbar (overrides AdminJS's DefaultListAction, then shows its list): a search box,
 * saved filters, Excel export of the filtered list and a totals row on money lists. Data:
 * GET /admin/lists/:resource with the list's filters.
 */
const ListWithTools = (props) => {
  const { resource } = props
  const location = useLocation()
  const navigate = useNavigate()
  const { translateProperty } = useTranslation()
  const [meta, setMeta] = useState(null)
  const params = listParams(location.search)
  const searchKey = meta && meta.search ? `filters.${meta.search}` : null
  const [q, setQ] = useState('')
  const reload = () =>
    send('GET', `/admin/lists/${resource.id}?${listParams(location.search)}`).then((answer) => setMeta(answer.status === 200 ? answer.data : null))
  useEffect(() => { reload() }, [resource.id, location.search])
  useEffect(() => { if (searchKey) setQ(new URLSearchParams(location.search).get(searchKey) || '') }, [searchKey, location.search])
  const go = (query) => navigate({ pathname: location.pathname, search: `?${query}` })
  const search = (event) => {
    event.preventDefault()
    const next = listParams(location.search)
    if (q.trim()) next.set(searchKey, q.trim())
    else next.delete(searchKey)
    go(next.toString())
  }
  const saveFilter = async () => {
    const name = window.prompt(meta.labels.filterName)
    if (!name) return
    await send('POST', `/admin/lists/${resource.id}/saved-filters`, JSON.stringify({ name, query: params.toString() }))
    reload()
  }
  const L = (meta && meta.labels) || {}
  return (
    <>
      {meta && (
        <Box px="xl" pt="lg" data-testid="list-tools">
          <Box flex flexDirection="row" alignItems="center" style={{ gap: 8, flexWrap: 'wrap' }}>
            {searchKey && (
              <form onSubmit={search} style={{ display: 'flex', gap: 6 }}>
                <Input name="list-search" data-testid="list-search" placeholder={L.search} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 300 }} />
                <Button type="submit" size="sm" variant="contained" data-testid="list-search-button">{L.searchButton}</Button>
              </form>
            )}
            <select
              data-testid="saved-filters"
              value=""
              onChange={(e) => { const f = meta.savedFilters.find((s) => String(s.id) === e.target.value); if (f) go(f.query) }}
              style={{ height: 32, border: '1px solid #c0c0ca', borderRadius: 4, padding: '0 6px', background: '#fff' }}
            >
              <option value="">{L.savedFilters} ({meta.savedFilters.length})</option>
              {meta.savedFilters.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
            </select>
            {params.toString() && <Button size="sm" variant="text" onClick={saveFilter} data-testid="save-filter">{L.saveFilter}</Button>}
            <Button as="a" size="sm" variant="outlined" href={`/admin/lists/${resource.id}/export.xlsx?${params}`} data-testid="list-export" style={{ marginLeft: 'auto' }}>
              {L.export}
            </Button>
          </Box>
          {meta.totals.length > 0 && (
            <Box variant="card" mt="default" p="default" data-testid="list-totals" style={{ background: '#f6f7fb', display: 'flex', gap: 24, flexWrap: 'wrap' }}>
              <Text style={{ fontWeight: 600 }}>{L.totals}</Text>
              {meta.totals.map((t) => (
                <Text key={t.property} data-testid={`list-total-${t.property}`}>
                  {translateProperty(t.property, resource.id)}:{' '}
                  <span style={{ fontFamily: 'monospace', fontWeight: 600 }}>
                    {t.values.length ? t.values.map((v) => `${grouped(v.amount)} ${v.currency}`).join(' · ') : '—'}
                  </span>
                </Text>
              ))}
            </Box>
          )}
        </Box>
      )}
      <OriginalList {...props} />
    </>
  )
}

export default ListWithTools
