#!/usr/bin/env bash
# Runs every fuzz target of the module, one after another, each for the
# given time beyond its seeds (default 10s): `scripts/fuzz.sh 10m` is a long
# campaign, .ci/run uses a short run. Go fuzzes one target per invocation.
#
# FUZZ_PARALLEL sets the number of fuzzing workers per target (default 1,
# so the run leaves the other cores alone). FUZZ_ONLY, a regular expression
# (bash's =~, so use | between names), restricts the run to the targets it
# matches; matching none is an error.
#
# FUZZ_MINIMIZETIME bounds the time the fuzzer spends shrinking each new
# interesting input before it goes on mutating (go test's -fuzzminimizetime,
# a duration or a count such as 100x; default 1s). Go's own default, 60s,
# lets minimising eat most of a short run: with it (and larger seeds)
# FuzzUnmarshal found 2 new inputs in 90 s, with 1s 107. The bound holds for a
# crasher too, which may then be written less small than it could be; it
# fails the same way.
#
# A crasher is written to the package's testdata/fuzz/<Target>/; commit it
# as a seed together with the fix. The script stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${1:-10s}
parallel=${FUZZ_PARALLEL:-1}
minimize=${FUZZ_MINIMIZETIME:-1s}
only=${FUZZ_ONLY:-.}

# Every fuzz target, as "package target". Keep this list complete: the
# check below fails when a Fuzz function is missing from it.
targets=(
	". FuzzUnmarshal"
	". FuzzReadDocument"
	". FuzzUnmarshalTransition"
	". FuzzParseStatus"
	". FuzzParseSecondaryStatus"
	". FuzzValidate"
	". FuzzBuilder"
	". FuzzTransitionBuilder"
	". FuzzMutatedJob"
	". FuzzModelPatterns"
	". FuzzSDKAgreement"
	". FuzzMarshalEvent"
	"./internal/constraintgen FuzzMatchers"
	"./trainingjobtest FuzzRandom"
	"./trainingjobtest FuzzHandler"
	"./trainingjobtest FuzzScenarioSpec"
	"./trainingjobtest FuzzMetricLine"
	"./logs FuzzParseStreamName"
)

declared=$(grep -rhoE '^func (Fuzz[A-Za-z0-9_]+)\(f \*testing\.F\)' --include='*_test.go' . | sed -E 's/^func (Fuzz[A-Za-z0-9_]+).*/\1/' | sort)
listed=$(printf '%s\n' "${targets[@]}" | awk '{ print $2 }' | sort)
if [ "$declared" != "$listed" ]; then
	echo "scripts/fuzz.sh: the target list differs from the Fuzz functions in the tests:" >&2
	diff <(echo "$listed") <(echo "$declared") >&2 || true
	exit 1
fi

# A FUZZ_ONLY that matches no target is a mistake, not a quiet success.
matched=0
for t in "${targets[@]}"; do
	read -r _ name <<<"$t"
	if [[ $name =~ $only ]]; then
		matched=$((matched + 1))
	fi
done
if [ "$matched" -eq 0 ]; then
	echo "scripts/fuzz.sh: FUZZ_ONLY=$only matches no fuzz target" >&2
	exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	if ! [[ $name =~ $only ]]; then
		continue
	fi
	echo "== $pkg $name ($fuzztime)"
	rc=0
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" -parallel "$parallel" "$pkg" >"$log" 2>&1 || rc=$?
	# The last progress line says how many inputs ran; the rest is the result.
	grep -E '^fuzz: elapsed' "$log" | tail -n 1 || true
	grep -vE '^fuzz: elapsed' "$log" || true
	if [ "$rc" -ne 0 ]; then
		# Go's fuzzer can report "context deadline exceeded" when -fuzztime
		# ends while it is still measuring or minimizing an input, on a
		# busy machine. That is no finding: no failing input is written.
		if grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written to' "$log"; then
			echo "scripts/fuzz.sh: $name: time ran out before the fuzzer settled; no failure found"
			continue
		fi
		echo "scripts/fuzz.sh: $name failed" >&2
		exit 1
	fi
done
