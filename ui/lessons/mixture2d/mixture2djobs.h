#pragma once
// The 2-D lesson's jobs: plain functions of a document snapshot and the compute context's device,
// run on the lesson's JobTracker (worker thread). Every number comes from core (core/eval) or, for
// a learned model, from one batched network evaluation per table.

#include "core/eval/mixture2dchains.h"
#include "core/eval/posterior2d.h"
#include "core/runtime/progress.h"
#include "ui/lessons/mixture2d/mixture2ddocument.h"

#include <c10/core/Device.h>

#include <memory>
#include <vector>

namespace ds::ui {

constexpr int kPlaneGrid = 100;     // density cells per axis of the plane
constexpr int kFieldGrid = 19;      // arrows per axis
constexpr int kPosteriorGrid = 72;  // cells per axis of the posterior map

struct Mixture2DResult {
  Mixture2DSnapshot snapshot;
  NoiseSchedule schedule;
  std::shared_ptr<const Mixture2DChains> chains;
  // −ε_θ and the learned score −ε_θ/√(1−ᾱ_t) (score = −E[ε | x_t]/√(1−ᾱ_t)) on the arrow grid,
  // [(T+1)][2·kFieldGrid²], zeros at t = 0 (learned only, else null).
  std::shared_ptr<const std::vector<float>> learnedNegEps;
  std::shared_ptr<const std::vector<float>> learnedScore;
  // The posterior maps for the snapshot's clicked x_t and jump (null before a click).
  std::shared_ptr<const PosteriorTable2D> posterior;
};

// The chains, the density and field tables, the learned field and the posterior table.
Mixture2DResult runMixture2DChains(const Mixture2DSnapshot& snapshot, const c10::Device& device,
                                   const ProgressFn& progress, const CancelToken& cancel);

// The posterior table alone (a new click or jump). With a learned model its ε_θ at x_t for every t
// is evaluated first, for the learned step. onlyT ≥ 0: that slice alone (milliseconds), shown while
// the whole table is computed.
std::shared_ptr<const PosteriorTable2D> runPosterior2D(const Mixture2DSnapshot& snapshot, const CancelToken& cancel,
                                                       int onlyT = -1);

}  // namespace ds::ui
