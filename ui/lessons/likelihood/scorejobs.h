#pragma once
// The "Score & Langevin" page's jobs (worker thread): the score field of the setup's denoiser over
// the exact density q(x_t) on a grid, for one level or for every level of an annealed run, and a
// recorded Langevin run of particles (core/sampling/langevin.h) with its distance to the target
// distribution at every recorded frame. The page only indexes these results while it animates.

#include "core/gmm.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace ds {
class Denoiser;
}

namespace ds::ui {

enum class LangevinMode { FixedT, Annealed };

// The page's own settings (its control column; saved in lesson files).
struct ScoreSettings {
  LangevinMode mode = LangevinMode::FixedT;
  int particles = 500;
  int stepsPerLevel = 100;
  bool snrRule = true;     // δ from the signal-to-noise ratio r, else the fixed δ
  double snr = 0.16;       // Song et al. 2021's r for VP models
  double stepSize = 0.01;  // fixed δ (x units²)
  int levels = 10;         // annealed: levels from T down to 1
  bool denoiseFinal = true;
  bool startAtPoint = false;               // every particle starts at `start`, else x ~ N(0, I)
  std::vector<double> start = {0.0, 0.0};  // size ≥ dim
  std::uint64_t seed = 0;

  bool operator==(const ScoreSettings& o) const;
  bool operator!=(const ScoreSettings& o) const { return !(*this == o); }
};

// Everything a job reads, by value.
struct ScoreInputs {
  GaussianMixture mixture;
  ScheduleSpec schedule;
  std::shared_ptr<const Denoiser> learned;  // null: the exact E[ε | x_t] of `mixture`
  ScoreSettings settings;
  int t = 1;  // the level of the fixed-t mode (1..T)
};

constexpr int kScorePlaneGrid = 90;     // density cells per axis (2-D)
constexpr int kScoreArrowGrid = 17;     // arrows per axis (2-D)
constexpr int kScoreCurvePoints = 301;  // points of the 1-D curves
constexpr int kScoreMaxFrames = 400;    // recorded frames of a run at most (recordStride grows beyond)

// The levels a run visits: {t} at a fixed t; annealed, `levels` evenly spaced from T down to 1
// inclusive (ds::annealedLevels).
std::vector<int> scoreLevels(const ScoreInputs& inputs);

struct ScoreLevelField {
  int t = 0;                   // 0: the data (the frame after the final denoising step)
  std::vector<float> density;  // exact q(x_t): 2-D grid² cells (x fastest), 1-D at `xs`
  std::vector<double> score;  // the denoiser's −ε̂/√(1−ᾱ_t): 2-D interleaved at fieldPoints, 1-D at xs; empty at t = 0
  std::vector<double> exactScore;  // learned denoiser only: the exact ∇log q(x_t) at the same points
};

struct ScoreFields {
  int dim = 2;
  int T = 0;
  double lo = -4, hi = 4;  // 2-D: the square [lo, hi]²; 1-D: the x range
  int grid = 0;            // 2-D: density cells per axis; 1-D: curve points
  std::vector<double> xs;  // 1-D: the curve's x
  int arrowGrid = 0;
  std::vector<double> fieldPoints;      // 2-D: arrowGrid² interleaved (x, y), x fastest
  std::vector<ScoreLevelField> levels;  // in the order of the request
  bool learned = false;
  // The level whose t is nearest `t` (ties: the smaller t); -1 when empty.
  int indexFor(int t) const;
};

// The exact density and the score field at each of `levels` (0 allowed: the data, no arrows).
ScoreFields computeScoreFields(const ScoreInputs& inputs, const std::vector<int>& levels, const c10::Device& device,
                               const ProgressFn& progress, const CancelToken& cancel);

struct LangevinFrames {
  int dim = 2;
  int n = 0;
  std::vector<int> levels;  // the levels visited, in order
  int stepsPerLevel = 0;
  long long totalUpdates = 0;
  int stride = 1;                     // updates between recorded frames
  std::vector<std::vector<float>> x;  // per frame: n·dim floats (particle i at [i·dim, (i+1)·dim))
  std::vector<int> t;                 // per frame: its level (0: after the final denoising step)
  std::vector<long long> update;      // per frame: updates done
  std::vector<double> delta;          // per frame: δ of the update that made it (NaN: the start, x̂_0)
  // The distance of each frame to the target (KS in 1-D against the exact CDF, sliced W₂ in 2-D
  // against an exact sample), and the same distance for an independent exact sample of n points:
  // what a perfect sampler would score.
  int targetT = 0;               // the target is q(x_targetT); 0 = the data
  std::vector<double> distance;  // per frame; NaN where not computed (at most ~100 frames are, and the last)
  double floor = 0;
  std::int64_t evaluations = 0;
  int frames() const { return static_cast<int>(t.size()); }
  // The distance at the last frame ≤ `frame` where it was computed (NaN if none).
  double distanceAt(int frame) const;
};

// The Langevin run of the inputs' mode (fixed: at inputs.t; annealed: over scoreLevels), recording
// every `stride`-th update (at most kScoreMaxFrames frames). Seeds: the run uses settings.seed, the
// reference samples seed + 1 and + 2. Throws std::invalid_argument for bad settings, NonFiniteError
// when the particles diverge (a step size too large), Cancelled.
LangevinFrames runLangevinFrames(const ScoreInputs& inputs, const c10::Device& device, const ProgressFn& progress,
                                 const CancelToken& cancel);

}  // namespace ds::ui
