#pragma once
// The VLB page's job (worker thread): N points drawn from the data mixture, the variational bound
// summed exactly over every t (core/likelihood/vlb.h, sampledT = 0), its mean per term, the weight
// λ_t of ‖ε − ε̂‖² in each term (beside L_simple's 1) and the data's exact NLL at the same points.
// The views only draw the result.

#include "core/gmm.h"
#include "core/likelihood/vlb.h"
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

struct VlbPageRequest {
  GaussianMixture mixture;
  ScheduleSpec schedule;
  std::shared_ptr<const Denoiser> learned;  // null: the exact E[ε | x_t] of `mixture`
  int points = 500;                         // N
  std::uint64_t seed = 0;                   // the points and the x_t draws
  VlbVariance variance = VlbVariance::Large;
  c10::Device device = c10::Device(c10::kCPU);
};

struct VlbPageResult {
  VlbPageRequest request;
  int dims = 1;
  // Mean over the points of each term, in nats: index 0 = L_0, t − 1 = L_{t−1} (t = 2..T), T = L_T.
  std::vector<double> terms;
  // weights[t] = λ_t for t = 1..T (ds::vlbEpsWeight); weights[0] is unused (NaN).
  std::vector<double> weights;
  double vlb = 0;  // mean bound per point (nats) = Σ terms
  double nll = 0;  // mean exact −log q(x_0) per point (nats)
  // Standard error of the mean of (bound − NLL) over the points: the gap's sampling error.
  double gapError = 0;
  std::int64_t evaluations = 0;  // denoiser calls
};

VlbPageResult runVlbPage(const VlbPageRequest& request, const ProgressFn& progress, const CancelToken& cancel);

}  // namespace ds::ui
