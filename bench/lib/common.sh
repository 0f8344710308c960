# Sourced by bench/run.sh and bench/flood.sh: what both do the same way. They set ROOT, OUT, DATA and STARTED (the
# pids to stop at exit) before using these.

# The app credentials the sandbox providers and our jar share (not real ones).
export FACEBOOK_CLIENT_ID=bench-app-id
export FACEBOOK_CLIENT_SECRET=bench-app-secret-not-a-real-one
export TWITTER_CONSUMER_KEY=bench-consumer-key
export TWITTER_CONSUMER_SECRET=bench-consumer-secret-not-a-real-one

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# Stops every process the script started, then removes its temporary data; the script's EXIT trap.
cleanup() {
	local pid
	for pid in "${STARTED[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${STARTED[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$DATA"
}

# bench_classpath: sets TEST_CP, the bench's classes, the test classes (the fakes), the app's classes and every
# dependency (written once by Maven to target/bench-classpath.txt, again when pom.xml changes).
bench_classpath() {
	local classpath_file=$ROOT/target/bench-classpath.txt
	if [[ ! -s $classpath_file || $ROOT/pom.xml -nt $classpath_file ]]; then
		./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
	fi
	TEST_CP=$ROOT/target/bench-classes:$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$classpath_file")
}

# start_providers [BenchProviders options]: the sandbox providers in a JVM of their own; once they listen, their
# endpoints are sourced from $OUT/providers.env (FACEBOOK_BASE, FACEBOOK_TOKEN_URI, …). Sets PROVIDERS_PID.
start_providers() {
	java -Xmx1g -cp "$TEST_CP" io.github.oauthsignin.bench.BenchProviders --ready-file "$OUT/providers.env" "$@" \
		>"$OUT/providers.log" 2>&1 &
	PROVIDERS_PID=$!
	STARTED+=("$PROVIDERS_PID")
	for _ in $(seq 1 300); do
		[[ -s $OUT/providers.env ]] && break
		kill -0 "$PROVIDERS_PID" 2>/dev/null || { cat "$OUT/providers.log" >&2; exit 1; }
		sleep 0.1
	done
	# shellcheck disable=SC1091
	source "$OUT/providers.env"
}
