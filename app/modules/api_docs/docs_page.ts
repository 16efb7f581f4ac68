/**
 * The docs page: Swagger UI (npm swagger-ui-dist, served from /api/docs/assets) rendering
 * /api/v1/openapi.json. Our own words on it in zh-CN or English; the renderer's are English.
 */
const TEXT = {
  'zh-CN': {
    title: 'AdvanceLedger 接口文档 (API v1)',
    intro:
      '先用 POST /api/v1/auth/tokens 取得令牌，再点 “Authorize” 填入。金额一律为字符串；错误体为 {"errors":[{"field","rule","message"}]}。',
    raw: 'OpenAPI 3.1 文档 (JSON)',
  },
  'en': {
    title: 'AdvanceLedger API v1',
    intro:
      'Get a token with POST /api/v1/auth/tokens, then press “Authorize”. Amounts are strings; error bodies are {"errors":[{"field","rule","message"}]}.',
    raw: 'OpenAPI 3.1 document (JSON)',
  },
}

export function docsPage(locale: 'zh-CN' | 'en'): string {
  const text = TEXT[locale]
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<style>
  body { margin: 0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; }
  header { padding: 16px 24px; background: #1f2937; color: #f9fafb; }
  header h1 { margin: 0 0 6px; font-size: 20px; }
  header p { margin: 0; font-size: 14px; color: #d1d5db; }
  header a { color: #93c5fd; }
</style>
</head>
<body>
<header>
  <h1>${text.title}</h1>
  <p>${text.intro} <a href="/api/v1/openapi.json">${text.raw}</a></p>
</header>
<div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#docs',
    deepLinking: true,
    persistAuthorization: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    onComplete: function () { document.body.dataset.docsReady = 'true' },
  })
</script>
</body>
</html>`
}
