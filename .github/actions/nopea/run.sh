#!/usr/bin/env bash
# The Nopea GitHub Action's step. Every input arrives as an environment variable (INPUT_*), never
# interpolated into this script; file names are never globbed or word-split beyond the rules below.
#   INPUT_COMMAND    deploy | diff | promote | rollback
#   INPUT_SERVICE    the service;  INPUT_FILES  one path per line (a line that is not an existing
#                    path is split on spaces);  INPUT_NAMESPACE, INPUT_STRATEGY, INPUT_TIMEOUT
#   INPUT_KUBECONFIG kubeconfig content (optional);  NOPEA_MEMORY_DIR  the memory directory
#   NOPEA_CLI        cli.ts (or jsr:@nopea/nopea/cli);  NOPEA_DENO  the deno command (default: deno)
set -uo pipefail
shopt -u nullglob failglob
set -f # no globbing anywhere in this script

command=${INPUT_COMMAND:-deploy}
case "$command" in
deploy | diff | promote | rollback) ;;
*)
  echo "::error title=Nopea::Unknown command \"$command\": expected deploy, diff, promote or rollback"
  exit 2
  ;;
esac
tmp=${RUNNER_TEMP:-$(mktemp -d)}
memory=${NOPEA_MEMORY_DIR:-.nopea}
mkdir -p -- "$memory"

args=("$command")
read_paths=("$memory")
if [ "$command" = deploy ] || [ "$command" = diff ]; then
  args+=(--service "$INPUT_SERVICE")
  while IFS= read -r line || [ -n "$line" ]; do
    [ -z "${line//[[:space:]]/}" ] && continue
    if [ -e "$line" ]; then
      args+=(-f "$line") && read_paths+=("$line")
    else
      read -r -a parts <<<"$line"
      for f in "${parts[@]}"; do args+=(-f "$f") && read_paths+=("$f"); done
    fi
  done <<<"${INPUT_FILES:-}"
  [ -n "${INPUT_NAMESPACE:-}" ] && args+=(--namespace "$INPUT_NAMESPACE")
else
  args+=("$INPUT_SERVICE")
  [ -n "${INPUT_NAMESPACE:-}" ] && args+=(--namespace "$INPUT_NAMESPACE")
fi
if [ "$command" = deploy ]; then
  args+=(--timeout "${INPUT_TIMEOUT:-5m}")
  [ -n "${INPUT_STRATEGY:-}" ] && args+=(--strategy "$INPUT_STRATEGY")
fi
if [ -n "${INPUT_KUBECONFIG:-}" ]; then
  kc="$tmp/nopea-kubeconfig"
  (umask 077 && printf '%s' "$INPUT_KUBECONFIG" >"$kc")
  args+=(--kubeconfig "$kc")
  read_paths+=("$kc")
elif [ -n "${KUBECONFIG:-}" ]; then
  IFS=: read -r -a kcs <<<"$KUBECONFIG"
  read_paths+=("${kcs[@]}")
else
  read_paths+=("$HOME/.kube/config")
fi
args+=(--memory-dir "$memory" --output json)

joined=$(printf '%s,' "${read_paths[@]}")
cli=${NOPEA_CLI:?NOPEA_CLI must name cli.ts}
[ -f "$cli" ] && joined+="$(dirname -- "$cli")"
env_list='KUBECONFIG,HOME,USERPROFILE,KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT,NO_COLOR,FORCE_COLOR,TERM,CI,HTTPS_PROXY,https_proxy,ALL_PROXY,all_proxy,NOPEA_*,UNDICI_*'
out="$tmp/nopea-result.json"
# The network is limited to the kubeconfig's API server at run time (README, "Permissions").
${NOPEA_DENO:-deno} run --quiet --unstable-worker-options --v8-flags=--max-semi-space-size=8 --allow-net "--allow-read=$joined" \
  "--allow-write=$memory" "--allow-env=$env_list" "$cli" "${args[@]}" >"$out"
code=$?
cat -- "$out"

field() { jq -r "$1 // empty" "$out" 2>/dev/null; }
status=$(field '.status')
[ -z "$status" ] && [ "$code" -ne 0 ] && status=error
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "deploy-id=$(field '.deployId // .id')"
    echo "status=$status"
    echo "strategy=$(field '.strategy')"
    echo "result<<NOPEA_EOF_$$"
    cat -- "$out"
    echo "NOPEA_EOF_$$"
  } >>"$GITHUB_OUTPUT"
fi
message=$(field '.error.message')
if [ -n "$message" ]; then
  file=$(field '.error.details.file') line=$(field '.error.details.line')
  esc() { local s=${1//'%'/'%25'}; s=${s//$'\r'/'%0D'}; s=${s//$'\n'/'%0A'}; printf '%s' "$s"; }
  loc=""
  [ -n "$file" ] && loc="file=$(esc "$file" | sed 's/,/%2C/g; s/:/%3A/g')"
  [ -n "$file" ] && [ -n "$line" ] && loc+=",line=$line"
  echo "::error ${loc:+$loc,}title=Nopea $(field '.error.code')::$(esc "$message")"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### Nopea $command: ${status:-unknown}"
    echo
    echo "| Service | Status | Strategy | Deploy |"
    echo "| --- | --- | --- | --- |"
    printf '| `%s` | %s | %s | `%s` |\n' "${INPUT_SERVICE//|/\\|}" "${status:-}" \
      "$(field '.strategy')" "$(field '.deployId // .id')"
    [ -n "$message" ] && printf '\n> %s\n' "$message"
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$code"
