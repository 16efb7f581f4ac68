import React, { useMemo } from 'react'
import { New } from 'adminjs'

/**
 * AdminJS's own new form, opened with the action's defaults filled in (`custom.defaults`): the
 * values a new record usually has are shown, and can be changed before saving.
 */
const NewWithDefaults = (props) => {
  const { action } = props
  const record = useMemo(
    () => ({
      params: { ...((action.custom && action.custom.defaults) || {}) },
      populated: {},
      errors: {},
      id: '',
      title: '',
      recordActions: [],
      bulkActions: [],
    }),
    [action]
  )
  return <New {...props} record={record} />
}

export default NewWithDefaults
