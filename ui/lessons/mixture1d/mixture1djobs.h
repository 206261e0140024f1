#pragma once
// The 1-D lesson's jobs: plain functions of a document snapshot and the compute context's device,
// run on the lesson's JobTracker (worker thread). Qt-free apart from the lesson's own types; every
// number comes from core (core/eval).

#include "core/eval/mixture1dchains.h"
#include "core/eval/posterior1d.h"
#include "core/runtime/progress.h"
#include "ui/lessons/mixture1d/mixture1ddocument.h"

#include <c10/core/Device.h>

#include <memory>

namespace ds::ui {

// What the lesson shows after a chain job: its inputs, the chains and the posterior table for
// the snapshot's x_t and jump.
struct Mixture1DResult {
  Mixture1DSnapshot snapshot;
  NoiseSchedule schedule;
  std::shared_ptr<const Mixture1DChains> chains;
  std::shared_ptr<const PosteriorTable1D> posterior;
};

// The forward and reverse chains, the q(x_t) heatmap and the posterior table.
Mixture1DResult runMixture1DChains(const Mixture1DSnapshot& snapshot, const c10::Device& device,
                                   const ProgressFn& progress, const CancelToken& cancel);

// The posterior table alone (x_t or the jump changed), over the shown chains' plotting range: closed
// forms in double on the CPU. With a learned model, its ε_θ at x_t for every t is evaluated first
// (one batched forward pass, where the network lives) for the learned step. onlyT ≥ 0: that slice
// alone (milliseconds), shown while the whole table is computed.
std::shared_ptr<const PosteriorTable1D> runPosterior1D(const Mixture1DSnapshot& snapshot, double xMin, double xMax,
                                                       const CancelToken& cancel, int onlyT = -1);

}  // namespace ds::ui
