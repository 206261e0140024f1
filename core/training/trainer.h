#pragma once
// Training an MlpDenoiser on a point set: the ε-prediction objective of Ho et al. 2020 with
// Adam, gradient clipping and EMA weights, seeded, reporting progress, cancellable and resumable.
//
// A Trainer holds the whole training state (weights, EMA weights, Adam moments, step, random
// generator), so run() can be called repeatedly: Pause = cancel the token, Resume = run() again.
// Call model(), state() and lossHistory() between runs or from inside the progress callback
// (which runs on the training thread); they return copies.

#include "core/models/mlp.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ds {

enum class LossWeighting {
  Simple,  // L_simple: every t weighted equally (Ho et al. 2020, eq. 14)
  Vlb,     // the true variational bound: each t weighted by its KL term's coefficient (eq. 12)
};
LossWeighting parseLossWeighting(const std::string& name);  // "simple" | "vlb"
std::string toString(LossWeighting weighting);

// Per-timestep weights w_t of the ε-MSE, index t-1, normalised to mean 1 over t (so the learning
// rate means the same for both). Simple: all 1. Vlb: w_t ∝ β_t² / (2 σ_t² α_t (1-ᾱ_t)), the
// coefficient of ‖ε - ε_θ‖² in L_{t-1} (Ho et al. 2020, eq. 12) with σ_t² = β̃_t, and β̃_1 replaced
// by β̃_2 (DESIGN.md: the clipped posterior variance) so that t = 1 has a finite weight.
std::vector<double> lossWeights(const NoiseSchedule& schedule, LossWeighting weighting);

struct TrainConfig {
  std::int64_t batchSize = 256;
  double learningRate = 3e-3;
  double emaDecay = 0.995;  // EMA of the weights (with warm-up min(decay, (1+k)/(10+k))); 0 = none
  double gradClip = 1.0;    // clip the global gradient norm to this; 0 = no clipping
  LossWeighting weighting = LossWeighting::Simple;
  std::uint64_t seed = 0;     // initial weights and every random draw of training
  int lossBands = 10;         // progress reports the loss in this many equal bands of t
  int reportEvery = 50;       // steps between progress reports (one also comes at the end of a run)
  double labelDropout = 0.1;  // conditional models: share of batches rows trained with the null label
  double adamBeta1 = 0.9, adamBeta2 = 0.999, adamEps = 1e-8;

  void validate() const;  // std::invalid_argument naming the bad field
};

struct TrainProgress {
  std::int64_t step = 0;         // optimisation steps done in total (all runs)
  std::int64_t runStep = 0;      // steps done in this run
  std::int64_t runTotal = 0;     // steps this run was asked for
  double loss = 0;               // mean (weighted) training loss since the previous report
  std::vector<double> bandLoss;  // mean unweighted ε-MSE per band of t since the previous report; NaN if empty
  double seconds = 0;            // wall time of this run so far
};
using TrainProgressFn = std::function<void(const TrainProgress&)>;

enum class TrainStatus {
  Completed,  // all requested steps done
  Cancelled,  // the cancel token was set; state is consistent, run() can continue
  Diverged,   // the loss or gradient became NaN/Inf; weights are the last good ones
};

struct TrainResult {
  TrainStatus status = TrainStatus::Completed;
  std::string message;          // human-readable, e.g. why training stopped
  std::int64_t steps = 0;       // steps done in this run (after any roll-back)
  std::int64_t totalSteps = 0;  // step count of the trainer afterwards
  double loss = 0;              // mean loss over the last report interval
  double seconds = 0;
};

// Everything needed to continue training later (saved in checkpoints). Tensors are flat float32
// vectors over all parameters, in the module's registration order.
struct TrainerState {
  std::int64_t step = 0;
  at::Tensor weights;  // raw (non-EMA) weights
  at::Tensor ema;      // EMA weights (= the model that samples)
  at::Tensor adamM, adamV;
};

class Trainer {
 public:
  // data: float [M, D] with D = arch.dim; labels: int64 [M] in 0..numClasses-1 for conditional models.
  // Throws std::invalid_argument for bad shapes, non-finite data or a T that differs from the schedule.
  Trainer(const MlpConfig& arch, NoiseSchedule schedule, at::Tensor data, TrainConfig config = {},
          at::Tensor labels = {}, const c10::Device& device = c10::Device(c10::kCPU));
  // Continues from existing weights (e.g. a loaded checkpoint); with a state, also its EMA, Adam
  // moments and step count.
  Trainer(const MlpDenoiser& start, NoiseSchedule schedule, at::Tensor data, TrainConfig config = {},
          at::Tensor labels = {}, const TrainerState* state = nullptr,
          const c10::Device& device = c10::Device(c10::kCPU));
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // Runs `steps` more optimisation steps. Never throws for divergence or cancellation: see status.
  TrainResult run(std::int64_t steps, const TrainProgressFn& progress = {}, const CancelToken& cancel = {});

  std::int64_t step() const;
  // A snapshot for sampling (EMA weights by default), in eval mode on the training device.
  std::shared_ptr<MlpDenoiser> model(bool ema = true) const;
  TrainerState state() const;
  // (step, mean loss) at every progress report so far, for loss curves.
  const std::vector<std::pair<std::int64_t, double>>& lossHistory() const;

  const MlpConfig& architecture() const;
  const NoiseSchedule& schedule() const;
  const TrainConfig& config() const;
  void setLearningRate(double lr);

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace ds
