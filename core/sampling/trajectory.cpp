#include "core/sampling/trajectory.h"

#include <cstdlib>

namespace ds {

int Trajectory::indexNearest(int timestep) const {
  int best = -1;
  for (int i = 0; i < size(); ++i) {
    const int d = std::abs(t[static_cast<std::size_t>(i)] - timestep);
    if (best < 0) {
      best = i;
      continue;
    }
    const int bd = std::abs(t[static_cast<std::size_t>(best)] - timestep);
    if (d < bd || (d == bd && t[static_cast<std::size_t>(i)] < t[static_cast<std::size_t>(best)])) best = i;
  }
  return best;
}

}  // namespace ds
