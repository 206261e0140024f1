#pragma once
// The learned side of the 1-D and 2-D lessons: the tables a job computes from a learned ε_θ. The
// network is evaluated only inside jobs (worker thread); the GUI indexes the tables, so scrubbing
// stays a lookup (DESIGN.md: the GUI thread never runs a network forward pass).

#include "core/runtime/progress.h"

#include <c10/core/Device.h>

#include <memory>
#include <vector>

namespace ds {

class Denoiser;

// ε_θ(x, t) at one point x (size D) for every t = 1..T, in one batched forward pass:
// [T][D] floats, row t−1 (shared, so the GUI keeps it without a copy). Checks `cancel` first.
// `device` is the model's device (the inputs are made there; the table comes back to the CPU).
std::shared_ptr<const std::vector<float>> epsAtPoint(const Denoiser& model, const std::vector<double>& x, int T,
                                                     const CancelToken& cancel = CancelToken(),
                                                     const c10::Device& device = c10::Device(c10::kCPU));

// −ε_θ(x, t) at interleaved 2-D points (N of them) for every t = 0..T: [(T+1)][2N] floats, zeros
// at t = 0 (no noise to predict). Evaluated in chunks of t, checking `cancel` between them.
std::vector<float> learnedNegEpsField(const Denoiser& model, const std::vector<double>& xy, int T,
                                      const CancelToken& cancel = CancelToken(),
                                      const c10::Device& device = c10::Device(c10::kCPU));

}  // namespace ds
