#include "core/eval/particlepaths.h"

#include "core/sampling/trajectory.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <numeric>

namespace ds {

int ParticlePaths::indexFor(int timestep) const {
  if (t.empty() || nearest.empty()) return -1;
  const int last = static_cast<int>(nearest.size()) - 1;
  return nearest[static_cast<size_t>(std::clamp(timestep, 0, last))];
}

ParticlePaths flattenTrajectory(const Trajectory& trajectory, int T) {
  ParticlePaths out;
  if (trajectory.empty()) return out;
  const at::Tensor& first = trajectory.x.front();
  out.n = static_cast<int>(first.size(0));
  out.dim = first.dim() > 1 ? static_cast<int>(first.numel() / first.size(0)) : 1;

  // Order recorded steps by ascending t (reverse chains are recorded T → 0).
  std::vector<int> order(static_cast<size_t>(trajectory.size()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return trajectory.t[a] < trajectory.t[b]; });

  const size_t stepSize = static_cast<size_t>(out.n) * out.dim;
  out.x.resize(order.size() * stepSize);
  out.t.reserve(order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    const int src = order[k];
    out.t.push_back(trajectory.t[static_cast<size_t>(src)]);
    at::Tensor xs = trajectory.x[static_cast<size_t>(src)].to(at::kFloat).contiguous().cpu();
    std::copy_n(xs.data_ptr<float>(), stepSize, out.x.begin() + static_cast<long>(k * stepSize));
  }

  // nearest[t] = position in out.t of trajectory.indexNearest(t).
  std::vector<int> positionOf(order.size());
  for (size_t k = 0; k < order.size(); ++k) positionOf[static_cast<size_t>(order[k])] = static_cast<int>(k);
  out.nearest.resize(static_cast<size_t>(T) + 1);
  for (int s = 0; s <= T; ++s) {
    const int idx = trajectory.indexNearest(s);
    out.nearest[static_cast<size_t>(s)] = idx < 0 ? 0 : positionOf[static_cast<size_t>(idx)];
  }
  return out;
}

}  // namespace ds
