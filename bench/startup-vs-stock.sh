#!/usr/bin/env bash
# Issue 15's start-up target: the first page after `java -jar` against the stock oauth2Login baseline's, in one run,
# each in its default configuration (ours: sessions in memory on H2; the baseline: Spring Boot's in-memory
# sessions), each on its own migrated H2 file, with the same Facebook and X credentials, started in turn:
#   ours, fat jar      java -jar target/oauth-signin-*.jar           (classes read from jars nested in the jar)
#   ours, extracted    java -jar <extracted>/oauth-signin-*.jar      (Spring Boot's production layout: plain jars)
#   stock, fat jar     java -jar <work>/stock-fat.jar                (our fat jar with the baseline's classes added
#                                                                    and its Start-Class: the same nested jars)
#   stock, thin jar    java -jar <work>/stock.jar                    (a thin jar whose manifest's Class-Path names
#                                                                    plain jars and folders, as the extracted layout)
# Time from launching java to the first 200 of / (bench/lib/first-page.sh), and the CPU the process used by then.
#
#   bench/startup-vs-stock.sh [ROUNDS (5)]    # after bench/run.sh's build (or ./mvnw -B -q package -DskipTests)
{
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/first-page.sh
source bench/lib/first-page.sh
ROUNDS=${1:-5}
ROOT=$(pwd)
JAR=$(ls "$ROOT"/target/oauth-signin-*.jar | grep -v -- '-plain' | head -1)
WORK=$(mktemp -d /tmp/oauth-signin-startup.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CLASSPATH_FILE=$ROOT/target/bench-classpath.txt
[[ -s $CLASSPATH_FILE ]] || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null
TEST_CP=$ROOT/target/bench-classes:$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")
PORT=18380
while (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
export FACEBOOK_CLIENT_ID=bench-app-id FACEBOOK_CLIENT_SECRET=bench-app-secret-not-a-real-one
export TWITTER_CONSUMER_KEY=bench-consumer-key TWITTER_CONSUMER_SECRET=bench-consumer-secret-not-a-real-one
COMMON=(--server.port="$PORT"
	--spring.security.oauth2.client.registration.facebook.client-id="$FACEBOOK_CLIENT_ID"
	--spring.security.oauth2.client.registration.facebook.client-secret="$FACEBOOK_CLIENT_SECRET")
# The baseline runs from target/classes, where our session-store chooser is registered: told "database" it does
# nothing, and Spring Boot's default (Tomcat's sessions, not persisted) is set by Boot's own means.
# The baseline's actuator where stock Spring Boot has it, on the app's own port (ours: its own operator port, as shipped).
STOCK=(--management.server.port="$PORT" --signin.sessions.store=database
	--spring.autoconfigure.exclude=org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration
	--server.servlet.session.persistent=false)

cpu_ms() { echo $(( $(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}') * 1000 / $(getconf CLK_TCK) )); }

# start NAME java-arguments...: one start on NAME's database, timed to the first 200 of /, then stopped.
start() {
	local name=$1 start_ns pid ms
	shift
	start_ns=$(date +%s%N)
	java -Xmx256m "$@" >"$WORK/$name.log" 2>&1 &
	pid=$!
	wait_first_page "$pid" "$PORT" || { tail -20 "$WORK/$name.log" >&2; exit 1; }
	ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
	printf 'FIRSTPAGE variant=%s ms=%d cpu_ms=%d load=%s\n' "$name" "$ms" "$(cpu_ms "$pid")" \
		"$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" | tee -a "$WORK/results.txt"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

ours() { local db=$1; shift; echo -jar "$@" "${COMMON[@]}" --spring.datasource.url="jdbc:h2:file:$WORK/$db/bench" \
	--server.servlet.session.store-dir="$WORK/$db/sessions"; }

java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" >/dev/null
# The baseline as a thin jar like the extracted one: Main-Class and a Class-Path of the same plain jars and folders.
echo "Main-Class: io.github.stockoauth2login.StockOAuth2LoginApplication" >"$WORK/stock.mf"
{
	printf 'Class-Path:'
	tr ':' '\n' <<<"$TEST_CP" | while read -r entry; do
		[[ -d $entry ]] && entry=$entry/
		printf ' file:%s' "$entry"
	done
	echo
} | fold -w 70 | sed '2,$s/^/ /' >>"$WORK/stock.mf"
mkdir -p "$WORK/empty"
jar --create --file "$WORK/stock.jar" --manifest "$WORK/stock.mf" -C "$WORK/empty" .
STOCK_JAR=(-jar "$WORK/stock.jar")
# The baseline as a Spring Boot fat jar: ours, with the baseline's classes and templates added and its Start-Class.
mkdir -p "$WORK/stock-fat"
(cd "$WORK/stock-fat" && jar --extract --file "$JAR")
cp -r "$ROOT"/target/bench-classes/. "$WORK/stock-fat/BOOT-INF/classes/"
sed -i 's/^Start-Class: .*/Start-Class: io.github.stockoauth2login.StockOAuth2LoginApplication\r/' \
	"$WORK/stock-fat/META-INF/MANIFEST.MF"
# Stored, not compressed: Spring Boot's launcher reads the nested jars in place.
jar --create --no-compress --file "$WORK/stock-fat.jar" --manifest "$WORK/stock-fat/META-INF/MANIFEST.MF" \
	-C "$WORK/stock-fat" .
STOCK_FAT=(-jar "$WORK/stock-fat.jar")
EXTRACTED=$WORK/extracted/$(basename "$JAR")
echo "Preparing: one start of each migrates its database"
# shellcheck disable=SC2046
start migrate-fat $(ours fat "$JAR") >/dev/null
# shellcheck disable=SC2046
start migrate-extracted $(ours extracted "$EXTRACTED") >/dev/null
start migrate-stock "${STOCK_JAR[@]}" "${COMMON[@]}" "${STOCK[@]}" \
	--spring.datasource.url="jdbc:h2:file:$WORK/stock/bench" >/dev/null
start migrate-stock-fat "${STOCK_FAT[@]}" "${COMMON[@]}" "${STOCK[@]}" \
	--spring.datasource.url="jdbc:h2:file:$WORK/stock-fat-db/bench" >/dev/null
: >"$WORK/results.txt"
for _ in $(seq 1 "$ROUNDS"); do
	# shellcheck disable=SC2046
	start ours-fat-jar $(ours fat "$JAR")
	# shellcheck disable=SC2046
	start ours-extracted $(ours extracted "$EXTRACTED")
	start stock-fat-jar "${STOCK_FAT[@]}" "${COMMON[@]}" "${STOCK[@]}" \
		--spring.datasource.url="jdbc:h2:file:$WORK/stock-fat-db/bench"
	start stock-thin-jar "${STOCK_JAR[@]}" "${COMMON[@]}" "${STOCK[@]}" \
		--spring.datasource.url="jdbc:h2:file:$WORK/stock/bench"
done
# The median of each variant's wall and CPU times.
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
	n[f["variant"]]++; ms[f["variant"], n[f["variant"]]] = f["ms"]; cpu[f["variant"], n[f["variant"]]] = f["cpu_ms"] }
	function median(a, v, k,   i, j, t, s) { for (i = 1; i <= k; i++) s[i] = a[v, i]
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
		return (k % 2) ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2 }
	END { for (v in n) printf "MEDIAN variant=%s starts=%d ms=%d cpu_ms=%d\n", v, n[v], median(ms, v, n[v]), median(cpu, v, n[v]) }' \
	"$WORK/results.txt" | sort
exit 0
}
