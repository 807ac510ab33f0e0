#!/bin/sh
# bench.sh runs the benchmarks of bench_test.go and compares the package
# with aws-sdk-go-v2 (and encoding/json) using benchstat.
#
#   scripts/bench.sh                 # 10 rounds, 1s per benchmark (about 10 minutes)
#   COUNT=6 BENCHTIME=0.5s scripts/bench.sh
#   BENCH='Decode$' scripts/bench.sh # a subset (a -test.bench regexp, after "Benchmark")
#   OUT=results.txt scripts/bench.sh # keep the raw results
#
# The test binary is built once and run COUNT times, each run going through
# every benchmark once, so that the implementations compared in a table are
# measured close together in time: on a shared, noisy machine only ratios
# taken within one run mean anything. benchstat reports medians with 95%
# confidence intervals; the ratio tables at the end divide medians.
# BenchmarkDecodePaired goes further: it times Unmarshal and the SDK's
# deserializer in alternation, iteration by iteration, and reports the
# ratio of their times (the ours/sdk column), which moves much less from
# run to run than the ratio of two benchmarks run one after the other.
#
# benchstat is used from PATH or $(go env GOPATH)/bin; otherwise it runs
# through "go run golang.org/x/perf/cmd/benchstat@latest", which leaves this
# module's go.mod alone.
set -eu

cd "$(dirname "$0")/.."

COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-1s}
BENCH=${BENCH:-'(Decode|DecodePaired|DecodeHistory|Validate|Build|Clone|Timeline)$'}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
OUT=${OUT:-$tmp/results.txt}

if command -v benchstat >/dev/null 2>&1; then
	benchstat=benchstat
elif [ -x "$(go env GOPATH)/bin/benchstat" ]; then
	benchstat="$(go env GOPATH)/bin/benchstat"
else
	benchstat="go run golang.org/x/perf/cmd/benchstat@latest"
fi

go test -c -o "$tmp/trainingjob.test" .
: >"$OUT"
i=1
while [ "$i" -le "$COUNT" ]; do
	echo "round $i of $COUNT" >&2
	# The binary runs in the package directory, where testdata/ is.
	if ! "$tmp/trainingjob.test" -test.run '^$' -test.bench "^Benchmark$BENCH" \
		-test.benchmem -test.count 1 -test.benchtime "$BENCHTIME" >"$tmp/round.txt" 2>&1; then
		cat "$tmp/round.txt" >&2
		exit 1
	fi
	cat "$tmp/round.txt" >>"$OUT"
	i=$((i + 1))
done

section() { printf '\n## %s\n\n' "$1"; }

# ratios FILTER BASE OTHER: for each benchmark and unit, median(OTHER) /
# median(BASE), from benchstat's CSV output.
ratios() {
	$benchstat -format csv -filter "$1" -col "/impl@($2 $3)" "$OUT" 2>/dev/null | awk -F, -v label="$3/$2" '
		$1 == "" && $2 != "" && $2 != "'"$2"'" { unit = $2; next }
		unit == "B/s" || unit == "sec/entry" { next }
		$1 == "" || $1 == "geomean" || NF < 4 { next }
		{
			name = $1; sub(/-[0-9]+$/, "", name)
			if ($2 + 0 == 0) next
			printf "%-34s %-10s %-30s %6.3f\n", name, unit, label, $4 / $2
		}'
}

section "Decode: sdk = the SDK's protocol deserializer (awsJson 1.1), ours = trainingjob.Unmarshal"
$benchstat -filter '.name:Decode' -col '/impl@(sdk ours sdk-client encoding-json)' "$OUT"

section "Decode paired: Unmarshal and the SDK's deserializer timed in alternation (ours/sdk is the ratio of their times)"
$benchstat -filter '.name:DecodePaired' "$OUT"

section "Decode scaling with the history length (ns/entry is ns/op divided by the entries)"
$benchstat -filter '.name:DecodeHistory' -col '/impl@(sdk ours)' "$OUT"

section "Build the small job: SDK literal, builder (Build, BuildUnchecked), Clone"
$benchstat -filter '.name:Build' -col '/impl@(sdk-literal builder builder-unchecked clone)' "$OUT"

section "Validate, Clone, Timeline"
$benchstat -filter '.name:(Validate OR Clone OR Timeline)' "$OUT"

section "Ratios of medians (targets: decode small <= 0.38, large <= 0.18 of sdk sec/op, allocs <= 0.25; the builder and Clone have none)"
printf '%-34s %-10s %-30s %6s\n' benchmark unit ratio value
ratios '.name:Decode' sdk ours
ratios '.name:Decode' sdk-client ours
ratios '.name:Decode' encoding-json ours
ratios '.name:DecodeHistory' sdk ours
ratios '.name:Build' sdk-literal builder
ratios '.name:Build' sdk-literal builder-unchecked
ratios '.name:Build' builder clone
