#!/usr/bin/env bash
# The README's way on a "fresh machine": a temporary clone of this commit, `npm install`, then
# `npm start` with no DATABASE_URL, no .env, and (as root, in a private mount namespace) no system
# Chromium, no system fonts and no system NSS libraries visible. Checks: /health 200, a statement PDF
# of the demo customer 华东机械 with extractable Chinese, a schedule firing through the in-process
# worker. Prints the times of install, first start and first PDF. Not part of CI (minutes long).
#
#   bin/smoke_fresh_machine.sh            # KEEP=1 keeps the clone; PORT/EMBEDDED_PG_PORT to move ports
set -euo pipefail
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-3397}"
PG_PORT="${EMBEDDED_PG_PORT:-54397}"
WORK="$(mktemp -d /tmp/al-smoke-XXXXXX)"
# mktemp makes it 0700; as root the embedded PostgreSQL runs as user postgres, which must enter it
chmod 755 "$WORK"
BASE="http://127.0.0.1:$PORT"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", b - a }'; }
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log($1)})"; }

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # Ctrl-C as a terminal sends it: to the whole process group (npm and the node under it)
    kill -INT -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    echo "== stopped (Ctrl-C): $(tail -1 "$WORK/start.log" | cut -c1-120)"
  fi
  [ "${KEEP:-}" = 1 ] && echo "kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== clone $(git -C "$SOURCE" rev-parse --short HEAD) into $WORK"
git clone -q "$SOURCE" "$WORK/app"
git -C "$WORK/app" checkout -q "$(git -C "$SOURCE" rev-parse HEAD)"
cd "$WORK/app"

t0=$(now)
npm install --no-audit --no-fund >"$WORK/install.log" 2>&1 || { tail -20 "$WORK/install.log"; exit 1; }
t1=$(now)
echo "== npm install: $(secs "$t0" "$t1")"

# Hide what a fresh Debian/Ubuntu lacks. As root: a private mount namespace (nothing changes for
# the rest of the machine); otherwise the run goes ahead with the system as it is, and says so.
HIDE='
  mount --bind /dev/null /usr/bin/chromium 2>/dev/null || true
  [ -d /usr/lib/chromium ] && mount -t tmpfs none /usr/lib/chromium
  mount -t tmpfs none /usr/share/fonts
  for lib in /usr/lib/x86_64-linux-gnu/libnss3.so /usr/lib/x86_64-linux-gnu/libnspr4.so; do
    [ -e "$lib" ] && mount --bind /dev/null "$lib"
  done
  echo "hidden: /usr/bin/chromium, /usr/lib/chromium, /usr/share/fonts, libnss3, libnspr4"
  exec "$@"'
START=(env -u DATABASE_URL -u APP_KEY -u PDF_BROWSER -u CHROMIUM_PATH PORT="$PORT" EMBEDDED_PG_PORT="$PG_PORT" npm start)
t2=$(now)
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  setsid unshare -m --propagation private bash -c "$HIDE" smoke "${START[@]}" >"$WORK/start.log" 2>&1 &
else
  echo "warning: not root: system Chromium and fonts stay visible" >&2
  setsid "${START[@]}" >"$WORK/start.log" 2>&1 &
fi
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$BASE/health" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/start.log"; exit 1; }
  sleep 0.5
done
t3=$(now)
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health")
echo "== npm start → /health $code: $(secs "$t2" "$t3")"
[ "$code" = 200 ]
grep -m1 '^hidden' "$WORK/start.log" || true

token() {
  curl -fs -XPOST "$BASE/api/v1/auth/tokens" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"Demo#2026\"}" | json v.token
}
FINANCE=$(token finance@demo.local)
CUSTOMER=$(curl -fs -H "Authorization: Bearer $FINANCE" "$BASE/api/v1/customers?perPage=100" |
  json '(v.data ?? v).find((c) => c.name.startsWith("华东机械")).id')
t4=$(now)
curl -fs -o "$WORK/statement.pdf" -H "Authorization: Bearer $FINANCE" \
  "$BASE/api/v1/customers/$CUSTOMER/statement.pdf?from=2026-07-01&to=2026-12-31"
t5=$(now)
echo "== first statement PDF: $(secs "$t4" "$t5"), $(stat -c %s "$WORK/statement.pdf") bytes"
node --input-type=module -e "
  import { readFileSync } from 'node:fs'
  import { PDFParse } from 'pdf-parse'
  const { text } = await new PDFParse({ data: readFileSync('$WORK/statement.pdf') }).getText()
  for (const expected of ['华东机械', '客户预付款对账单', '第 1 页'])
    if (!text.includes(expected)) { console.error('missing in the PDF text:', expected); process.exit(1) }
  console.log('   extracted:', text.split('\n').filter((l) => /华东机械|对账单|页/.test(l)).slice(0, 3).join(' | '))
"
grep -o '"msg":"background worker started"\|PDF renderer[^"]*' "$WORK/start.log" | sort -u | sed 's/^/   log: /'

MANAGER=$(token manager@demo.local)
SCHEDULE=$(curl -fs -XPOST "$BASE/api/v1/report-schedules" -H "Authorization: Bearer $MANAGER" \
  -H 'content-type: application/json' \
  -d "{\"name\":\"smoke\",\"kind\":\"statements\",\"cron\":\"* * * * *\",\"timezone\":\"Asia/Shanghai\",\"periodRule\":\"previous_month\",\"locale\":\"zh-CN\",\"customerIds\":[$CUSTOMER],\"enabled\":true}" |
  json v.id)
t6=$(now)
status=none
for _ in $(seq 1 90); do
  status=$(curl -fs -H "Authorization: Bearer $MANAGER" "$BASE/api/v1/report-deliveries?customerId=$CUSTOMER&limit=5" |
    json "((v.data ?? v).find((d) => d.customerId === $CUSTOMER) ?? {}).status ?? 'none'")
  [ "$status" = sent ] && break
  sleep 2
done
t7=$(now)
echo "== schedule $SCHEDULE (cron * * * * *) fired by the in-process worker: delivery $status after $(secs "$t6" "$t7")"
[ "$status" = sent ]
echo "== all checks passed"
