#pragma once
// Internal to core/sampling (not public API): the pieces of one reverse run that sample() and
// inpaint() share — the timestep plan, the starting x_T and the single DDPM/DDIM step — so both
// take exactly the same steps and draw the same random numbers in the same order.

#include "core/models/denoiser.h"
#include "core/sampling/sampler.h"
#include "core/schedule.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace ds::detail {

// The descending timesteps a request visits (all T for DDPM, the DDIM subsequence otherwise).
std::vector<int> plannedTimesteps(const SampleRequest& request, int T);

// Validates n, eta, labels and the shape, and returns the starting x_T (a fresh tensor on
// request.device; drawn from N(0, I) with `gen` unless request.xT is given).
at::Tensor startingPoint(const SampleRequest& request, at::Generator& gen);

// A CPU float32 copy for a Trajectory.
at::Tensor recordTensor(const at::Tensor& x);

// The end of the `done`-th of `total` reverse steps t → prev of a chain of T: throws NonFiniteError
// if x went inf/NaN (naming the step where it began), records x and x̂_0 in `traj` at prev = 0 and
// every recordStride-th step, and reports progress under `stage`. Shared by sample() and pcSample().
void finishStep(Trajectory& traj, const at::Tensor& x, const at::Tensor& x0, int t, int prev, int T, long long done,
                long long total, int recordStride, const std::string& stage, const ProgressFn& progress);

// One reverse step x_t → x_prev of the request's sampler, in place.
class ReverseStep {
 public:
  // `like` is a tensor of the run's shape and device (x_T); `gen` must outlive this object.
  ReverseStep(const Denoiser& model, const NoiseSchedule& schedule, const SampleRequest& request, at::Generator& gen,
              const at::Tensor& like);

  // Evaluates the model once at t, moves x to prev (0 = the final step) and returns x̂_0.
  at::Tensor operator()(at::Tensor& x, int t, int prev);

 private:
  const Denoiser& m_model;
  const NoiseSchedule& m_schedule;
  const SampleRequest& m_request;
  at::Generator& m_gen;
  at::Tensor m_labels;
  at::Tensor m_tIndex;
  at::Tensor m_noise;
};

}  // namespace ds::detail
