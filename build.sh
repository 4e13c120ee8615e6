#!/usr/bin/env bash
# One entry point for newcomers and CI. Installs what is missing (a few Debian packages; NuGet restores the rest),
# builds the solution, then runs what was asked:
#   ./build.sh demo    the main job: a VAE on the embedded handwritten digits (writes artifacts/demo/)
#   ./build.sh test    run every test project but the slow end-to-end tests; the last line sums them as "N passed, N failed"
#   ./build.sh test all   the same with the slow tests too, and the ONNX Runtime tests again on the Gpu package (what CI runs)
#   ./build.sh bench   the benchmarks: training steps and ONNX scoring against PyTorch, scoring inside ML.NET
#                      (./build.sh bench training|scoring|pipeline|quality|service|scale|synth for one of them; artifacts/bench/results.md)
#                      ./build.sh bench fuzz    thousands of damaged inputs for every parser and loader (not in "all")
#                      ./build.sh bench soak    the service for 10 minutes, 10M rows, 20 fits, a busy machine (not in "all")
#   ./build.sh pack    the NuGet packages (Generative.ML and the rest) and the gml tool (Generative.ML.Cli) into artifacts/packages
#   ./build.sh setup   only install the system packages
# Second runs skip what is already there.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: installed only when missing (dpkg -s is instant; apt-get is minutes).
apt_ensure() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

setup() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)."; exit 1; }
}

build() {
  setup
  log "building the solution"
  dotnet build Generative.ML.sln -c Release -v quiet -nologo -clp:ErrorsOnly "$@"
}

# Runs one test project's built assembly and adds its counts to the totals.
total_pass=0 total_fail=0 total_skip=0 status=0 failures=''
test_one() {
  local label=$1; shift
  log "testing $label"
  local trx=$ROOT/artifacts/test-results/$label.trx
  rm -f "$trx"
  dotnet test "$@" --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" || status=1
  if [ -f "$trx" ]; then
    local counters; counters=$(grep -o '<Counters [^>]*>' "$trx")
    attr() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
    local p f e s; p=$(attr passed); f=$(attr failed); e=$(attr error); s=$(attr notExecuted)
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f + e)); total_skip=$((total_skip + s))
    # Each failed test's name and the start of its message, kept for the end: a CI log is read from its tail.
    if [ $((f + e)) -gt 0 ]; then
      failures+=$(awk 'BEGIN { RS = "<UnitTestResult " } /outcome="Failed"/ {
          match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
          msg = ""; if (match($0, /<Message>[^<]*/)) msg = substr($0, RSTART + 9, RLENGTH - 9)
          gsub(/[\r\n]+/, " ", msg); printf "  FAILED %s: %s\n", name, substr(msg, 1, 400) }' "$trx")$'\n'
    fi
  else
    total_fail=$((total_fail + 1)); status=1
  fi
}

# ./build.sh test: every test but those marked [Trait("Speed", "Slow")] (long end-to-end runs: the ring GANs, the slow
# samples); ./build.sh test all: those too (CI runs this).
run_tests() {
  local scope=${1:-fast}
  [ "$scope" = fast ] || [ "$scope" = all ] || { echo "usage: ./build.sh test [all]"; exit 2; }
  build
  # The reference ONNX checker for the export tests (they skip, saying so, where it is missing).
  apt_ensure python3-onnx
  mkdir -p artifacts/test-results
  local filter=()
  [ "$scope" = fast ] && filter=(--filter "Speed!=Slow")
  if [ "$scope" = all ]; then
    # The house style (.editorconfig): whitespace, import order and analyzer warnings, as dotnet format would fix them.
    log "checking the formatting (dotnet format --verify-no-changes)"
    dotnet format Generative.ML.sln --verify-no-changes --no-restore -v quiet || { echo "dotnet format would change files: run dotnet format Generative.ML.sln"; total_fail=$((total_fail + 1)); status=1; }
  fi
  # Test classes of a project run side by side where the project allows it: the library makes libtorch's OpenMP threads
  # wait passively (OMP_WAIT_POLICY, set natively before libtorch loads), so they leave the cores to the other class.
  local projects; projects=$(find tests -name '*.Tests.csproj' | sort)
  for proj in $projects; do
    test_one "$(basename "$proj" .csproj)" "$proj" -c Release --no-build -nologo -v quiet "${filter[@]}"
  done
  # The ONNX Runtime backend tests again on Microsoft.ML.OnnxRuntime.Gpu: it must restore, build and pass here too,
  # where there is no CUDA (separate output folders; the next plain build restores the CPU backend again). Only the
  # tests marked [Trait("Backend", "OnnxRuntime")] run twice: everything else uses the same managed API. A packaging
  # check (two more builds, about 30 s), so CI's "test all" runs it and the newcomer's "test" does not.
  [ "$scope" = all ] || projects=''
  for proj in $projects; do
    grep -rqs --include='*.cs' 'Trait("Backend", "OnnxRuntime")' "$(dirname "$proj")" || continue
    local name; name=$(basename "$proj" .csproj)
    log "building $name with OnnxRuntimeBackend=gpu"
    dotnet build "$proj" -c Release -p:OnnxRuntimeBackend=gpu -o "artifacts/gpu-backend/$name" -v quiet -nologo -clp:ErrorsOnly
    test_one "$name.gpu-backend" "artifacts/gpu-backend/$name/$name.dll" --filter "Backend=OnnxRuntime"
  done
  [ -n "$failures" ] && printf '%s' "$failures"
  if [ "$total_skip" -gt 0 ]; then
    echo "$total_pass passed, $total_fail failed, $total_skip skipped"
  else
    echo "$total_pass passed, $total_fail failed"
  fi
  return $status
}

case "${1:-}" in
  setup) setup ;;
  build) build "${@:2}" ;;
  demo) build; dotnet run --project demo/Generative.ML.Demo -c Release --no-build -- "${@:2}" ;;
  # The gml tool carries libtorch for linux-x64 (about 160 MB packed); it is packed apart from the libraries.
  pack) build; log "packing into artifacts/packages"
        dotnet pack Generative.ML.sln -c Release --no-build -v quiet -nologo -o artifacts/packages
        dotnet pack tools/Cli -c Release -p:PackTool=true -v quiet -nologo -o artifacts/packages
        ls artifacts/packages/*.nupkg ;;
  test) run_tests "${@:2}" ;;
  # libopenblas0-pthread: without an optimized BLAS, Debian's PyTorch falls back to the reference BLAS (10-40x slower).
  bench) build; apt_ensure python3-torch python3-onnx python3-sklearn libopenblas0-pthread; dotnet run --project bench/Bench -c Release --no-build -- "${@:2}" ;;
  *) echo "usage: ./build.sh {demo|test|bench|pack|setup|build}"; exit 2 ;;
esac
