#!/usr/bin/env bash
# What action.yml's "cskit lint" step runs (tested by tests/test_action.py).
#
# Environment: CSKIT_LIBRARY, CSKIT_ARGS (more options, split on spaces), CSKIT_FAIL_ON,
# CSKIT_SARIF (a file name: also write SARIF there), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY;
# CSKIT (the executable, default `cskit`).
#
# Prints GitHub annotations (errors first) and appends every finding to the step summary
# (`cskit lint --format github`), writes SARIF when asked, and always exits 0: the exit
# code goes to $GITHUB_OUTPUT (exit-code), so the SARIF upload runs before the Gate step
# fails the job. A usage or configuration error (exit 2) becomes an error annotation.
set -uo pipefail
set -f # CSKIT_ARGS is split on spaces, never globbed

cskit=${CSKIT:-cskit}
common=()
[ -n "${CSKIT_LIBRARY:-}" ] && common+=(--library "$CSKIT_LIBRARY")
# shellcheck disable=SC2206  # word splitting is the point
[ -n "${CSKIT_ARGS:-}" ] && common+=(${CSKIT_ARGS})
gate=()
[ -n "${CSKIT_FAIL_ON:-}" ] && gate+=(--fail-on "$CSKIT_FAIL_ON")

sarif=""
if [ -n "${CSKIT_SARIF:-}" ]; then
  # report only: the gate below decides; a failure here is reported by the gate run too
  if "$cskit" lint "${common[@]}" --quiet --format sarif --output "$CSKIT_SARIF" --fail-on never; then
    sarif=$CSKIT_SARIF
  fi
fi

errors=$(mktemp)
"$cskit" lint "${common[@]}" "${gate[@]}" --format github 2>"$errors"
code=$?
cat "$errors" >&2
if [ "$code" -ge 2 ]; then
  # one line, `错误：…` or `error: …`: make it an annotation too (newlines escaped)
  message=$(head -n 1 "$errors" | sed -e 's/%/%25/g')
  echo "::error title=cskit lint::${message:-cskit lint failed with exit code $code}"
fi
rm -f "$errors"

{
  echo "exit-code=$code"
  echo "sarif-file=$sarif"
} >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
