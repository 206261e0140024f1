#pragma once
// The learned side of the 1-D and 2-D lessons: the tables a job computes from a learned ε_θ. Qt-free,
// so job sources can include ATen. The network is evaluated only inside jobs (worker thread); the
// GUI indexes the tables, so scrubbing stays a lookup (DESIGN.md: the GUI thread never runs a network forward pass).

#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <memory>
#include <vector>

namespace ds {
class Denoiser;
}

namespace ds::ui {

// ε_θ(x, t) at one point x (size D) for every t = 1..T, in one batched forward pass:
// [T][D] floats, row t−1 (shared, so the GUI keeps it without a copy). Checks `cancel` first.
std::shared_ptr<const std::vector<float>> epsAtPoint(const Denoiser& model, const std::vector<double>& x, int T,
                              const CancelToken& cancel = CancelToken());

// −ε_θ(x, t) at interleaved 2-D points (N of them) for every t = 0..T: [(T+1)][2N] floats, zeros
// at t = 0 (no noise to predict). Evaluated in chunks of t, checking `cancel` between them.
std::vector<float> learnedNegEpsField(const Denoiser& model, const std::vector<double>& xy, int T,
                                      const CancelToken& cancel = CancelToken());

}  // namespace ds::ui
