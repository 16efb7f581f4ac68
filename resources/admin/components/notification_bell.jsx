import React, { useEffect, useState } from 'react'
import { Box, Button, Icon, Text } from '@adminjs/design-system'
import { send } from './panel_request.js'
import { usePanelLanguage } from './panel_language.js'

/** How often the bell asks for news while the panel is open. */
const REFRESH_MS = 30000

const badgeStyle = {
  position: 'absolute', top: 2, right: 0, minWidth: 18, height: 18, padding: '0 5px',
  borderRadius: 9, background: '#c20012', color: '#fff', fontSize: 11, lineHeight: '18px',
  textAlign: 'center', fontWeight: 600,
}
const panelStyle = {
  position: 'absolute', top: 56, right: 0, width: 380, maxHeight: 460, overflowY: 'auto',
  background: '#fff', border: '1px solid #dde2ea', borderRadius: 4, zIndex: 1000,
  boxShadow: '0 6px 18px rgba(0,0,0,0.12)',
}

/** One notification in the list: its kind, text, time; unread ones have a "mark read" button. */
const Item = ({ item, labels, onRead }) => (
  <Box px="lg" py="md" data-testid={`notification-${item.id}`}
    style={{ borderBottom: '1px solid #eef0f4', background: item.read ? '#fff' : '#f3f7ff' }}>
    <Text fontSize="sm" fontWeight={item.read ? 'normal' : 'bold'}>{item.label}</Text>
    <Text mt="sm" data-testid="notification-message">{item.message}</Text>
    <Box flex justifyContent="space-between" alignItems="center" mt="sm">
      <Text fontSize="xs" color="grey60">
        {new Date(item.createdAt).toLocaleString(labels.locale, { timeZone: 'Asia/Shanghai', hour12: false })}
      </Text>
      {item.read ? null : (
        <Button size="sm" variant="text" data-testid="notification-mark-read"
          onClick={() => onRead(item.id)}>{labels.markRead}</Button>
      )}
    </Box>
  </Box>
)

/**
 * 通知 · The bell in the top bar (an override of AdminJS's LoggedIn): the unread count, the latest
 * notifications (到款提醒, approval decisions) and mark read, from the panel's /admin/notifications
 * routes (its session; the same rows as GET /api/v1/notifications). The user menu follows it.
 */
const NotificationBell = (props) => {
  const { OriginalComponent } = props
  const [inbox, setInbox] = useState({ data: [], unread: 0, labels: {} })
  const [open, setOpen] = useState(false)
  usePanelLanguage() // the bell is on every page: it also keeps the panel's language

  const load = async () => {
    const answer = await send('GET', '/admin/notifications?limit=15')
    if (answer.status === 200) setInbox(answer.data)
  }
  useEffect(() => {
    load()
    const timer = setInterval(load, REFRESH_MS)
    return () => clearInterval(timer)
  }, [])

  const markRead = async (id) => {
    await send('POST', `/admin/notifications/${id}/read`)
    await load()
  }
  const markAll = async () => {
    await send('POST', '/admin/notifications/read-all')
    await load()
  }
  const labels = inbox.labels ?? {}
  return (
    <Box flex flexDirection="row" alignItems="center" flexShrink={0}>
      <Box position="relative" data-testid="notification-bell">
        <Box px="lg" py="lg" style={{ cursor: 'pointer', position: 'relative' }} title={labels.title}
          data-testid="notification-bell-button" onClick={() => setOpen(!open)}>
          <Icon icon="Bell" size={20} />
          {inbox.unread > 0 ? (
            <span style={badgeStyle} data-testid="notification-unread">{inbox.unread}</span>
          ) : null}
        </Box>
        {open ? (
          <Box style={panelStyle} data-testid="notification-list">
            <Box flex justifyContent="space-between" alignItems="center" px="lg" py="md"
              style={{ borderBottom: '1px solid #dde2ea' }}>
              <Text fontWeight="bold">{labels.title}</Text>
              <Button size="sm" variant="outlined" data-testid="notification-mark-all"
                disabled={inbox.unread === 0} onClick={markAll}>{labels.markAll}</Button>
            </Box>
            {inbox.data.length === 0 ? (
              <Box p="lg"><Text color="grey60">{labels.empty}</Text></Box>
            ) : inbox.data.map((item) => (
              <Item key={item.id} item={item} labels={labels} onRead={markRead} />
            ))}
          </Box>
        ) : null}
      </Box>
      {OriginalComponent ? <OriginalComponent {...props} /> : null}
    </Box>
  )
}

export default NotificationBell
