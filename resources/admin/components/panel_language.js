import { useEffect } from 'react'
import { useTranslation } from 'adminjs'
import zhCN from 'date-fns/locale/zh-CN/index.js'

/*
 * The panel's language beyond AdminJS's own strings (issue 17):
 * - the language chosen in the top bar's selector is saved as the user's (POST /admin/language),
 *   so the next page and every reload open in it (the server renders each user's language);
 * - the date picker (react-datepicker, inside AdminJS's design system) reads its locale from the
 *   window-wide registry react-datepicker keeps, so months and weekdays follow the language;
 * - react-select's own words ("Select...", "No options", "Loading...") have no global setting and
 *   AdminJS's property components pass none, so they are replaced in the page by the catalogue's
 *   components.Select.* (panel.json), only inside AdminJS select fields.
 */
const SELECT_WORDS = {
  'Select...': 'placeholder',
  'No options': 'noOptions',
  'Loading...': 'loading',
}
const SELECT_KEYS = Object.values(SELECT_WORDS)

/*
 * The date picker's screen-reader line ("Selected date: …") is hidden as react-datepicker's own
 * stylesheet would (AdminJS does not ship it, so it printed inside the field); in the top bar the
 * language stays on one line and, at phone width, the user's e-mail gives way to it and the bell.
 */
const PANEL_CSS = `.react-datepicker__aria-live{position:absolute;clip-path:circle(0);border:0;height:1px;
margin:-1px;overflow:hidden;padding:0;width:1px;white-space:nowrap}
[data-css="topbar"] .adminjs_Button{white-space:nowrap}
@media (max-width:640px){[data-css="logged-in"] [height="navbarHeight"]>section{display:none}}`

function datePickerLocale(language) {
  window.__localeData__ = { ...(window.__localeData__ || {}), 'zh-CN': zhCN }
  window.__localeId__ = language === 'en' ? 'en' : 'zh-CN'
}

function saveLanguage(language) {
  document.documentElement.lang = language
  fetch('/admin/language', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
    body: JSON.stringify({ locale: language }),
  })
}

/** Each select word in every language (react-select's English and the catalogues') → its key. */
function knownWords(i18n) {
  const known = { ...SELECT_WORDS }
  for (const lng of i18n.options.supportedLngs || []) {
    for (const key of SELECT_KEYS) known[i18n.t(`components.Select.${key}`, { lng })] = key
  }
  return known
}

function translateSelects(known, words) {
  for (const select of document.querySelectorAll('.adminjs_Select')) {
    const walker = document.createTreeWalker(select, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const key = known[node.nodeValue]
      if (key && words[key] && node.nodeValue !== words[key]) node.nodeValue = words[key]
    }
  }
}

/** Keeps the widgets in the panel's language and saves a change of language (top bar). */
export function usePanelLanguage() {
  const { i18n, translateComponent } = useTranslation()
  const language = i18n.language
  useEffect(() => {
    if (!document.getElementById('panel-language-css')) {
      const style = document.createElement('style')
      style.id = 'panel-language-css'
      style.textContent = PANEL_CSS
      document.head.appendChild(style)
    }
    i18n.on('languageChanged', saveLanguage)
    return () => i18n.off('languageChanged', saveLanguage)
  }, [i18n])
  useEffect(() => {
    datePickerLocale(language)
    const known = knownWords(i18n)
    const words = Object.fromEntries(
      SELECT_KEYS.map((key) => [key, translateComponent(`Select.${key}`)])
    )
    translateSelects(known, words)
    const observer = new MutationObserver(() => translateSelects(known, words))
    observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    return () => observer.disconnect()
  }, [language])
}
