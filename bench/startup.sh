#!/usr/bin/env bash
# Start-up of the fat jar, from `java` to the first 200 of /, with launch options that need no code change:
# the JVM as is, C1 only, Spring's lazy initialisation, and an AppCDS archive of the extracted jar (Spring Boot's
# documented way: `-Djarmode=tools extract`, one training run, then -XX:SharedArchiveFile). Each variant starts
# ROUNDS times on the same (migrated, empty) H2 database; wall time and CPU time are printed for each start.
#
#   bench/startup.sh [ROUNDS]     # after ./mvnw -B -q package -DskipTests; about 3 minutes with 2 rounds
{
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
JAR=$(ls target/oauth-signin-*.jar | head -1)
WORK=$(mktemp -d /tmp/oauth-signin-startup.XXXXXX)
PORT=18180
while (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
trap 'rm -rf "$WORK"' EXIT
export FACEBOOK_CLIENT_ID=bench-app-id FACEBOOK_CLIENT_SECRET=bench-app-secret-not-a-real-one
export TWITTER_CONSUMER_KEY=bench-consumer-key TWITTER_CONSUMER_SECRET=bench-consumer-secret-not-a-real-one
ARGS=(--server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$WORK/db/bench")

cpu_ms() { echo $(( $(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}') * 1000 / $(getconf CLK_TCK) )); }

# start NAME java-arguments...: one start, timed to the first 200 of /, then stopped.
start() {
	local name=$1 start_ns pid code=000
	shift
	start_ns=$(date +%s%N)
	java -Xmx256m "$@" "${ARGS[@]}" >"$WORK/$name.log" 2>&1 &
	pid=$!
	until [[ $code == 200 ]]; do
		kill -0 "$pid" 2>/dev/null || { tail -20 "$WORK/$name.log"; exit 1; }
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/" || true)
		[[ $code == 200 ]] || sleep 0.02
	done
	printf '%-28s %6d ms wall %6d ms CPU  (load %s)\n' "$name" $(( ($(date +%s%N) - start_ns) / 1000000 )) \
		"$(cpu_ms "$pid")" "$(cut -d' ' -f1-3 /proc/loadavg)"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

echo "Preparing: first start migrates the database; extracting the jar and training an AppCDS archive"
start migrate -jar "$JAR" >/dev/null
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" >/dev/null
EXTRACTED=$WORK/extracted/$(basename "$JAR")
java -Xmx256m -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" \
	"${ARGS[@]}" >"$WORK/training.log" 2>&1 || true
for round in $(seq 1 "$ROUNDS"); do
	start "as is" -jar "$JAR"
	start "C1 only" -XX:TieredStopAtLevel=1 -jar "$JAR"
	start "lazy initialisation" -jar "$JAR" --spring.main.lazy-initialization=true
	start "extracted + AppCDS" -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$EXTRACTED"
	start "extracted + AppCDS + C1" -XX:SharedArchiveFile="$WORK/app.jsa" -XX:TieredStopAtLevel=1 -jar "$EXTRACTED"
done
exit 0
}
