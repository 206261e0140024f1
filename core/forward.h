#pragma once
// The forward (noising) process q: closed form q(x_t|x_0), single steps q(x_t|x_{t-1}) and
// recorded chains x_0 → x_T.

#include "core/runtime/progress.h"
#include "core/sampling/trajectory.h"
#include "core/schedule.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace ds {

// x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε, with per-row t (int64 [N], values 0..T) and given noise.
at::Tensor qSample(const NoiseSchedule& schedule, const at::Tensor& x0, const at::Tensor& t, const at::Tensor& noise);
// Same, one t for all rows, fresh noise from gen.
at::Tensor qSample(const NoiseSchedule& schedule, const at::Tensor& x0, int t, at::Generator& gen);

// One forward step: x_t = √α_t x_{t-1} + √β_t ε, t in 1..T.
at::Tensor qStep(const NoiseSchedule& schedule, const at::Tensor& xPrev, int t, at::Generator& gen);

// Runs x_0 through all T single steps on x0's device, recording x_t at t = 0, stride, 2·stride, …
// and always at t = T. Recorded tensors are on the CPU. t in the trajectory ascends.
Trajectory recordForwardChain(const NoiseSchedule& schedule, const at::Tensor& x0, int stride, std::uint64_t seed,
                              const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
