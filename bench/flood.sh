#!/usr/bin/env bash
# The memory bound under a flood (issue 22): our jar with DEPLOY's small-server launch options (-Xmx256m, exit on
# OutOfMemoryError), a person signed in, then anonymous visits and abandoned sign-in starts from many client
# addresses; the heap in use after a full collection after each step. See bench/README.md, "Floods". Not part of
# ./mvnw verify.
#
#   bench/flood.sh                                              # 1,000,000 visits, 100,000 starts, 10,000 addresses
#   bench/flood.sh --visits 2000 --starts 1000 --addresses 100  # a quick try
#
# Options: --visits N (1000000) --starts N (100000) --addresses N (10000) --threads N (8)
#          --sessions default|database (default: the jar as configured out of the box, H2 with sessions and pending
#            sign-ins in memory; database: both in the database, Spring Session JDBC and pending_sign_ins)
#          --app-opts "JVM OPTIONS" (instead of DEPLOY's) --app-args "--more=properties" --skip-build --out DIR
set -euo pipefail

{
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/first-page.sh
source bench/lib/first-page.sh
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh
ROOT=$(pwd)

VISITS=1000000
STARTS=100000
ADDRESSES=10000
THREADS=8
SESSIONS=default
BUILD=1
# DEPLOY.md's "Every start" line, without the class-data archive (made per build; it changes start-up only).
APP_OPTS="-Xmx256m -Xms64m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
APP_ARGS=""
OUT=""
while [[ $# -gt 0 ]]; do
	case "$1" in
		--visits) VISITS=$2; shift 2 ;;
		--starts) STARTS=$2; shift 2 ;;
		--addresses) ADDRESSES=$2; shift 2 ;;
		--threads) THREADS=$2; shift 2 ;;
		--sessions) SESSIONS=$2; shift 2 ;;
		--app-opts) APP_OPTS=$2; shift 2 ;;
		--app-args) APP_ARGS=$2; shift 2 ;;
		--skip-build) BUILD=0; shift ;;
		--out) OUT=$2; shift 2 ;;
		-h|--help) sed -n '2,15p' "$0"; exit 0 ;;
		*) echo "Unknown option $1 (try --help)" >&2; exit 2 ;;
	esac
done

OUT=${OUT:-$ROOT/target/bench/flood-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: > "$RESULTS"
DATA=$(mktemp -d /tmp/oauth-signin-flood.XXXXXX)
STARTED=()
trap cleanup EXIT

if [[ $BUILD == 1 ]]; then
	log "Building the fat jar and the test classes"
	./mvnw -B -q package -DskipTests
fi
JAR=$(ls "$ROOT"/target/oauth-signin-*.jar | grep -v -- '-plain' | head -1)
bench_classpath

APP_PORT=18180
while (echo >/dev/tcp/127.0.0.1/"$APP_PORT") 2>/dev/null; do APP_PORT=$((APP_PORT + 1)); done

log "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "MACHINE cores=$(nproc) java=$(java -version 2>&1 | head -1 | tr ' ' '_') sessions=$SESSIONS visits=$VISITS starts=$STARTS addresses=$ADDRESSES app_opts=${APP_OPTS// /_}" >>"$RESULTS"
start_providers --facebook-redirect "http://127.0.0.1:$APP_PORT/callback/facebook" \
	--twitter-callback "http://127.0.0.1:$APP_PORT/callback/twitter"

# The documented settings, pointed at the sandbox providers; the flood's addresses arrive as X-Forwarded-For from
# this machine, named as the proxy (server.forward-headers-strategy and internal-proxies, as DEPLOY's nginx section
# says); the brake stays at its default, 20 starts a minute per address.
ARGS=(
	"--server.port=$APP_PORT"
	"--spring.datasource.url=jdbc:h2:file:$DATA/flood"
	"--server.servlet.session.store-dir=$DATA/sessions"
	"--server.forward-headers-strategy=native"
	"--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"
	"--spring.security.oauth2.client.provider.facebook.authorization-uri=$FACEBOOK_AUTHORIZATION_URI"
	"--spring.security.oauth2.client.provider.facebook.token-uri=$FACEBOOK_TOKEN_URI"
	"--spring.security.oauth2.client.provider.facebook.user-info-uri=$FACEBOOK_USER_INFO_URI"
	"--signin.twitter.request-token-uri=$TWITTER_REQUEST_TOKEN_URI"
	"--signin.twitter.authorize-uri=$TWITTER_AUTHORIZE_URI"
	"--signin.twitter.access-token-uri=$TWITTER_ACCESS_TOKEN_URI"
	"--signin.twitter.user-info-uri=$TWITTER_USER_INFO_URI"
)
[[ $SESSIONS == database ]] && ARGS+=("--signin.sessions.store=database")
read -r -a OPTS <<<"$APP_OPTS"
read -r -a EXTRA <<<"$APP_ARGS"
log "Starting the app: java ${APP_OPTS} -jar $(basename "$JAR") (sessions: $SESSIONS)"
MALLOC_ARENA_MAX=2 java "${OPTS[@]}" -jar "$JAR" "${ARGS[@]}" "${EXTRA[@]}" >"$OUT/app.log" 2>&1 &
APP_PID=$!
STARTED+=("$APP_PID")
if ! wait_first_page "$APP_PID" "$APP_PORT"; then
	echo "The app died at start-up; see $OUT/app.log" >&2
	tail -30 "$OUT/app.log" >&2
	exit 1
fi
log "App up (pid $APP_PID); flooding: $VISITS visits, $STARTS starts from $ADDRESSES addresses, $THREADS threads"

STATUS=0
java -Xmx512m -cp "$TEST_CP" io.github.oauthsignin.bench.FloodDriver --app "http://127.0.0.1:$APP_PORT" \
	--app-pid "$APP_PID" --facebook "$FACEBOOK_BASE" --visits "$VISITS" --starts "$STARTS" \
	--addresses "$ADDRESSES" --threads "$THREADS" --results "$RESULTS" | tee "$OUT/driver.log" || STATUS=$?
if ! kill -0 "$APP_PID" 2>/dev/null; then
	echo "The app is gone; see $OUT/app.log" >&2
	STATUS=1
fi
if grep -q OutOfMemoryError "$OUT/app.log"; then
	echo "OutOfMemoryError in $OUT/app.log" >&2
	STATUS=1
fi
log "Results in $RESULTS"
exit "$STATUS"
}
