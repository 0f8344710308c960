#!/usr/bin/env bash
# Start-up of the fat jar, from `java` to the first 200 of /, with launch options that need no code change:
# the JVM as is, C1 only, Spring's lazy initialisation, and an AppCDS archive of the extracted jar (Spring Boot's
# documented way: `-Djarmode=tools extract`, one training run, then -XX:SharedArchiveFile). Each variant starts
# ROUNDS times on the same (migrated, empty) H2 database; wall time and CPU time are printed for each start.
#
#   bench/startup.sh [ROUNDS [AOT_JAR]]   # after ./mvnw -B -q package -DskipTests; about 3 minutes with 2 rounds
#
# AOT_JAR, optional, adds Spring AOT (extracted + AppCDS + -Dspring.aot.enabled=true), an experiment: AOT decides
# at build time which conditional beans exist, and this app decides at start which providers it has, so the jar
# must be built with both providers' variables set, in a copy of the tree (the AOT classes land in target/classes):
#   FACEBOOK_CLIENT_ID=x FACEBOOK_CLIENT_SECRET=x TWITTER_CONSUMER_KEY=x TWITTER_CONSUMER_SECRET=x \
#     ./mvnw -B -q -DskipTests compile spring-boot:process-aot package
{
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/first-page.sh
source bench/lib/first-page.sh
ROUNDS=${1:-2}
AOT_JAR=${2:-}
JAR=$(ls target/oauth-signin-*.jar | head -1)
WORK=$(mktemp -d /tmp/oauth-signin-startup.XXXXXX)
PORT=18180
while (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
trap 'rm -rf "$WORK"' EXIT
export FACEBOOK_CLIENT_ID=bench-app-id FACEBOOK_CLIENT_SECRET=bench-app-secret-not-a-real-one
export TWITTER_CONSUMER_KEY=bench-consumer-key TWITTER_CONSUMER_SECRET=bench-consumer-secret-not-a-real-one
ARGS=(--server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$WORK/db/bench"
	--server.servlet.session.store-dir="$WORK/sessions")

cpu_ms() { echo $(( $(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}') * 1000 / $(getconf CLK_TCK) )); }

# start NAME java-arguments...: one start, timed to the first 200 of /, then stopped.
start() {
	local name=$1 start_ns pid
	shift
	start_ns=$(date +%s%N)
	java -Xmx256m "$@" "${ARGS[@]}" >"$WORK/$name.log" 2>&1 &
	pid=$!
	wait_first_page "$pid" "$PORT" || { tail -20 "$WORK/$name.log"; exit 1; }
	printf '%-28s %6d ms wall %6d ms CPU  (load %s)\n' "$name" $(( ($(date +%s%N) - start_ns) / 1000000 )) \
		"$(cpu_ms "$pid")" "$(cut -d' ' -f1-3 /proc/loadavg)"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

echo "Preparing: first start migrates the database; extracting the jar and training an AppCDS archive"
start migrate -jar "$JAR" >/dev/null
# extract_and_train NAME JAR [java-options...]: extracts JAR into $WORK/NAME and records $WORK/NAME.jsa from one
# start that exits once the context is up; prints the extracted jar's path.
extract_and_train() {
	local name=$1 jar=$2
	shift 2
	java -Djarmode=tools -jar "$jar" extract --destination "$WORK/$name" >/dev/null
	java -Xmx256m "$@" -XX:ArchiveClassesAtExit="$WORK/$name.jsa" -Dspring.context.exit=onRefresh \
		-jar "$WORK/$name/$(basename "$jar")" "${ARGS[@]}" >"$WORK/$name-training.log" 2>&1 || true
	echo "$WORK/$name/$(basename "$jar")"
}
EXTRACTED=$(extract_and_train extracted "$JAR")
[[ -z $AOT_JAR ]] || EXTRACTED_AOT=$(extract_and_train extracted-aot "$AOT_JAR" -Dspring.aot.enabled=true)
for round in $(seq 1 "$ROUNDS"); do
	start "as is" -jar "$JAR"
	start "C1 only" -XX:TieredStopAtLevel=1 -jar "$JAR"
	start "lazy initialisation" -jar "$JAR" --spring.main.lazy-initialization=true
	start "extracted + AppCDS" -XX:SharedArchiveFile="$WORK/extracted.jsa" -jar "$EXTRACTED"
	start "extracted + AppCDS + C1" -XX:SharedArchiveFile="$WORK/extracted.jsa" -XX:TieredStopAtLevel=1 \
		-jar "$EXTRACTED"
	if [[ -n $AOT_JAR ]]; then
		start "extracted + AppCDS + AOT" -Dspring.aot.enabled=true -XX:SharedArchiveFile="$WORK/extracted-aot.jsa" \
			-jar "$EXTRACTED_AOT"
	fi
done
exit 0
}
