#pragma once
// A recorded run of the forward or reverse chain: x_t (and the predicted x̂_0 for reverse runs)
// at a set of timesteps. The GUI scrubs through it; nothing is recomputed while scrubbing.

#include <ATen/core/Tensor.h>

#include <vector>

namespace ds {

struct Trajectory {
  std::vector<int> t;              // recorded timesteps, in the order the chain produced them
  std::vector<at::Tensor> x;       // x_t, [N, D…], CPU, float32
  std::vector<at::Tensor> x0Pred;  // x̂_0 predicted at that step (undefined where none: forward, t=T start)

  int size() const { return static_cast<int>(t.size()); }
  bool empty() const { return t.empty(); }
  const at::Tensor& final() const { return x.back(); }
  // Index of the recorded step whose t is closest to the given t (ties: the smaller t); -1 if empty.
  int indexNearest(int timestep) const;
};

}  // namespace ds
