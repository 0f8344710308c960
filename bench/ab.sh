#!/usr/bin/env bash
# A/B of two builds of the app, for "experiment:" commits: run-to-run noise on this shared 2-core machine (±10 %)
# hides a 10 % gain between two separate runs, so both apps run side by side, each is warmed up with the same load,
# then their Facebook measurements alternate A, B, A, B, each while the other is idle.
#
#   bench/ab.sh A.jar "A options" B.jar "B options" [WARMUP_S (180)] [MEASURE_S (45)] [ROUNDS (2)]
#   PHASE=home bench/ab.sh …   # signed-in home pages instead of whole sign-ins: the cost of one signed-in request
#
# Options are JVM options (quoted, may be ""). Needs bench/run.sh's build (test classes, target/bench-classpath.txt).
# PHASE is a load driver phase: facebook (default: whole Facebook sign-ins) or home (each browser signs in once,
# then opens the signed-in home page again and again).
{
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR_A=$1 OPTS_A=$2 JAR_B=$3 OPTS_B=$4 WARMUP=${5:-180} MEASURE=${6:-45} ROUNDS=${7:-2}
PHASE=${PHASE:-facebook}
case $PHASE in
	facebook) UNIT=sign-in ;;
	home) UNIT=request ;;
	*) echo "PHASE must be facebook or home" >&2; exit 2 ;;
esac
OUT=$ROOT/target/bench/ab-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/oauth-signin-ab.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait; rm -rf "$DATA"' EXIT
TEST_CP=$ROOT/target/bench-classes:$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench-classpath.txt")
export FACEBOOK_CLIENT_ID=bench-app-id FACEBOOK_CLIENT_SECRET=bench-app-secret-not-a-real-one
export TWITTER_CONSUMER_KEY=bench-consumer-key TWITTER_CONSUMER_SECRET=bench-consumer-secret-not-a-real-one
port() { local p=$1; while (echo >/dev/tcp/127.0.0.1/"$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
PORT_A=$(port 18280)
PORT_B=$(port $((PORT_A + 1)))

java -Xmx1g -cp "$TEST_CP" io.github.oauthsignin.bench.BenchProviders --ready-file "$OUT/providers.env" \
	--facebook-redirect "http://127.0.0.1:$PORT_A/callback/facebook" \
	--facebook-redirect "http://127.0.0.1:$PORT_B/callback/facebook" >"$OUT/providers.log" 2>&1 &
PROVIDERS=$!
PIDS+=("$PROVIDERS")
until [[ -s $OUT/providers.env ]]; do sleep 0.1; done
# shellcheck disable=SC1091
source "$OUT/providers.env"

start() {
	local name=$1 jar=$2 opts=$3 port=$4 o
	read -r -a o <<<"$opts"
	java -cp "$TEST_CP" io.github.oauthsignin.bench.SeedUsers --url "jdbc:h2:file:$DATA/$name/bench" --users 1000 \
		--migrate >/dev/null 2>&1
	java -Xmx256m "${o[@]}" -jar "$jar" --server.port="$port" --management.server.port=0 --spring.datasource.url="jdbc:h2:file:$DATA/$name/bench" \
		--server.servlet.session.store-dir="$DATA/$name/sessions" --signin.brake.starts-per-minute=1000000000 \
		--spring.security.oauth2.client.provider.facebook.authorization-uri="$FACEBOOK_AUTHORIZATION_URI" \
		--spring.security.oauth2.client.provider.facebook.token-uri="$FACEBOOK_TOKEN_URI" \
		--spring.security.oauth2.client.provider.facebook.user-info-uri="$FACEBOOK_USER_INFO_URI" \
		--signin.twitter.request-token-uri="$TWITTER_REQUEST_TOKEN_URI" \
		--signin.twitter.authorize-uri="$TWITTER_AUTHORIZE_URI" \
		--signin.twitter.access-token-uri="$TWITTER_ACCESS_TOKEN_URI" \
		--signin.twitter.user-info-uri="$TWITTER_USER_INFO_URI" >"$OUT/$name.log" 2>&1 &
	PIDS+=("$!")
	eval "PID_$name=$!"
	until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true) == 200 ]]; do sleep 0.1; done
}

drive() {
	local name=$1 port=$2 pid=$3 warmup=$4 duration=$5
	java -Xmx512m -cp "$TEST_CP" io.github.oauthsignin.bench.LoadDriver --app "http://127.0.0.1:$port" \
		--app-pid "$pid" --providers-pid "$PROVIDERS" --provider "$FACEBOOK_BASE" --provider "$TWITTER_BASE" \
		--phases "$PHASE" --seeded 1000 --warmup "$warmup" --duration "$duration" --label "$name" \
		--results "$OUT/results.txt" | grep -E "(sign-ins|requests) in|CPU per|resident"
}

start A "$JAR_A" "$OPTS_A" "$PORT_A"
start B "$JAR_B" "$OPTS_B" "$PORT_B"
sleep 20
echo "A: $JAR_A $OPTS_A"
echo "B: $JAR_B $OPTS_B"
echo "phase: $PHASE"
echo "warm-up A"; drive A-warm-up "$PORT_A" "$PID_A" "$WARMUP" 10
echo "warm-up B"; drive B-warm-up "$PORT_B" "$PID_B" "$WARMUP" 10
for round in $(seq 1 "$ROUNDS"); do
	echo "round $round A"; drive A "$PORT_A" "$PID_A" 5 "$MEASURE"
	echo "round $round B"; drive B "$PORT_B" "$PID_B" 5 "$MEASURE"
done
awk -v unit="$UNIT" '$1 == "RESULT" && ($3 == "label=A" || $3 == "label=B") {
	split($3, l, "="); for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "app_cpu_per") c = kv[2];
	if (kv[1] == "app_cpu_nojit_per") n = kv[2]; if (kv[1] == "rate") r = kv[2]; if (kv[1] == "rss_mb") m = kv[2] }
	cpu[l[2]] += c; nojit[l[2]] += n; rate[l[2]] += r; rss[l[2]] = m; count[l[2]]++ }
	END { for (k in count) printf "AB %s: %.3f ms app CPU per %s (%.3f without JIT), %.1f %ss/s, RSS %d MB, mean of %d\n",
		k, cpu[k] / count[k], unit, nojit[k] / count[k], rate[k] / count[k], unit, rss[k], count[k] }' "$OUT/results.txt" \
	| sort | tee "$OUT/ab.txt"
exit 0
}
