#pragma once
// The toy data sets of the lessons: 1-D and 2-D point clouds, scaled to roughly unit size
// (each 2-D toy is centred and divided by a fixed constant so its per-axis RMS spread is ≈ 1;
// the mixtures are used as they are, so their exact denoiser applies unchanged).

#include "core/gmm.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ds {

struct ToyInfo {
  std::string name;         // registry key, e.g. "moons"
  std::string title;        // for menus, e.g. "Two moons"
  std::string description;  // one line
  int dim = 2;
};

// Every toy, in menu order: moons, swissroll, 8gaussians, checkerboard, spirals, rings,
// mixture2d, mixture1d.
const std::vector<ToyInfo>& toyRegistry();
std::vector<std::string> toyNames();
// Throws std::invalid_argument naming the known toys.
const ToyInfo& toyInfo(const std::string& name);
bool isToy(const std::string& name);

// n points of the named toy, float32 [n, D] on the CPU, drawn with gen (same seed → same points).
at::Tensor makeToy(const std::string& name, std::int64_t n, at::Generator& gen);

// The Gaussian mixture behind a mixture toy ("mixture1d", "mixture2d"), so that a model trained
// on it can be compared with the exact denoiser; std::nullopt for the other toys.
std::optional<GaussianMixture> toyMixture(const std::string& name);

// The 2-D mixture toy: three unequal clusters.
GaussianMixture mixture2dPreset();

}  // namespace ds
