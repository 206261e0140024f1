#pragma once
// The "Point NLL & paths" page's job (worker thread): one point x_0's negative log-likelihood three
// ways — exact −log q(x_0) of the mixture, the probability-flow ODE estimate, the variational bound
// averaged over M copies of the point — and its paths: x_0 encoded to x_T along the ODE, decoded
// back (deterministic: lands on x_0), and DDPM chains from the same x_T (stochastic: land elsewhere).
// Also the tables the view draws (the data density on a square grid, or a 1-D curve), so the GUI
// thread evaluates nothing.

#include "core/likelihood/ode.h"
#include "core/runtime/progress.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"

#include <c10/core/Device.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace ds::ui {

constexpr int kPointPlaneGrid = 120;  // density cells per axis (2-D)
constexpr int kPointCurve = 400;      // points of the density curve (1-D)

struct PointSettings {
  OdeSolver solver = OdeSolver::Adaptive;
  int heunSteps = 50;  // Heun: steps of the ODE (NLL, encoding and decoding)
  double rtol = 1e-5, atol = 1e-5;
  int vlbCopies = 64;  // M copies of x_0 for the VLB's mean and standard error
  int ddpmPaths = 3;   // stochastic DDPM chains from the same x_T
  std::uint64_t seed = 0;

  bool operator==(const PointSettings& o) const {
    return solver == o.solver && heunSteps == o.heunSteps && rtol == o.rtol && atol == o.atol &&
           vlbCopies == o.vlbCopies && ddpmPaths == o.ddpmPaths && seed == o.seed;
  }
};

struct PointRequest {
  LikelihoodSetup setup;
  std::vector<double> x0;  // size D
  PointSettings settings;
  c10::Device device = c10::Device(c10::kCPU);
};

// A recorded path: `times` (continuous t; descending for decoding and DDPM, ascending for encoding)
// and x at each, D values per entry.
struct PointPath {
  std::vector<double> times;
  std::vector<double> x;  // [times.size()][D]
  int size() const { return static_cast<int>(times.size()); }
  // x at continuous t, linear between the recorded entries (clamped to the ends); out: D values.
  void at(double t, int dim, double* out) const;
};

struct PointResult {
  quint64 generation = 0;
  int dim = 0, T = 0;
  std::vector<double> x0;
  PointSettings settings;
  bool learned = false;
  QString denoiserLabel;

  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double exactNats = kNaN;          // −log q(x_0), the mixture's exact NLL
  double odeNats = kNaN;            // ODE with the model's prior N(0, I)
  double odeExactPriorNats = kNaN;  // exact denoiser only: ODE with p_T = q(x_T) (solver error alone)
  std::int64_t odeEvaluations = 0;
  double vlbMean = kNaN, vlbStdError = kNaN;          // over the M copies (each an exact sum over t)
  double vlbL0 = kNaN, vlbLMid = kNaN, vlbLT = kNaN;  // their mean terms
  int vlbCopies = 0;

  std::vector<double> xT;  // the encoded latent
  PointPath encode, decode;
  std::vector<PointPath> ddpm;
  double roundTripError = kNaN;  // max |decoded x_0 − x_0|

  // 2-D: the data density on grid×grid cells over [lo, hi]², x fastest; 1-D: a curve.
  double lo = -4, hi = 4;
  int grid = kPointPlaneGrid;
  std::vector<float> density;
  std::vector<double> curveX, curveY;

  double bitsPerDim(double nats) const;  // nats / (D ln 2)
};

// Throws std::invalid_argument (bad x_0, settings), ds::Cancelled, and whatever the core throws.
PointResult runPoint(const PointRequest& request, const ProgressFn& progress, const CancelToken& cancel);

}  // namespace ds::ui
