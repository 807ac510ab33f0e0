#!/bin/sh
# load.sh measures trainingjob serve (issue 20's figures): its resident
# memory (VmRSS) after many DescribeTrainingJob calls, and its describe
# throughput side by side with moto's server, in the same run.
#
#   scripts/load.sh                                  # RSS after 10k and 100k calls; 5 rounds of 5 s each
#   RSS=10000,100000,1000000 scripts/load.sh         # the 1M figure too (several minutes)
#   ROUNDS=0 scripts/load.sh                         # memory only
#   RSS= MOTO= scripts/load.sh                       # throughput of serve alone
#   CONCURRENCY=16 DURATION=5s ROUNDS=7 IDLE=10s scripts/load.sh
#
# It builds the command and internal/loadgen (a separate program, so
# nothing here runs in go test), then runs loadgen, which starts
# "trainingjob serve --quiet" and moto_server (MOTO, default moto_server
# from PATH) on loopback ports, creates one job on each with the same
# request, and calls DescribeTrainingJob of it from CONCURRENCY goroutines
# sharing one aws-sdk-go-v2 client. RSS is read from /proc/PID/status, so
# the memory figures need Linux. Rounds alternate the servers so that both
# see the same machine load; on a shared machine only the ratio within a
# run means much.
set -eu

cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/trainingjob" ./cmd/trainingjob
go build -o "$tmp/loadgen" ./internal/loadgen

"$tmp/loadgen" -serve "$tmp/trainingjob" \
	-moto "${MOTO-moto_server}" \
	-rss "${RSS-10000,100000}" \
	-concurrency "${CONCURRENCY:-16}" \
	-duration "${DURATION:-5s}" \
	-rounds "${ROUNDS:-5}" \
	-idle "${IDLE:-0s}"
