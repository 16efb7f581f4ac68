/**
 * A call from a panel page to the panel's own routes (/admin/…, its session cookie; the JSON API
 * takes bearer tokens only). Resolves with the status and the parsed JSON answer, never rejects;
 * `onProgress` gets the upload's percentage.
 */
export function send(method, url, body, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100))
    xhr.onload = () => {
      let data = {}
      try { data = JSON.parse(xhr.responseText) } catch (_e) {}
      resolve({ status: xhr.status, data })
    }
    xhr.onerror = () => resolve({ status: 0, data: { errors: [{ message: 'network error' }] } })
    xhr.send(body)
  })
}
