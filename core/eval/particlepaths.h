#pragma once
// A recorded chain (ds::Trajectory) flattened to plain floats on the worker thread, so that
// scrubbing the timeline is an O(1) index into memory with no tensor work on the GUI thread.

#include <cstddef>
#include <vector>

namespace ds {

struct Trajectory;

struct ParticlePaths {
  int n = 0;                 // particles
  int dim = 0;               // 1 or 2
  std::vector<int> t;        // recorded timesteps, ascending
  std::vector<float> x;      // [t.size()][n][dim], row-major
  std::vector<int> nearest;  // for every timestep 0..T: index into t of the nearest recorded step

  bool empty() const { return t.empty(); }
  int steps() const { return static_cast<int>(t.size()); }
  // Index of the recorded step shown for timestep (clamped to 0..T); -1 when empty.
  int indexFor(int timestep) const;
  // Timestep actually recorded at that index.
  int recordedT(int index) const { return t[static_cast<std::size_t>(index)]; }
  // Pointer to particle i's coordinates at recorded index.
  const float* at(int index, int i) const { return x.data() + (static_cast<std::size_t>(index) * n + i) * dim; }
};

// Converts a recorded trajectory (any t order) for a schedule with T steps. Uses
// Trajectory::indexNearest for the t → recorded-step map (DDIM records only S+1 steps).
ParticlePaths flattenTrajectory(const Trajectory& trajectory, int T);

}  // namespace ds
