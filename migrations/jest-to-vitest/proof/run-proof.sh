#!/usr/bin/env bash
# Proof on real code for recipes/jest-to-vitest.json (issue 4). Reproduces, for one project:
# copy at a fixed commit, install, count test files, tsc + Jest (before); codemigrate run
# (concurrency 2), land; check out the result branch, install, tsc + Vitest (after).
# Nothing of the project is committed here: it is cloned from a snapshot into WORK.
#
#   run-proof.sh PROJECT SNAPSHOT_GIT_DIR [WORK]      PROJECT: rhf | zod
#   PHASES="before migrate after codemods" (default all four) picks phases. "codemods" applies the
#   diff of `run --dry-run` (setup + every step's codemod edits, verified or not) to a fresh copy and
#   measures that: what the codemods alone produce, whatever verification or landing decided.
#   PARTIAL=yes: migrate lands in two goes: first about half of the succeeded steps (accepted with
#   `review --accept`), checked out and run with the project's own `npm test` (Jest on the modules
#   left, Vitest on the landed ones), then the rest (finish applies), checked out and run again.
#   PM=pnpm|npm (rhf only; default pnpm): pnpm keeps pnpm-lock.yaml in step, so land's frozen install
#   (`pnpm install --frozen-lockfile`) can pass; the Cypress pruning is then committed on the proof
#   branch (the source commit), since pnpm's frozen install wants package.json and the lock to agree.
#   SOURCE_PATCH=FILE: a git diff applied to the project and committed on the proof branch before the
#   run (a workaround the figures then name; the before phase does not apply it).
#
# Projects (public, on GitHub):
#   rhf  react-hook-form/react-hook-form @ 92b10257766ac1047d46a590bc8313a9e76d5187
#        (2026-06-21, last commit before Vitest was added); React 19 + jsdom, @swc/jest, 115 test files
#   zod  colinhacks/zod @ 898dced470f1045b5469543abd2f427a713d93eb
#        (2023-06-23, "Revamp tests", Jest 29 + ts-jest, before its test-runner change); no React
# SNAPSHOT_GIT_DIR: a git dir holding that commit (a clone, or a fetched snapshot such as
# /work/.mirror/react-hook-form+react-hook-form/repo). CODEMIGRATE overrides bin/codemigrate.js
# (run `npm run build` first). CI=true is exported: Vitest then fails on missing snapshots.
# Figures land in WORK/PROJECT-figures.txt; logs beside it. Besides the by-hand figures they give
# codemigrate's own: the baseline (state.json: per check its parser, exit, time, diagnostics, tests
# by state; its share of the run's time), each step's status (and a failed step's reason), land's
# exit code, verdict and regressions; and, after, the tests that passed under Jest and do not pass
# under Vitest, compared by hand test by test (what land's verdict should agree with).
set -uo pipefail

project=${1:?project: rhf | zod}
snapshot=${2:?path of the fetched snapshot git dir}
work=${3:-/tmp/proof}
phases=${PHASES:-before migrate after codemods}
here=$(cd "$(dirname "$0")" && pwd)
codemigrate=${CODEMIGRATE:-$here/../../../bin/codemigrate.js}
recipe=$here/../../../recipes/jest-to-vitest.json

case $project in
  rhf)
    commit=92b10257766ac1047d46a590bc8313a9e76d5187
    jest_cmd=(npx jest --config ./scripts/jest/jest.config.js --maxWorkers=2)
    pm=${PM:-pnpm}
    ;;
  zod)
    commit=898dced470f1045b5469543abd2f427a713d93eb
    jest_cmd=(npx jest --config ./ts-jest.config.json --maxWorkers=2)
    pm=npm
    ;;
  *) echo "unknown project $project" >&2; exit 2 ;;
esac

export GIT_AUTHOR_NAME=proof GIT_AUTHOR_EMAIL=proof@example.invalid GIT_COMMITTER_NAME=proof GIT_COMMITTER_EMAIL=proof@example.invalid
export CYPRESS_INSTALL_BINARY=0 HUSKY=0 CI=true
mkdir -p "$work"
figures=$work/$project-figures.txt
log() { echo "$*" | tee -a "$figures"; }

install() { # no lifecycle scripts: nothing may download binaries; npm registry only
  # rhf: Cypress (e2e only, not Jest's) asks for a version the reachable registry lacks.
  if [[ $project == rhf ]]; then (cd "$1" && npm pkg delete devDependencies.cypress devDependencies.eslint-plugin-cypress); fi
  # pnpm (rhf): the project's own manager; it rewrites pnpm-lock.yaml to what it installed.
  if [[ $pm == pnpm ]]; then (cd "$1" && pnpm install --no-frozen-lockfile --ignore-scripts --config.confirmModulesPurge=false --reporter=append-only) > "$2" 2>&1; return; fi
  (cd "$1" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) > "$2" 2>&1 && return 0
  # npm's arborist crashes ("reading 'children'") placing vitest 4 beside zod's @types/node 14 and
  # yarn.lock pins: resolve again without the lock file and with legacy peer handling (the working
  # tree only; codemigrate reads HEAD).
  [[ -f $1/yarn.lock ]] && mv "$1/yarn.lock" "$1/yarn.lock.proof-aside"
  (cd "$1" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error --legacy-peer-deps) >> "$2" 2>&1
  local status=$?
  [[ -f $1/yarn.lock.proof-aside ]] && mv "$1/yarn.lock.proof-aside" "$1/yarn.lock"
  return $status
}

install_command() { # install(), as one shell command for the config's "install"
  local prune=''
  [[ $project == rhf ]] && prune='npm pkg delete devDependencies.cypress devDependencies.eslint-plugin-cypress && '
  [[ $pm == pnpm ]] && { echo "${prune}pnpm install --no-frozen-lockfile --ignore-scripts --config.confirmModulesPurge=false --reporter=append-only"; return; }
  echo "${prune}{ npm install --ignore-scripts --no-audit --no-fund --loglevel=error || { rm -f yarn.lock && npm install --ignore-scripts --no-audit --no-fund --loglevel=error --legacy-peer-deps; }; }"
}

count_tests() { # test files as Jest's default testMatch sees them
  git -C "$1" ls-files | grep -cE '(\.(test|spec)\.[jt]sx?$|/__tests__/.*\.[jt]sx?$)'
}

typecheck() { # the project's own tsconfig, and once more with the test files included
  local dir=$1 tag=$2
  (cd "$dir" && npx tsc --noEmit --pretty false -p .) > "$work/$project-$tag-tsc.log" 2>&1
  log "$tag tsc -p . errors: $(grep -c 'error TS' "$work/$project-$tag-tsc.log")"
  printf '{ "extends": "./tsconfig.json", "include": ["src"], "exclude": ["node_modules", "**/__typetest__/**"] }\n' > "$dir/tsconfig.proof.json"
  (cd "$dir" && npx tsc --noEmit --pretty false -p tsconfig.proof.json) > "$work/$project-$tag-tsc-tests.log" 2>&1
  log "$tag tsc with tests errors: $(grep -c 'error TS' "$work/$project-$tag-tsc-tests.log")"
  rm -f "$dir/tsconfig.proof.json"
}

results() { # Jest's and Vitest's --json share these fields (Vitest's numTotalTestSuites counts describe blocks too: "test files" is the count of files)
  node -e 'const r=require(process.argv[1]);console.log(`files ${r.numTotalTestSuites} (failed ${r.numFailedTestSuites}), tests passed ${r.numPassedTests}, failed ${r.numFailedTests}, skipped/todo ${r.numPendingTests+(r.numTodoTests||0)}, total ${r.numTotalTests}; test files ${r.testResults.length} (failed ${r.testResults.filter((f)=>f.status==="failed").length})`)' "$1" 2>/dev/null || echo "no result file"
}

land_once() { # SUFFIX LABEL: land, and its exit, checks, verdict, finish line and regressions
  node "$codemigrate" land proof --repo "$repo" > "$work/$project-land$1.log" 2>&1
  land_exit=$?
  git -C "$repo" log --format='%h %s' "codemigrate/proof/result" -n 12 > "$work/$project-land$1-result-log.txt" 2>&1
  log "$2 exit $land_exit: $(tail -n 3 "$work/$project-land$1.log" | tr '\n' ' ' | cut -c 1-400)"
  # Land's verdict against the baseline, its checks, and one line per regression (first 20).
  grep -E '^  (check|conflict)' "$work/$project-land$1.log" | sed "s/^  /  $2 /" | tee -a "$figures"
  log "$2 verdict: $(grep -m1 '^verdict:' "$work/$project-land$1.log" || echo "none (land ended before judging: $(grep -m1 . "$work/$project-land$1.log" | cut -c 1-300))")"
  awk '/^verdict: UNVERIFIED/{on=1;next} on&&/^  /{print;next} on{exit}' "$work/$project-land$1.log" > "$work/$project-land$1-regressions.txt"
  if [[ -s $work/$project-land$1-regressions.txt ]]; then
    # land lists at most 30 and ends with "… and N more"; its "N regression(s)" counts that line as one.
    log "$2 regressions: $(awk '/^  … and [0-9]+ more$/{n+=$3;next}{n++}END{print n}' "$work/$project-land$1-regressions.txt") (first 20 below; land's list in $project-land$1-regressions.txt)"
    head -n 20 "$work/$project-land$1-regressions.txt" | cut -c 1-300 | tee -a "$figures"
  fi
  log "$2 finish: $(grep -m1 '^finish:' "$work/$project-land$1.log" || echo "no finish line")"
}

own_tests() { # LABEL: the result checked out, installed, and run with its own test script (npm test)
  local dir=$work/$project-$1
  rm -rf "$dir"
  git clone -q "$repo" "$dir" && git -C "$dir" checkout -q codemigrate/proof/result || { log "$1: no result branch"; return 1; }
  log "$1: result $(git -C "$dir" rev-parse --short HEAD); test script: $(cd "$dir" && npm pkg get scripts.test); jest in devDependencies: $(cd "$dir" && npm pkg get devDependencies.jest); root jest-vitest-split.cjs: $([[ -f $dir/jest-vitest-split.cjs ]] && echo yes || echo no); jest configs: $(git -C "$dir" ls-files | grep -E '(^|/)[^/]*jest[^/]*\.config\.[cm]?[jt]s(on)?$' | tr '\n' ' ')"
  install "$dir" "$work/$project-$1-install.log" || { log "$1: install failed (tail: $(tail -n 3 "$work/$project-$1-install.log" | tr '\n' ' ' | cut -c 1-300))"; return 1; }
  log "$1: files the install changed: $(git -C "$dir" status --porcelain | grep -v node_modules | tr '\n' ' ')"
  (cd "$dir" && timeout 1800 npm test) > "$work/$project-$1-npm-test.log" 2>&1
  local status=$?
  local plain=$work/$project-$1-npm-test.txt
  sed 's/\x1b\[[0-9;]*m//g' "$work/$project-$1-npm-test.log" > "$plain"
  log "$1: npm test exit $status"
  log "$1: jest: $(grep -E '^(Test Suites|Tests):' "$plain" | tr -s ' ' | tr '\n' ';' || true)"
  log "$1: vitest: $(grep -E '^ +(Test Files|Tests) ' "$plain" | tr -s ' ' | tr '\n' ';' || true)"
}

if [[ $phases == *before* ]]; then
  : > "$figures"
  log "== $project @ $commit"
  rm -rf "$work/$project-before"
  git clone -q "$snapshot" "$work/$project-before" && git -C "$work/$project-before" checkout -q "$commit" || exit 1
  install "$work/$project-before" "$work/$project-before-install.log" || { log "before: install failed"; exit 1; }
  log "test files: $(count_tests "$work/$project-before")"
  typecheck "$work/$project-before" before
  (cd "$work/$project-before" && timeout 1200 "${jest_cmd[@]}" --json --outputFile="$work/$project-jest.json") > "$work/$project-jest.log" 2>&1
  log "before jest: $(results "$work/$project-jest.json")"
fi

if [[ $phases == *migrate* ]]; then
  repo=$work/$project-repo
  rm -rf "$repo"
  git clone -q "$snapshot" "$repo" && git -C "$repo" checkout -q -B proof "$commit" || exit 1
  if [[ $project == rhf && $pm == pnpm ]]; then
    # pnpm's frozen install (land's) fails when package.json and pnpm-lock.yaml disagree, and the
    # reachable registry lacks the lock's cypress: the pruning becomes the proof's source commit.
    (cd "$repo" && npm pkg delete devDependencies.cypress devDependencies.eslint-plugin-cypress && git commit -qam "proof: drop Cypress (e2e only; the reachable registry lacks its version)") || exit 1
    log "source commit: $(git -C "$repo" rev-parse --short HEAD) ($commit + the Cypress pruning)"
  fi
  if [[ -n ${SOURCE_PATCH:-} ]]; then
    # A proof-only workaround in the project (a git diff), committed on the proof branch: the source commit.
    git -C "$repo" apply "$SOURCE_PATCH" && git -C "$repo" commit -qam "proof: $(basename "$SOURCE_PATCH")" || { log "migrate: SOURCE_PATCH $SOURCE_PATCH does not apply"; exit 1; }
    log "source commit: $(git -C "$repo" rev-parse --short HEAD) (+ SOURCE_PATCH $(basename "$SOURCE_PATCH"): $(git -C "$repo" diff --stat HEAD~1 HEAD | tail -n 1))"
  fi
  # Verification needs what setup adds (vitest, jsdom): the recipe's `install` runs once in a
  # scratch worktree at the base commit, and the verify worktrees link its node_modules; nothing
  # is installed here. This machine reaches only the npm registry, so an untracked
  # migration.config.json replaces the recipe's install with the same workarounds as install()
  # above (it runs in that scratch worktree, never in this checkout).
  printf '{ "install": { "run": %s, "timeoutSeconds": 1200 } }\n' "$(node -e 'console.log(JSON.stringify(process.argv[1]))' "$(install_command)")" > "$repo/migration.config.json"
  # The baseline (the recipe's checks on the source commit: tsc, Jest) runs in a verify slot that
  # links THIS checkout's node_modules, so the checkout needs the source commit's dependencies: the
  # before phase's (same commit, same install) when there, else install() here. Without them the
  # baseline's tsc and Jest cannot start (npx: missing packages) and every verdict falls back to
  # "must pass". Untracked and git-ignored: codemigrate reads the committed HEAD.
  if [[ ${BASELINE_MODULES:-yes} == yes ]]; then
    if [[ -d $work/$project-before/node_modules ]]; then ln -s "$work/$project-before/node_modules" "$repo/node_modules"
    else install "$repo" "$work/$project-repo-install.log" || { log "migrate: install in the checkout failed"; exit 1; }; fi
  fi
  start=$(date +%s)
  node "$codemigrate" run "$recipe" --repo "$repo" --run-id proof --concurrency 2 --json > "$work/$project-run.jsonl" 2> "$work/$project-run.err"
  run_exit=$? run_seconds=$(( $(date +%s) - start ))
  log "run exit $run_exit in $run_seconds s"
  # The baseline (the recipe's checks on the source commit) as state.json summarises it.
  node -e '
    const state=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const b=state.baseline;const s=(ms)=>(ms/1000).toFixed(1);
    if(!b){console.log("baseline: none in state.json");process.exit(0)}
    console.log(`baseline: ${s(b.durationMs)} s of the run (${process.argv[2]} s, ${(100*b.durationMs/1000/Math.max(1,Number(process.argv[2]))).toFixed(0)}%), at ${b.commit.slice(0,12)}, ${b.checks.length} check(s)`);
    for(const c of b.checks){
      const tests=c.tests?Object.entries(c.tests).map(([k,n])=>`${k} ${n}`).join(", "):"";
      console.log(`  baseline check ${c.parser}: ${c.status}, exit ${c.exitCode}, ${s(c.durationMs)} s`+(c.diagnostics!==undefined?`, diagnostics ${c.diagnostics}`:"")+(tests?`, tests ${tests}`:"")+(c.parseError?`, parse error: ${c.parseError.split("\n")[0]}`:"")+` (${c.command.slice(0,80)})`);
    }' "$repo/.git/codemigrate/proof/state.json" "$run_seconds" 2>&1 | tee -a "$figures"
  node "$codemigrate" status proof --repo "$repo" --json > "$work/$project-status.json" 2>&1
  node "$codemigrate" status proof --repo "$repo" > "$work/$project-status.txt" 2>&1
  node -e '
    const steps=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map((l)=>JSON.parse(l)).filter((l)=>l.type==="step");
    const count={};for(const s of steps){const k=s.status+(s.status==="needs-model"?(/^(verify failed|regressed against the baseline)/.test(s.reason||"")?" (verify failed)":" (leftovers)"):"");count[k]=(count[k]||0)+1}
    console.log(`steps ${steps.length}: ${JSON.stringify(count)}`)
    for(const s of steps) console.log(`  step ${s.step} ${s.status}`+(s.reason&&s.status!=="succeeded"?`: ${s.reason.split("\n")[0].slice(0,300)}`:""))' "$work/$project-status.json" | tee -a "$figures"
  if [[ ${PARTIAL:-} == yes ]]; then
    # About half of the succeeded steps first (the first ones, in the plan's order), then the rest.
    mapfile -t succeeded < <(node -e 'for (const l of require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n")) { const s = JSON.parse(l); if (s.type === "step" && s.status === "succeeded") console.log(s.step); }' "$work/$project-status.json")
    half=$(( (${#succeeded[@]} + 1) / 2 ))
    for step in "${succeeded[@]:0:half}"; do node "$codemigrate" review proof "$step" --accept --repo "$repo" >> "$work/$project-review.log" 2>&1 || log "review --accept $step failed: exit $?"; done
    log "partial: accepted ${half} of ${#succeeded[@]} succeeded step(s): ${succeeded[*]:0:half}"
    land_once -partial "partial land"
    own_tests partial
    for step in "${succeeded[@]:half}"; do node "$codemigrate" review proof "$step" --accept --repo "$repo" >> "$work/$project-review.log" 2>&1 || log "review --accept $step failed: exit $?"; done
    log "full: accepted the other $(( ${#succeeded[@]} - half )): ${succeeded[*]:half}"
    land_once -full "full land"
    own_tests full
  else
    land_once '' land
  fi
fi

if [[ $phases == *after* ]]; then
  after=$work/$project-after
  rm -rf "$after"
  git clone -q "$work/$project-repo" "$after" && git -C "$after" checkout -q codemigrate/proof/result || { log "after: no result branch"; exit 1; }
  install "$after" "$work/$project-after-install.log" || { log "after: install failed"; exit 1; }
  typecheck "$after" after
  (cd "$after" && timeout 1200 npx vitest run --maxWorkers=2 --reporter=json --outputFile="$work/$project-vitest.json") > "$work/$project-vitest.log" 2>&1
  log "after vitest: $(results "$work/$project-vitest.json")"
  # By hand, test by test (file relative to its checkout, describe titles, title; counted, since a
  # file run by two projects reports its tests twice): what passed under Jest before and does not
  # pass under Vitest after, which land's verdict should have named.
  node -e '
    const [jestFile, vitestFile, beforeDir, afterDir] = process.argv.slice(1);
    const read = (file, dir) => { const all = new Map(), passed = new Map(); for (const f of require(file).testResults) { const rel = f.name.startsWith(dir + "/") ? f.name.slice(dir.length + 1) : f.name;
      for (const a of f.assertionResults) { const k = [rel, ...a.ancestorTitles, a.title].join(" > "); (all.get(k) ?? all.set(k, []).get(k)).push(a.status); if (a.status === "passed") passed.set(k, (passed.get(k) ?? 0) + 1); } } return { all, passed }; };
    let jest, vitest; try { jest = read(jestFile, beforeDir); vitest = read(vitestFile, afterDir); } catch (e) { console.log(`by hand: cannot compare (${e.message.split("\n")[0]})`); process.exit(0); }
    const lost = []; let total = 0;
    for (const [k, n] of jest.passed) { total += n; const now = vitest.passed.get(k) ?? 0; if (now < n) lost.push(`${k}: ${n - now} of ${n} not passing (${(vitest.all.get(k) ?? ["missing"]).filter((st) => st !== "passed").join(", ") || "missing"})`); }
    console.log(`by hand: ${total} passed under Jest; ${lost.length} test id(s) passing fewer times under Vitest`);
    for (const line of lost.slice(0, 20)) console.log(`  ${line.slice(0, 300)}`);' \
    "$work/$project-jest.json" "$work/$project-vitest.json" "$(cd "$work/$project-before" 2>/dev/null && pwd -P)" "$(cd "$after" && pwd -P)" | tee -a "$figures"
fi

if [[ $phases == *codemods* ]]; then
  all=$work/$project-codemods
  rm -rf "$all"
  git clone -q "$snapshot" "$all" && git -C "$all" checkout -q "$commit" || exit 1
  # The --json events carry each step's patch whole (the plain rendering trims its last blank line).
  node "$codemigrate" run "$recipe" --repo "$all" --dry-run --run-id dry --json > "$work/$project-dry.jsonl" 2> "$work/$project-dry.err"
  node -e 'for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) { if (!l) continue; const e = JSON.parse(l); if (e.type === "step-diff" && e.patch) process.stdout.write(e.patch.endsWith("\n") ? e.patch : e.patch + "\n"); }' "$work/$project-dry.jsonl" > "$work/$project-dry.patch"
  # GNU patch, not git apply: a created file's diff has `--- /dev/null` but no `new file mode` line.
  (cd "$all" && patch -p1 -s --no-backup-if-mismatch < "$work/$project-dry.patch") || { log "codemods: the dry-run diff does not apply"; exit 1; }
  log "codemods: $(grep -c '^diff --git' "$work/$project-dry.patch") file diffs applied"
  install "$all" "$work/$project-codemods-install.log" || { log "codemods: install failed"; exit 1; }
  typecheck "$all" codemods
  (cd "$all" && timeout 1200 npx vitest run --maxWorkers=2 --reporter=json --outputFile="$work/$project-vitest-codemods.json") > "$work/$project-vitest-codemods.log" 2>&1
  log "codemods vitest: $(results "$work/$project-vitest-codemods.json")"
fi
