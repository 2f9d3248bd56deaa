#!/usr/bin/env bash
# Makes the bundled models (docs/bundled-models.md "How they were made"), reproducibly and resumably.
# Every step is skipped when its result exists and resumed when it was interrupted, so running the
# script again after a stop (or in a new session, with runs/ intact) continues where it stopped.
#
#   scripts/trainBundled.sh [all]          # data, then per attribute: float -> 4-bit QAT -> publish -> eval
#   scripts/trainBundled.sh snapshot       # copy each attribute's newest inference model to models/<slug>64
#   scripts/trainBundled.sh eval ATTR      # evaluate what is there for one attribute (docs/reports/<slug>/)
#   scripts/trainBundled.sh activations    # low-bit activations: QAT w4a8 / w4a4, balanced and uniform,
#                                          # from each bundled w4a32 model, then activations-eval of each
#                                          # (see "Low-bit activations" below; activations-train: no eval)
#   scripts/trainBundled.sh activations-eval ATTR   # score them beside w4a32 (docs/reports/<slug>-activations/)
#   scripts/trainBundled.sh activations-publish ATTR DIR   # serve one of them as models/<slug>64
#   scripts/trainBundled.sh refit ATTR     # ATTR fine-tuned from another attribute's generator, packed
#                                          # w4a8, scored (docs/reports/<slug>-refit/); refit-publish ATTR serves it
#   nohup scripts/trainBundled.sh > runs/bundled/log.out 2> runs/bundled/log.err &   # background
#
# Per attribute ATTR (slug = lower case, no underscore: eyeglasses, smiling, sidelit, bangs):
#   runs/bundled/<slug>/float                float run (compact64, recipe fast, seed 1, batch 16)
#   runs/bundled/<slug>/float-model          its inference model (rewritten at every checkpoint)
#   runs/bundled/<slug>/qat-balanced-w4a32   QAT fine-tune of the float run's final checkpoint (ABITS=32)
#   runs/bundled/<slug>/qat-balanced-w4a32-model, qat-uniform-w4a32(-model)  (uniform: the comparison row)
#   models/<slug>64                          the packed 4-bit balanced generator, written only when
#                                            the QAT run reached its target (bundled.json says what it is)
# Settings (environment): ATTRS, PRESET, RUNS, FLOAT_ITERS, QAT_ITERS, QAT_DECAY, QAT_UNIFORM, ABITS, EVAL_N, CKPT_EVERY, OBJECT_CYCLE, SWAP_CYCLE.
set -euo pipefail
cd "$(dirname "$0")/.."

ATTRS=${ATTRS:-"Smiling Side_Lit Eyeglasses Bangs"}
FLOAT_ITERS=${FLOAT_ITERS:-2000}
QAT_ITERS=${QAT_ITERS:-300}
QAT_DECAY=${QAT_DECAY:-0}             # the QAT stage's last QAT_DECAY iterations anneal both learning rates to 0
QAT_UNIFORM=${QAT_UNIFORM:-1}        # also QAT-train 4-bit uniform, the like-for-like comparison row
WBITS=4
ABITS=${ABITS:-32}                    # float activations: the 8x comes from the weights (see docs/bundled-models.md)
OBJECT_CYCLE=${OBJECT_CYCLE:-0}       # weights of the optional objectCycle / swapCycle terms in the iterations
SWAP_CYCLE=${SWAP_CYCLE:-0}           # this invocation trains (0 = off; docs/training.md)
SEED=1                               # weights and data streams of every run
PRESET=${PRESET:-compact64}          # generator width (src/model/presets.ts); another preset wants its own RUNS
CKPT_EVERY=${CKPT_EVERY:-100}
EVAL_N=${EVAL_N:-300}
CALIBRATE_COUNT=256                  # BN recalibration images per set when publishing
TRAIN_DATA=data/synth20k             # genegan synth seed 1 (training)
TRAIN_COUNT=20000
TEST_DATA=data/synth-test-s7         # seed 7: not used in training; --masks for preservation
TEST_COUNT=8000
TEST_SEED=7
GLASSES_FLOAT_RUN=${GLASSES_FLOAT_RUN:-runs/glasses64}   # the Eyeglasses float run of docs/training.md, reused
RUNS=${RUNS:-runs/bundled}
CLASSIFIERS=runs/bundled/classifiers # the judges, shared by every RUNS (trained once on the training images)
GENEGAN="node bin/genegan.js"

log() { echo "[$(date -u +%H:%M:%S)] $*"; }
slug() { echo "$1" | tr 'A-Z' 'a-z' | tr -d '_'; }

# Newest checkpoint iteration of a run directory (0 when it has none).
ckpt_iter() {
  local last
  last=$(ls -1 "$1/checkpoints" 2>/dev/null | grep '^ckpt-' | sort | tail -n 1 || true)
  if [ -z "$last" ]; then echo 0; else echo $((10#${last#ckpt-})); fi
}

ensure_data() {
  if [ ! -f "$TRAIN_DATA/list_attr_celeba.txt" ]; then
    log "synth $TRAIN_DATA"
    $GENEGAN synth --out "$TRAIN_DATA" --count $TRAIN_COUNT --size 64 --seed $SEED
  fi
  if [ ! -f "$TEST_DATA/list_attr_celeba.txt" ]; then
    log "synth $TEST_DATA (held-out, seed $TEST_SEED, masks)"
    $GENEGAN synth --out "$TEST_DATA" --count $TEST_COUNT --size 64 --seed $TEST_SEED --masks
  fi
}

# What a committed models/<slug>64 holds: "float", "qat-<method>" (unpacked snapshots that
# --init-from can continue), "packed" (a published model) or "none".
snapshot_kind() {
  node -e '
    const fs = require("fs");
    try {
      const m = JSON.parse(fs.readFileSync(process.argv[1] + "/manifest.json", "utf8"));
      if (m.quantization && m.quantization.packed) console.log("packed");
      else console.log(m.config.quant ? "qat-" + m.config.quant.method : "float");
    } catch { console.log("none"); }
  ' "$1"
}

# train RUN_DIR OUT_DIR TARGET ATTR KIND [quant flags...]: continue RUN_DIR up to TARGET iterations.
# Without a checkpoint (runs/ lost, e.g. a fresh clone) a committed snapshot of the same KIND in
# models/<slug>64 starts the generator (--init-from; critics and optimisers restart).
train_to() {
  local run=$1 out=$2 target=$3 attr=$4 kind=$5; shift 5
  local at; at=$(ckpt_iter "$run")
  if [ "$at" -ge "$target" ]; then log "$run: at $at >= $target, done"; return 0; fi
  local snap=models/$(slug "$attr")64 init=()
  if [ "$at" -eq 0 ] && [ "$(snapshot_kind "$snap")" = "$kind" ]; then init=(--init-from "$snap"); fi
  log "$run: $at -> $target $* ${init[*]}"
  $GENEGAN train "${init[@]}" --data "$TRAIN_DATA" --attribute "$attr" --preset "$PRESET" --recipe fast --seed $SEED \
    --iterations "$target" --checkpoint-every $CKPT_EVERY --sample-every $CKPT_EVERY --keep 2 \
    --run-dir "$run" --out "$out" --resume --json --object-cycle "$OBJECT_CYCLE" --swap-cycle "$SWAP_CYCLE" "$@"
}

# The Eyeglasses float run is runs/glasses64 (docs/training.md "The compact64 Eyeglasses model
# (synthetic faces)"; same preset, recipe, seed, batch):
# its newest checkpoint seeds ours instead of training another float model from scratch.
seed_glasses_float() {
  local run=$1
  if [ "$(ckpt_iter "$run")" -eq 0 ] && [ "$(ckpt_iter "$GLASSES_FLOAT_RUN")" -gt 0 ]; then
    local last; last=$(ls -1 "$GLASSES_FLOAT_RUN/checkpoints" | grep '^ckpt-' | sort | tail -n 1)
    log "seeding $run from $GLASSES_FLOAT_RUN/checkpoints/$last"
    mkdir -p "$run/checkpoints"
    cp -r "$GLASSES_FLOAT_RUN/checkpoints/$last" "$run/checkpoints/"
    [ -f "$GLASSES_FLOAT_RUN/losses.jsonl" ] && cp "$GLASSES_FLOAT_RUN/losses.jsonl" "$run/"
  fi
}

# qat METHOD ATTR: fine-tune the float run's final checkpoint with METHOD w${WBITS}a${ABITS} for QAT_ITERS.
# A QAT run that started from an earlier float iteration (FLOAT_ITERS was raised) is set aside.
qat() {
  local method=$1 attr=$2 s; s=$(slug "$2")
  local run=$RUNS/$s/qat-$method-w${WBITS}a${ABITS} at
  at=$(ckpt_iter "$run")
  if [ "$at" -gt 0 ] && [ "$at" -lt "$FLOAT_ITERS" ]; then
    log "$run started before float iteration $FLOAT_ITERS: moved to $run.old-$at"
    rm -rf "$run.old-$at" "$run-model.old-$at" "$run-packed"
    mv "$run" "$run.old-$at" && { [ ! -d "$run-model" ] || mv "$run-model" "$run-model.old-$at"; }
  fi
  if [ "$(ckpt_iter "$run")" -eq 0 ] && [ "$(snapshot_kind "models/${s}64")" != "qat-$method" ]; then
    node --import tsx scripts/prepareQatRun.ts --from "$RUNS/$s/float" --to "$run" --method "$method" --wbits $WBITS --abits $ABITS >/dev/null
  fi
  local end=$((FLOAT_ITERS + QAT_ITERS)) decay=()
  [ "$QAT_DECAY" -gt 0 ] && decay=(--lr-decay-from $((end - QAT_DECAY)))
  train_to "$run" "$run-model" $end "$attr" "qat-$method" --quant "$method" --wbits $WBITS --abits $ABITS "${decay[@]}"
}

# Pack a finished QAT model into models/<slug>64 and describe it in bundled.json.
publish() {
  local attr=$1 s; s=$(slug "$1")
  local model=$RUNS/$s/qat-balanced-w${WBITS}a${ABITS}-model dest=models/${s}64
  local tmp=models/.${s}64.tmp
  pack "$model" balanced "$tmp" "$attr"
  write_bundled_json "$tmp" "$attr" final "$model"
  rm -rf "$dest" && mv "$tmp" "$dest"
  log "published $dest"
}

# pack MODEL METHOD OUT ATTR: the packed low-bit directory of a QAT model. BN moving averages lag
# the weights (Adam at 1e-3 until the last step), so they are re-estimated on training images of
# both sets with the packed generator itself (docs/quantization.md). The uniform QAT comparison
# row is packed the same way, so the two methods are compared like for like.
pack() {
  rm -rf "$3"
  $GENEGAN quantize --model "$1" --bits $WBITS --method "$2" --out "$3" \
    --calibrate "$TRAIN_DATA" --calibrate-count $CALIBRATE_COUNT --attribute "$4" --json >/dev/null
}

# write_bundled_json DIR ATTR STATUS SOURCE_MODEL: what the directory holds, with the real iteration count.
write_bundled_json() {
  node -e '
    const fs = require("fs");
    const [dir, attr, status, source, floatIters, qatIters, qatDecay, testData, testSeed, calibrate, objectCycle, swapCycle, preset] = process.argv.slice(1);
    const m = JSON.parse(fs.readFileSync(source + "/manifest.json", "utf8"));
    const q = m.config.quant ?? null;
    const info = {
      attribute: attr, status, iterations: m.iterations,
      plannedIterations: { float: Number(floatIters), qat: Number(qatIters), qatLearningRateDecay: Number(qatDecay) },
      stage: q === null ? "float (no quantization-aware training yet)" : `QAT ${q.method} w${q.wbits}a${q.abits} from float iteration ${floatIters}`,
      preset, recipe: m.recipe, objectCycle: Number(objectCycle), swapCycle: Number(swapCycle), trainingData: "genegan synth --count 20000 --size 64 --seed 1 (synthetic faces)",
      heldOutTest: `${testData} (genegan synth --seed ${testSeed} --masks), test split`,
      report: `docs/reports/${attr.toLowerCase().replace(/_/g, "")}/`, source,
      packing: status === "final" ? `genegan quantize --calibrate: 4-bit balanced codes, BN statistics re-estimated on ${calibrate} training images per set` : null,
      writtenAt: new Date().toISOString(),
      note: status === "final" ? "finished run of scripts/trainBundled.sh" : "snapshot of a run still in progress: fewer iterations than planned",
    };
    fs.writeFileSync(dir + "/bundled.json", JSON.stringify(info, null, 2) + "\n");
  ' "$1" "$2" "$3" "$4" "$FLOAT_ITERS" "$QAT_ITERS" "$QAT_DECAY" "$TEST_DATA" "$TEST_SEED" "$CALIBRATE_COUNT" "$OBJECT_CYCLE" "$SWAP_CYCLE" "$PRESET"
}

# Final = published from this configuration's balanced QAT run (other ABITS, iterations or decay: not final).
is_final() {
  local f; f=models/$(slug "$1")64/bundled.json
  [ -f "$f" ] && grep -q '"status": "final"' "$f" && grep -q "\"iterations\": $((FLOAT_ITERS + QAT_ITERS))," "$f" \
    && grep -q "\"qatLearningRateDecay\": $QAT_DECAY\b" "$f" \
    && grep -q "\"source\": \"$RUNS/$(slug "$1")/qat-balanced-w${WBITS}a${ABITS}-model\"" "$f"
}

# Copy each attribute's newest inference model (QAT if started, else float) to models/<slug>64,
# unless a final model is there already. The manifest's "iterations" is the real count.
snapshot() {
  for attr in $ATTRS; do
    local s; s=$(slug "$attr")
    local dest=models/${s}64 qat=$RUNS/$s/qat-balanced-w${WBITS}a${ABITS}-model flt=$RUNS/$s/float-model src=""
    if is_final "$attr"; then continue; fi
    if [ -f "$qat/manifest.json" ]; then src=$qat; elif [ -f "$flt/manifest.json" ]; then src=$flt; fi
    [ -z "$src" ] && continue
    local tmp=models/.${s}64.tmp
    rm -rf "$tmp"
    # Unpacked (float master weights, ~2 MB): served as is (QAT ones fake-quantized) and
    # continuable with --init-from when runs/ is gone.
    mkdir -p "$tmp" && cp "$src/manifest.json" "$src/weights.bin" "$tmp/"
    write_bundled_json "$tmp" "$attr" partial "$src"
    rm -rf "$dest" && mv "$tmp" "$dest"
    log "snapshot $dest from $src"
  done
}

# Judges: trained on the training images (seed 1); scored on the held-out seed-7 set.
classifiers() {
  local attr=$1 s; s=$(slug "$1")
  local dir=$CLASSIFIERS
  if [ ! -f "$dir/$s/manifest.json" ]; then
    $GENEGAN classifier train --data "$TRAIN_DATA" --attribute "$attr" --out "$dir/$s" --steps 1000
  fi
  if [ "$attr" != Smiling ] && [ ! -f "$dir/$s-factors/manifest.json" ]; then
    $GENEGAN classifier train --kind factors --data "$TRAIN_DATA" --attribute "$attr" --out "$dir/$s-factors" --steps 2500
  fi
}

# eval ATTR: float model, its post-training 4-bit balanced / uniform versions, and the QAT models
# that exist, on the held-out test split -> docs/reports/<slug>/ (report.html + metrics.json).
evaluate() {
  local attr=$1 s; s=$(slug "$1")
  classifiers "$attr"
  local flt=$RUNS/$s/float-model
  local args=() ptq=balanced:4,uniform:4
  # Without the float model (runs/ lost) only the QAT rows can be scored; its numbers are in the committed report.
  if [ -f "$flt/manifest.json" ]; then args=(--model "$flt"); else ptq=none; log "warning: no float model for $attr"; fi
  # The published directory is what npm start serves: score it, not its unpacked source.
  if is_final "$attr"; then args+=(--model "models/${s}64"); fi
  for q in "$RUNS/$s"/qat-*-model; do
    [ -f "$q/manifest.json" ] || continue
    if is_final "$attr" && [ "$q" = "$RUNS/$s/qat-balanced-w${WBITS}a${ABITS}-model" ]; then continue; fi
    [ -f "${q%-model}-packed/manifest.json" ] && q=${q%-model}-packed   # packed like the published one
    args+=(--model "$q")
  done
  local fc=()
  [ -f "$CLASSIFIERS/$s-factors/manifest.json" ] && fc=(--factors-classifier "$CLASSIFIERS/$s-factors")
  mkdir -p docs/reports
  $GENEGAN eval "${args[@]}" --data "$TEST_DATA" --split test --n $EVAL_N --attribute "$attr" \
    --classifier "$CLASSIFIERS/$s" "${fc[@]}" --ptq "$ptq" --out "docs/reports/$s"
}

# Low-bit activations (docs/bundled-models.md "Low-bit activations"). The float checkpoints of
# the bundled models are not kept, so every variant starts from the served w4a32 generator:
#   1. post-training: `genegan quantize` packs it again at w4a<A>, fitting each quantized input's
#      activation range and recalibrating BN on training images (its weight codes are kept);
#   2. QAT: `genegan train --init-from` that packed model (dequantized kernels, ranges, BN; fresh
#      critics and optimisers) with METHOD w4a<A> for ACT_ITERS, the last ACT_DECAY annealed to 0;
#   3. packed and recalibrated like the published models.
# Balanced and uniform of one attribute and width share the start, ranges, seed, data stream and
# schedule, so they are a paired comparison.
#   $RUNS/<slug>/w4a32                     copy of the served w4a32 model (the start and the baseline row)
#   $RUNS/<slug>/ptq-balanced-w4a<A>       step 1 (also a row of the table)
#   $RUNS/<slug>/act-<method>-w4a<A>       run, -model (inference), -packed (packed + recalibrated)
ACT_ITERS=${ACT_ITERS:-200}
ACT_DECAY=${ACT_DECAY:-100}
ACT_VARIANTS=${ACT_VARIANTS:-"balanced:8 balanced:4 uniform:4 uniform:8"}

act_base() {
  local s; s=$(slug "$1")
  local base=$RUNS/$s/w4a32 src=models/${s}64
  if [ ! -f "$base/manifest.json" ]; then
    grep -q '"abits": 32' "$src/manifest.json" || { echo "$src is not the w4a32 model; restore it from git to start" >&2; exit 2; }
    mkdir -p "$RUNS/$s" && cp -r "$src" "$base"
  fi
  echo "$base"
}

# act_ptq ATTR ABITS: step 1, echoes the directory.
act_ptq() {
  local attr=$1 abits=$2 s; s=$(slug "$1")
  local base; base=$(act_base "$attr")
  local out=$RUNS/$s/ptq-balanced-w${WBITS}a$abits
  if [ ! -f "$out/manifest.json" ]; then
    $GENEGAN quantize --model "$base" --bits $WBITS --method balanced --abits "$abits" --out "$out" \
      --calibrate "$TRAIN_DATA" --calibrate-count $CALIBRATE_COUNT --attribute "$attr" --json >/dev/null
  fi
  echo "$out"
}

# act ATTR METHOD ABITS: steps 2 and 3.
act() {
  local attr=$1 method=$2 abits=$3 s; s=$(slug "$1")
  local base; base=$(act_base "$attr")
  local start; start=$(act_ptq "$attr" "$abits")
  local run=$RUNS/$s/act-$method-w${WBITS}a$abits
  local from; from=$(node -e 'console.log(require(process.argv[1]).iterations)' "$PWD/$start/manifest.json")
  local cyc; cyc=$(node -e 'console.log(require(process.argv[1]).objectCycle)' "$PWD/$base/bundled.json")
  local end=$((from + ACT_ITERS)) init=()
  [ "$(ckpt_iter "$run")" -eq 0 ] && init=(--init-from "$start")
  if [ "$(ckpt_iter "$run")" -lt "$end" ]; then
    log "$run: -> $end"
    $GENEGAN train "${init[@]}" --data "$TRAIN_DATA" --attribute "$attr" --preset "$PRESET" --recipe fast --seed $SEED \
      --iterations $end --lr-decay-from $((end - ACT_DECAY)) --checkpoint-every 50 --sample-every 50 --keep 2 \
      --run-dir "$run" --out "$run-model" --resume --json --object-cycle "$cyc" --swap-cycle "$SWAP_CYCLE" \
      --quant "$method" --wbits $WBITS --abits "$abits" >/dev/null
  fi
  if [ ! "$run-packed/manifest.json" -nt "$run-model/manifest.json" ]; then
    log "pack $run-packed"
    pack "$run-model" "$method" "$run-packed" "$attr"
  fi
}

# stage_packed DIR TMP ATTR: a packed model's files copied into a fresh TMP (published by moving
# TMP), its manifest given the attribute's measured change mask (docs/face.md "How the mask was
# chosen" and "Consistent upsampling"); other attributes use the service's default.
stage_packed() {
  rm -rf "$2" && mkdir -p "$2" && cp "$1/manifest.json" "$1/packed.json" "$1/packed.bin" "$2/"
  local mask=""
  case "$3" in
    Smiling) mask='{"low":0.003,"high":0.01,"eraseLow":0.005,"eraseHigh":0.01}' ;;       # the residual-fakes model's
    Side_Lit) mask='{"low":0.01,"high":0.03,"eraseLow":1,"eraseHigh":2}' ;;   # the residual-fakes model's (docs/face.md)
    Eyeglasses) mask='{"low":0.01,"high":0.03,"eraseLow":0.06,"eraseHigh":0.12,"consistentLow":0.02,"consistentHigh":0.06}' ;;   # with consistent upsampling (docs/face.md)
  esac
  [ -z "$mask" ] || node -e '
    const fs = require("fs");
    const [file, mask] = process.argv.slice(1);
    const m = JSON.parse(fs.readFileSync(file, "utf8"));
    m.composite = { changeMask: JSON.parse(mask) };
    fs.writeFileSync(file, JSON.stringify(m, null, 2) + "\n");
  ' "$2/manifest.json" "$mask"
}

# act_publish ATTR DIR: serve DIR (a packed variant above) as models/<slug>64; bundled.json keeps
# the w4a32 model's history and says what changed.
act_publish() {
  local attr=$1 dir=$2 s; s=$(slug "$1")
  local base; base=$(act_base "$attr")
  local dest=models/${s}64 tmp=models/.${s}64.tmp
  stage_packed "$dir" "$tmp" "$attr"
  node -e '
    const fs = require("fs");
    const [base, dir, tmp] = process.argv.slice(1);
    const info = JSON.parse(fs.readFileSync(base + "/bundled.json", "utf8"));
    const q = JSON.parse(fs.readFileSync(dir + "/manifest.json", "utf8")).quantization;
    const how = q.postTraining ? "post-training: activation ranges fitted and BN recalibrated on " + q.calibration.count + " training images per set"
      : "quantization-aware training, then packed with BN recalibrated";
    info.stage = info.stage + `; then ${q.method} w${q.wbits}a${q.abits} activations (${how})`;
    info.source = dir;
    info.activations = { abits: q.abits, ranges: "calibrated", from: base, how };
    info.report = info.report.replace(/\/$/, "") + "-activations/";
    info.writtenAt = new Date().toISOString();
    fs.writeFileSync(tmp + "/bundled.json", JSON.stringify(info, null, 2) + "\n");
  ' "$base" "$dir" "$tmp"
  rm -rf "$dest" && mv "$tmp" "$dest"
  log "published $dest from $dir"
}

activations_train() {
  ensure_data
  for v in $ACT_VARIANTS; do
    for attr in $ATTRS; do
      [ "$attr" = Bangs ] || act "$attr" "${v%%:*}" "${v##*:}"
    done
  done
}

# act_eval ATTR: the w4a32 baseline, the post-training and the QAT variants, on the held-out split
# (transfer, reconstruction, fidelity, preservation; the Fréchet distances are in the main reports).
act_eval() {
  local attr=$1 s; s=$(slug "$1")
  local args=(--model "$(act_base "$attr")")
  for p in "$RUNS/$s"/ptq-*-w4a* "$RUNS/$s"/act-*-packed; do [ -f "$p/manifest.json" ] && args+=(--model "$p"); done
  local fc=()
  [ -f "$CLASSIFIERS/$s-factors/manifest.json" ] && fc=(--factors-classifier "$CLASSIFIERS/$s-factors")
  classifiers "$attr"
  $GENEGAN eval "${args[@]}" --data "$TEST_DATA" --split test --n $EVAL_N --attribute "$attr" \
    --classifier "$CLASSIFIERS/$s" "${fc[@]}" --ptq none --features none --counterfactual-scale 0 --out "docs/reports/$s-activations"
  # The served model beside w4a32 on the counterfactual ground truth too (slow: 256 px faces).
  $GENEGAN eval --model "$(act_base "$attr")" --model "models/${s}64" --data "$TEST_DATA" --split test --n $EVAL_N --attribute "$attr" \
    --classifier "$CLASSIFIERS/$s" "${fc[@]}" --ptq none --features none --out "docs/reports/$s-activations/served"
}

# refit ATTR: a generator for ATTR fine-tuned from another attribute's working generator
# (REFIT_FROM, default models/eyeglasses64: its object part carries an attribute), with balanced
# 4-bit QAT and a heavier reconstruction term (REFIT_RECON, default 3) for REFIT_ITERS iterations
# (default 1500, the last REFIT_DECAY = 100 annealed), then packed at w4a8 post-training and scored
# on the counterfactual truths (docs/bundled-models.md "Smiling": why Smiling's own float run
# cannot be served). refit-publish ATTR serves the packed result as models/<slug>64.
# REFIT_FAKES=residual shows the critics the residual composites (docs/training.md "Residual
# fakes"), REFIT_MASK=LOW,HIGH their change mask; REFIT_NAME (default refit) names the run
# ($RUNS/<slug>/<name>) and its report (docs/reports/<slug>-<name>/).
refit() {
  local attr=$1 s; s=$(slug "$1")
  local from=${REFIT_FROM:-models/eyeglasses64} recon=${REFIT_RECON:-3} iters=${REFIT_ITERS:-1500} decay=${REFIT_DECAY:-100}
  local name=${REFIT_NAME:-refit} run start end init=() fakes=()
  run=$RUNS/$s/$name
  [ -n "${REFIT_FAKES:-}" ] && fakes=(--fakes "$REFIT_FAKES")
  [ -n "${REFIT_MASK:-}" ] && fakes+=(--change-mask "$REFIT_MASK")
  start=$(node -e 'console.log(require(process.argv[1]).iterations)' "$PWD/$from/manifest.json")
  end=$((start + iters))
  [ "$(ckpt_iter "$run")" -eq 0 ] && init=(--init-from "$from")
  if [ "$(ckpt_iter "$run")" -lt "$end" ]; then
    log "$run: -> $end"
    $GENEGAN train "${init[@]}" --data "$TRAIN_DATA" --attribute "$attr" --preset "$PRESET" --recipe fast --seed $SEED \
      --iterations $end --lr-decay-from $((end - decay)) --checkpoint-every 100 --sample-every 100 --keep 3 \
      --run-dir "$run" --out "$run-model" --resume --json --reconstruction-weight "$recon" \
      --quant balanced --wbits $WBITS --abits 32 "${fakes[@]}" >/dev/null
  fi
  if [ ! "$run-w4a8/manifest.json" -nt "$run-model/manifest.json" ]; then
    rm -rf "$run-w4a8"
    $GENEGAN quantize --model "$run-model" --bits $WBITS --method balanced --abits 8 --out "$run-w4a8" \
      --calibrate "$TRAIN_DATA" --calibrate-count $CALIBRATE_COUNT --attribute "$attr" --json >/dev/null
  fi
  classifiers "$attr"
  $GENEGAN eval --model "$run-w4a8" --data "$TEST_DATA" --split test --n $EVAL_N --attribute "$attr" \
    --classifier "$CLASSIFIERS/$s" --ptq none --features none --out "docs/reports/$s-$name"
}

refit_publish() {
  local attr=$1 s; s=$(slug "$1")
  local name=${REFIT_NAME:-refit}
  local run=$RUNS/$s/$name dest=models/${s}64 tmp=models/.${s}64.tmp
  stage_packed "$run-w4a8" "$tmp" "$attr"
  node -e '
    const fs = require("fs");
    const [run, tmp, attr, from, recon, decay, preset, name, fakes, mask] = process.argv.slice(1);
    const m = JSON.parse(fs.readFileSync(run + "-model/manifest.json", "utf8"));
    const start = JSON.parse(fs.readFileSync(from + "/manifest.json", "utf8")).iterations; // read before dest is replaced
    const shown = fakes === "residual" ? `, the critics shown the residual composites${mask ? ` (change mask ${mask})` : ""}` : "";
    const info = {
      attribute: attr, status: "final", iterations: m.iterations,
      stage: `${name}: balanced 4-bit QAT from ${from} (iteration ${start}) on ${attr}, ${m.iterations - start} iterations, reconstruction weight ${recon}${shown}, last ${decay} iterations annealed; then balanced w4a8 post-training (activation ranges fitted, BN recalibrated)`,
      preset, recipe: m.recipe, trainingData: "genegan synth --count 20000 --size 64 --seed 1 (synthetic faces)",
      report: `docs/reports/${attr.toLowerCase().replace(/_/g, "")}-${name}/`, source: run + "-w4a8",
      writtenAt: new Date().toISOString(), note: "scripts/trainBundled.sh refit, then refit-publish (REFIT_* as in stage)",
    };
    fs.writeFileSync(tmp + "/bundled.json", JSON.stringify(info, null, 2) + "\n");
  ' "$run" "$tmp" "$attr" "${REFIT_FROM:-models/eyeglasses64}" "${REFIT_RECON:-3}" "${REFIT_DECAY:-100}" "$PRESET" "$name" "${REFIT_FAKES:-}" "${REFIT_MASK:-}"
  rm -rf "$dest" && mv "$tmp" "$dest"
  log "published $dest from $run-w4a8"
}

all() {
  ensure_data
  for attr in $ATTRS; do
    local s; s=$(slug "$attr")
    mkdir -p "$RUNS/$s"
    if is_final "$attr"; then log "models/${s}64 is final"; continue; fi
    # A committed QAT snapshot means the float stage was finished before runs/ was lost.
    if [ "$(snapshot_kind "models/${s}64")" != qat-balanced ] || [ "$(ckpt_iter "$RUNS/$s/float")" -gt 0 ]; then
      [ "$attr" = Eyeglasses ] && seed_glasses_float "$RUNS/$s/float"
      train_to "$RUNS/$s/float" "$RUNS/$s/float-model" "$FLOAT_ITERS" "$attr" float
    fi
    qat balanced "$attr"
    publish "$attr"
  done
  for attr in $ATTRS; do
    local s; s=$(slug "$attr")
    if [ "$QAT_UNIFORM" = 1 ] && [ "$(ckpt_iter "$RUNS/$s/float")" -gt 0 ]; then
      qat uniform "$attr"
      local u=$RUNS/$s/qat-uniform-w${WBITS}a${ABITS}
      [ "$u-packed/manifest.json" -nt "$u-model/manifest.json" ] || pack "$u-model" uniform "$u-packed" "$attr"
    fi
    evaluate "$attr"
  done
}

case "${1:-all}" in
  all) all ;;
  snapshot) snapshot ;;
  eval) ensure_data; evaluate "${2:?expected an attribute, e.g. Smiling}" ;;
  activations) activations_train; for attr in $ATTRS; do [ "$attr" = Bangs ] || act_eval "$attr"; done ;;
  activations-train) activations_train ;;
  activations-eval) ensure_data; act_eval "${2:?expected an attribute, e.g. Smiling}" ;;
  activations-publish) act_publish "${2:?expected an attribute}" "${3:?expected a packed variant directory}" ;;
  refit) ensure_data; refit "${2:?expected an attribute, e.g. Smiling}" ;;
  refit-publish) refit_publish "${2:?expected an attribute}" ;;
  data) ensure_data ;;
  *) echo "usage: scripts/trainBundled.sh [all|snapshot|eval ATTR|data|activations|activations-train|activations-eval ATTR|activations-publish ATTR DIR|refit ATTR|refit-publish ATTR]" >&2; exit 2 ;;
esac
