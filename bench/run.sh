#!/usr/bin/env bash
# The sign-in benchmark: how fast and how lean a sign-in is, against Spring Security's own oauth2Login.
# See bench/README.md for what is measured and how. Not part of ./mvnw verify.
#
#   bench/run.sh                       # the default run, about 10 minutes
#   bench/run.sh --sign-ins 100000     # our Facebook phase runs 100,000 sign-ins (memory after a long run)
#
# Options: --browsers N (32) --warmup S (20) --duration S (30) --sign-ins N (0: by duration)
#          --new-fraction F (0.25) --users N (1000) --growth-users N (1000000; 0 skips the growth run)
#          --phases LIST (facebook,passkey,twitter,oidc,home: our app's phases) --no-baseline --no-profile --skip-build
#          --sessions default|database (default: each app as configured out of the box, ours in memory on H2 and
#            the baseline with Boot's in-memory sessions; database: both on Spring Session JDBC)
#          --no-fresh-start (skip timing a start-up on an empty database)
#          --app-opts "JVM OPTIONS" --app-args "--more=properties" (our app only, for experiments)
#          --extracted (run our jar extracted with -Djarmode=tools, as Spring Boot advises for production)
#          --out DIR (target/bench/<time>)
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run cannot derail the run.
{
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/first-page.sh
source bench/lib/first-page.sh
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh
ROOT=$(pwd)

BROWSERS=32
WARMUP=20
DURATION=30
SIGN_INS=0
NEW_FRACTION=0.25
USERS=1000
GROWTH_USERS=1000000
BASELINE=1
PROFILE=1
BUILD=1
FRESH_START=1
EXTRACTED=0
PHASES=facebook,passkey,twitter,oidc,home
SESSIONS=default
APP_OPTS=""
APP_ARGS=""
OUT=""
while [[ $# -gt 0 ]]; do
	case "$1" in
		--browsers) BROWSERS=$2; shift 2 ;;
		--warmup) WARMUP=$2; shift 2 ;;
		--duration) DURATION=$2; shift 2 ;;
		--sign-ins) SIGN_INS=$2; shift 2 ;;
		--new-fraction) NEW_FRACTION=$2; shift 2 ;;
		--users) USERS=$2; shift 2 ;;
		--growth-users) GROWTH_USERS=$2; shift 2 ;;
		--no-baseline) BASELINE=0; shift ;;
		--no-profile) PROFILE=0; shift ;;
		--skip-build) BUILD=0; shift ;;
		--no-fresh-start) FRESH_START=0; shift ;;
		--extracted) EXTRACTED=1; shift ;;
		--phases) PHASES=$2; shift 2 ;;
		--sessions) SESSIONS=$2; shift 2 ;;
		--app-opts) APP_OPTS=$2; shift 2 ;;
		--app-args) APP_ARGS=$2; shift 2 ;;
		--out) OUT=$2; shift 2 ;;
		-h|--help) sed -n '2,17p' "$0"; exit 0 ;;
		*) echo "Unknown option $1 (try --help)" >&2; exit 2 ;;
	esac
done

OUT=${OUT:-$ROOT/target/bench/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: > "$RESULTS"
DATA=$(mktemp -d /tmp/oauth-signin-bench.XXXXXX)
STARTED=()
trap cleanup EXIT

# ---------------------------------------------------------------- build

if [[ $BUILD == 1 ]]; then
	log "Building the fat jar and the test classes (load $(cut -d' ' -f1-3 /proc/loadavg))"
	./mvnw -B -q package -DskipTests
fi
JAR=$(ls "$ROOT"/target/oauth-signin-*.jar | grep -v -- '-plain' | head -1)
if [[ $EXTRACTED == 1 ]]; then
	java -Djarmode=tools -jar "$JAR" extract --force --destination "$DATA/extracted" >/dev/null
	JAR=$DATA/extracted/$(basename "$JAR")
fi
bench_classpath

# ---------------------------------------------------------------- helpers

free_port() {
	local port=$1
	while (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do
		port=$((port + 1))
	done
	echo "$port"
}

APP_PORT=$(free_port 18080)
STOCK_PORT=$(free_port $((APP_PORT + 1)))

# Milliseconds of CPU (user + system) a process has used so far.
cpu_ms() {
	local ticks
	ticks=$(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}')
	echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

# The same properties for our jar and for the baseline: the documented ones, pointed at the sandbox providers. The
# baseline knows no FACEBOOK_CLIENT_ID: it takes Spring Boot's standard registration properties, which ours reads too.
# Then what differs: ours also has Bench ID, an OpenID Connect provider configured by the standard properties (the
# baseline's page links Facebook only); and the session store (--sessions). The baseline runs from target/classes,
# where our session-store chooser (SessionStoreEnvironmentPostProcessor) is registered too: it is told
# "database" so that it does nothing there, and the baseline's store is set by Spring Boot's own means. The brake on
# sign-in starts (20 a minute per client address) is lifted: the 32 virtual browsers all come from 127.0.0.1, where a
# real site's visitors each have an address of their own.
provider_args() {
	local kind=$1 port=$2 db=$3
	printf '%s\n' \
		"--server.port=$port" \
		"--management.server.port=0" \
		"--spring.datasource.url=jdbc:h2:file:$db/bench" \
		"--server.servlet.session.store-dir=$db/sessions" \
		"--signin.brake.starts-per-minute=1000000000" \
		"--spring.security.oauth2.client.registration.facebook.client-id=$FACEBOOK_CLIENT_ID" \
		"--spring.security.oauth2.client.registration.facebook.client-secret=$FACEBOOK_CLIENT_SECRET" \
		"--spring.security.oauth2.client.provider.facebook.authorization-uri=$FACEBOOK_AUTHORIZATION_URI" \
		"--spring.security.oauth2.client.provider.facebook.token-uri=$FACEBOOK_TOKEN_URI" \
		"--spring.security.oauth2.client.provider.facebook.user-info-uri=$FACEBOOK_USER_INFO_URI" \
		"--signin.twitter.request-token-uri=$TWITTER_REQUEST_TOKEN_URI" \
		"--signin.twitter.authorize-uri=$TWITTER_AUTHORIZE_URI" \
		"--signin.twitter.access-token-uri=$TWITTER_ACCESS_TOKEN_URI" \
		"--signin.twitter.user-info-uri=$TWITTER_USER_INFO_URI"
	if [[ $kind == ours ]]; then
		printf '%s\n' \
			"--spring.security.oauth2.client.registration.bench-id.client-id=bench-id-client" \
			"--spring.security.oauth2.client.registration.bench-id.client-secret=bench-id-secret-not-a-real-one" \
			"--spring.security.oauth2.client.registration.bench-id.client-name=Bench ID" \
			"--spring.security.oauth2.client.registration.bench-id.scope=openid,profile,email" \
			"--spring.security.oauth2.client.provider.bench-id.issuer-uri=$BENCH_ID_ISSUER_URI"
		[[ $SESSIONS == database ]] && echo "--signin.sessions.store=database"
	else
		echo "--signin.sessions.store=database"
		# Spring Boot's default: Tomcat's in-memory sessions, not written anywhere at shutdown.
		[[ $SESSIONS == default ]] && printf '%s\n' \
			"--spring.autoconfigure.exclude=org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration" \
			"--server.servlet.session.persistent=false"
	fi
	return 0
}

# start_app LABEL KIND(ours|stock) DB: starts an app, waits for the first 200 of /, records how long it took;
# its pid is left in APP_PID.
APP_PID=""
start_app() {
	local label=$1 kind=$2 db=$3 port args extra opts start_ns elapsed_ms
	port=$([[ $kind == ours ]] && echo "$APP_PORT" || echo "$STOCK_PORT")
	mapfile -t args < <(provider_args "$kind" "$port" "$db")
	start_ns=$(date +%s%N)
	read -r -a profiling <<<"${START_OPTS:-}"
	if [[ $kind == ours ]]; then
		read -r -a opts <<<"$APP_OPTS"
		read -r -a extra <<<"$APP_ARGS"
		java -Xmx256m -XX:+ExitOnOutOfMemoryError "${profiling[@]}" "${opts[@]}" -jar "$JAR" "${args[@]}" "${extra[@]}" >"$OUT/$label.log" 2>&1 &
	else
		java -Xmx256m -XX:+ExitOnOutOfMemoryError "${profiling[@]}" -cp "$TEST_CP" io.github.stockoauth2login.StockOAuth2LoginApplication \
			"${args[@]}" >"$OUT/$label.log" 2>&1 &
	fi
	APP_PID=$!
	STARTED+=("$APP_PID")
	if ! wait_first_page "$APP_PID" "$port"; then
		echo "The app ($label) died at start-up; see $OUT/$label.log" >&2
		tail -30 "$OUT/$label.log" >&2
		exit 1
	fi
	elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
	local cpu rss load
	cpu=$(cpu_ms "$APP_PID")
	rss=$(rss_mb "$APP_PID")
	load=$(cut -d' ' -f1-3 /proc/loadavg)
	log "$label: first 200 of / after $elapsed_ms ms ($cpu ms CPU, $rss MB resident, load $load)"
	echo "STARTUP label=$label kind=$kind ms=$elapsed_ms cpu_ms=$cpu rss_mb=$rss load=${load// //}" >>"$RESULTS"
}

# settle PID...: waits (up to 60 s) until each app is idle, under 5 % of a core for 2 s: a JVM just started keeps
# compiling for a while, and that CPU would be taken from whichever app is measured next.
settle() {
	local pid before after
	for pid in "$@"; do
		for _ in $(seq 1 30); do
			before=$(cpu_ms "$pid")
			sleep 2
			after=$(cpu_ms "$pid")
			(( after - before < 100 )) && break
		done
	done
	log "Apps idle (load $(cut -d' ' -f1-3 /proc/loadavg))"
}

stop_app() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# result_field LABEL PHASE FIELD: a field of the last RESULT line of that label and phase.
result_field() {
	awk -v label="$1" -v phase="$2" -v field="$3" '
		$1 == "RESULT" && index($0, " phase=" phase " ") && index($0, " label=" label " ") {
			for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == field) value = kv[2] }
		}
		END { print value }' "$RESULTS"
}

seed() {
	local db=$1 users=$2 migrate=${3:-}
	log "Seeding $users users into $db ${migrate:+(schema by Flyway first)}"
	java -Xmx512m -cp "$TEST_CP" io.github.oauthsignin.bench.SeedUsers --url "jdbc:h2:file:$db/bench" \
		--users "$users" $migrate | tee -a "$OUT/seed.log"
}

# drive LABEL PID PORT USERS PHASES [driver options]: the load driver against one app.
drive() {
	local label=$1 pid=$2 port=$3 users=$4 phases=$5
	shift 5
	java -Xmx512m -cp "$TEST_CP" io.github.oauthsignin.bench.LoadDriver \
		--app "http://127.0.0.1:$port" --app-pid "$pid" --providers-pid "$PROVIDERS_PID" \
		--provider "$FACEBOOK_BASE" --provider "$TWITTER_BASE" --provider "$BENCH_ID_BASE" \
		--phases "$phases" --browsers "$BROWSERS" --warmup "$WARMUP" --duration "$DURATION" \
		--new-fraction "$NEW_FRACTION" --seeded "$users" --label "$label" --results "$RESULTS" "$@" \
		| tee -a "$OUT/driver.log"
}

# The profile comes from an app of its own, started with JFR and driven like the measured one: JFR started later
# instruments the JDK's file and socket classes and throws away the code compiled so far (this app then needs
# minutes of load to compile it again), and JFR running through the measured phases would raise their CPU (by a
# third here, with samples every 5 ms: bench/cpu.jfc). JFR_OPTS are its options.
JFR_OPTS="-XX:StartFlightRecording=name=bench,settings=$ROOT/bench/cpu.jfc,maxage=15m"

# profile LABEL KIND DB PHASE USERS: start the app with JFR, warm it up and measure it like the others, then say
# where its CPU went during the measured window (the dump holds whole chunks, start-up included: JfrSummary keeps
# the samples of the window's last SECONDS; the idle seconds after it add none).
profile() {
	local label=$1 kind=$2 db=$3 phase=$4 users=$5 port seconds
	port=$([[ $kind == ours ]] && echo "$APP_PORT" || echo "$STOCK_PORT")
	START_OPTS=$JFR_OPTS start_app "$label" "$kind" "$db"
	START_OPTS=""
	settle "$APP_PID"
	drive "$label" "$APP_PID" "$port" "$users" "$phase"
	seconds=$(result_field "$label" "$phase" seconds)
	jcmd "$APP_PID" JFR.dump name=bench filename="$OUT/$label.jfr" >/dev/null
	{
		echo "## $label, $phase: where the app's CPU goes"
		echo "(measured window with JFR on: $(result_field "$label" "$phase" app_cpu_per) ms of app CPU per" \
			"sign-in, $(result_field "$label" "$phase" app_cpu_nojit_per) ms without the JIT compilers)"
		java -cp "$TEST_CP" io.github.oauthsignin.bench.JfrSummary "$OUT/$label.jfr" \
			--cpu-per "$(result_field "$label" "$phase" app_cpu_nojit_per)" --last "${seconds%.*}"
		echo
	} | tee -a "$OUT/profile.txt"
	stop_app "$APP_PID"
}

# ---------------------------------------------------------------- the sandbox providers, in a JVM of their own

log "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "MACHINE cores=$(nproc) java=$(java -version 2>&1 | head -1 | tr ' ' '_') load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/') sessions=$SESSIONS" >>"$RESULTS"
start_providers --facebook-redirect "http://127.0.0.1:$APP_PORT/callback/facebook" \
	--facebook-redirect "http://127.0.0.1:$STOCK_PORT/login/oauth2/code/facebook" \
	--twitter-callback "http://127.0.0.1:$APP_PORT/callback/twitter" \
	--bench-id-redirect "http://127.0.0.1:$APP_PORT/callback/bench-id"
log "Providers: Facebook $FACEBOOK_BASE, X $TWITTER_BASE"

# ---------------------------------------------------------------- our app and the baseline, side by side

# Our jar once on an empty database: start-up with Flyway creating the schema. Then the users are seeded.
mkdir -p "$DATA/ours" "$DATA/stock"
if [[ $FRESH_START == 1 ]]; then
	start_app ours-fresh-db ours "$DATA/ours"
	stop_app "$APP_PID"
	seed "$DATA/ours" "$USERS"
else
	seed "$DATA/ours" "$USERS" --migrate
fi
start_app ours ours "$DATA/ours"
OURS_PID=$APP_PID
if [[ $BASELINE == 1 ]]; then
	# The baseline's schema comes from the same Flyway migrations. Both apps stay up, and their phases follow each
	# other closely, so that they are compared under as similar a machine load as this machine allows; the one
	# not driven is idle, and each app's CPU is read from its own process.
	seed "$DATA/stock" "$USERS" --migrate
	start_app stock stock "$DATA/stock"
	STOCK_PID=$APP_PID
fi
START_OPTS=""

if [[ $BASELINE == 1 ]]; then settle "$OURS_PID" "$STOCK_PID"; else settle "$OURS_PID"; fi
IFS=, read -r -a OUR_PHASES <<<"$PHASES"
for phase in "${OUR_PHASES[@]}"; do
	if [[ $phase == facebook && $SIGN_INS -gt 0 ]]; then
		drive ours "$OURS_PID" "$APP_PORT" "$USERS" facebook --sign-ins "$SIGN_INS"
	else
		drive ours "$OURS_PID" "$APP_PORT" "$USERS" "$phase"
	fi
	if [[ $BASELINE == 1 && ($phase == facebook || $phase == home) ]]; then
		drive stock "$STOCK_PID" "$STOCK_PORT" "$USERS" "stock-$phase"
	fi
done
echo "RSS label=ours after=all-phases rss_mb=$(rss_mb "$OURS_PID")" >>"$RESULTS"
stop_app "$OURS_PID"
if [[ $BASELINE == 1 ]]; then
	echo "RSS label=stock after=all-phases rss_mb=$(rss_mb "$STOCK_PID")" >>"$RESULTS"
	stop_app "$STOCK_PID"
fi

# ---------------------------------------------------------------- where the CPU goes (ours; the baseline's with
# PROFILE_BASELINE=1 in the environment)

if [[ $PROFILE == 1 ]]; then
	mkdir -p "$DATA/profiled" "$DATA/stock-profiled"
	seed "$DATA/profiled" "$USERS" --migrate
	profile ours-profiled ours "$DATA/profiled" facebook "$USERS"
	if [[ $BASELINE == 1 && ${PROFILE_BASELINE:-0} == 1 ]]; then
		seed "$DATA/stock-profiled" "$USERS" --migrate
		profile stock-profiled stock "$DATA/stock-profiled" stock-facebook "$USERS"
	fi
fi

# ---------------------------------------------------------------- growth: the same with many more users

# The same Facebook run on two fresh apps alone on the machine, one over USERS users and one over GROWTH_USERS,
# measured the same way one after the other.
if [[ $GROWTH_USERS -gt 0 ]]; then
	for users in "$USERS" "$GROWTH_USERS"; do
		mkdir -p "$DATA/growth-$users"
		seed "$DATA/growth-$users" "$users" --migrate
		start_app "ours-$users-users" ours "$DATA/growth-$users"
		settle "$APP_PID"
		drive "ours-$users-users" "$APP_PID" "$APP_PORT" "$users" facebook
		stop_app "$APP_PID"
	done
fi

kill "$PROVIDERS_PID" 2>/dev/null || true
wait "$PROVIDERS_PID" 2>/dev/null || true
grep -E '^PROVIDER|refused' "$OUT/providers.log" | tee -a "$RESULTS" || true

java -cp "$TEST_CP" io.github.oauthsignin.bench.BenchReport "$RESULTS" | tee "$OUT/report.md"
exit 0
}
