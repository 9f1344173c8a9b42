#!/usr/bin/env bash
# Fuzzes the GraphQL parser (with the printer round trip and validation) using libFuzzer,
# after a pathological-input check. See Fuzz/README.md.
#
#   scripts/fuzz-parser.sh [SECONDS]        build; pathological check; fuzz SECONDS with
#                                           -max_len=4096, then SECONDS with -max_len=65536
#                                           (default 60 each)
#   scripts/fuzz-parser.sh --pathological   build and run the pathological check only
#   scripts/fuzz-parser.sh --fuzz [SECONDS] build and fuzz only
#   scripts/fuzz-parser.sh --build          build only
#
# Outputs (all git-ignored): Fuzz/bin/ (binaries), Fuzz/corpus/ (inputs the fuzzer found),
# Fuzz/artifacts/ (crash-*, timeout-*, leak-* reproducers), Fuzz/logs/ (run logs).
# Reproduce a crash: SWIFT_BACKTRACE=enable=no Fuzz/bin/fuzz-parser FILE
set -euo pipefail

# Paths are relative to the repository root, so the commands printed can be pasted.
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
script=scripts/fuzz-parser.sh
fuzz=Fuzz
bin=$fuzz/bin
corpus=$fuzz/corpus
artifacts=$fuzz/artifacts
logs=$fuzz/logs

mode=all
seconds=60
case "${1:-}" in
    --pathological) mode=pathological ;;
    --fuzz) mode=fuzz; seconds=${2:-60} ;;
    --build) mode=build ;;
    -h|--help) sed -n '2,14p' "$script"; exit 0 ;;
    "") ;;
    *) seconds=$1 ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "SECONDS must be a whole number, got '$seconds'" >&2; exit 2; }

mkdir -p "$bin" "$corpus" "$artifacts" "$logs"

# Every engine file, compiled into the same module as the entry file: one module means the
# engine's code is instrumented for coverage and ASan too, and nothing needs `import`.
mapfile -t engine < <(find Sources/GraphQLEngine -name '*.swift' | sort)
(( ${#engine[@]} > 0 )) || { echo "no sources under Sources/GraphQLEngine" >&2; exit 1; }

# Validation is fuzzed once the engine has it; the parser and printer were fuzzed before.
defines=()
if grep -rqs 'public func validate(' Sources/GraphQLEngine \
    && grep -rqs 'public func buildSchema(' Sources/GraphQLEngine; then
    defines=(-D ENGINE_VALIDATION)
fi

# Rebuilds `output` only when a source is newer, to spare the shared 2-core machine.
build() {
    local output=$1; shift
    local entry=$1; shift
    if [[ -x "$output" && -z $(find "${engine[@]}" "$entry" "$script" -newer "$output" -print -quit) ]]; then
        echo "up to date: $output"
        return
    fi
    echo "building $output (${#engine[@]} engine files${defines:+, with validation}) ..."
    local start=$SECONDS
    # ld.gold warns once per ASan register helper that it cannot export it; harmless noise.
    swiftc -swift-version 6 -parse-as-library -O "$@" "${defines[@]}" \
        "${engine[@]}" "$entry" -o "$output" 2>&1 \
        | { grep -v "Cannot export local symbol '__asan" || true; }
    echo "built in $((SECONDS - start)) s"
}

build_fuzzer() {
    build "$bin/fuzz-parser" "$fuzz/FuzzParser.swift" \
        -module-name GraphQLEngineFuzz -sanitize=fuzzer,address
}

build_pathological() {
    build "$bin/pathological" "$fuzz/Pathological.swift" -module-name GraphQLEnginePathological
}

# Swift's own crash reporter would catch the signal before libFuzzer and hide the crash.
export SWIFT_BACKTRACE=enable=no
# Memory held by lazily initialised globals is not a leak (see Fuzz/lsan.supp).
export LSAN_OPTIONS="suppressions=$root/$fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

failed=0

run_pathological() {
    echo
    echo "== pathological inputs =="
    "$bin/pathological" | tee "$logs/pathological.log" || failed=1
}

# One libFuzzer run; `label` names its log. New inputs go to Fuzz/corpus (the first corpus
# directory); the committed seeds and the engine tests' fixtures (the kitchen-sink query and
# SDL, the introspection queries, GitHub's schema) are read but never written.
run_fuzzer() {
    local label=$1 max_len=$2 total=$3; shift 3
    local log="$logs/fuzz-$label.log"
    echo
    echo "== fuzz $label: -max_len=$max_len for $total s (log: $log) =="
    local command=("$bin/fuzz-parser" "$corpus" "$fuzz/seeds" Tests/GraphQLEngineTests/Fixtures
        -dict="$fuzz/graphql.dict" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096
        -max_total_time="$total" -print_final_stats=1 -artifact_prefix="$artifacts/" "$@")
    echo "SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$fuzz/lsan.supp ${command[*]}"
    local status=0
    "${command[@]}" > "$log" 2>&1 || status=$?
    # The lines that matter: progress at the end, any crash report, the final statistics.
    grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)|^Done|stat::|ERROR|SUMMARY|Fatal error|Test unit written|^==[0-9]+==' "$log" \
        | tail -n 25 || true
    # libFuzzer keeps every input it ever saved; "corp:" in the DONE line is its live corpus.
    echo "corpus: $(find "$corpus" -type f | wc -l) files in $corpus"
    if (( status != 0 )); then
        echo "fuzzer exited with status $status: see $log and Fuzz/artifacts/" >&2
        return "$status"
    fi
}

case "$mode" in
    build) build_fuzzer; build_pathological ;;
    pathological) build_pathological; run_pathological ;;
    fuzz)
        build_fuzzer
        run_fuzzer short 4096 "$seconds"
        # -len_control=0: use long inputs from the start instead of growing towards them.
        run_fuzzer long 65536 "$seconds" -len_control=0
        ;;
    all)
        build_pathological
        build_fuzzer
        run_pathological
        run_fuzzer short 4096 "$seconds"
        # -len_control=0: use long inputs from the start instead of growing towards them.
        run_fuzzer long 65536 "$seconds" -len_control=0
        ;;
esac
exit "$failed"
