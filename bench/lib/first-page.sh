# Sourced by the bench scripts. wait_first_page PID PORT: returns once GET / on 127.0.0.1:PORT answers 200, or
# fails as soon as process PID is gone. It polls every 20 ms with bash built-ins only (a fifo read as the sleep,
# /dev/tcp as the client): a poller that starts curl 50 times a second takes a share of two cores from the JVM it
# is timing, and made start-up look 1 to 4 s slower here.
wait_first_page() {
	local pid=$1 port=$2 status="" state tick tick_fd http_fd
	tick=$(mktemp -u /tmp/first-page.XXXXXX)
	mkfifo "$tick"
	exec {tick_fd}<>"$tick"
	rm -f "$tick"
	until [[ $status == *" 200 "* ]]; do
		# Gone, or a zombie (exited, not yet reaped by the script that started it).
		state=Z
		read -r _ _ state _ 2>/dev/null <"/proc/$pid/stat" || true
		if [[ $state == Z ]]; then
			exec {tick_fd}>&-
			return 1
		fi
		read -r -t 0.02 -u "$tick_fd" _ || true
		if { exec {http_fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
			printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&"$http_fd"
			read -r -t 5 status <&"$http_fd" || status=""
			exec {http_fd}>&-
		fi
	done
	exec {tick_fd}>&-
}
