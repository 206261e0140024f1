#pragma once
// The forward process on a point set, for the Train lesson's timeline: x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε
// (Ho et al. 2020, eq. 4) in model space, from noise ε drawn once, shown in data units. Built in a
// job (it draws the noise and reads the schedule); a scrub frame is then N·D multiply-adds in
// frame(t), with no tensor code on the GUI thread.

#include "core/data/pointset.h"
#include "core/schedule.h"

#include <cstdint>
#include <vector>

namespace ds {

class NoisedPoints {
 public:
  NoisedPoints() = default;
  // x0: N·dim interleaved values in data units; `normalization` maps them to model space, where
  // the noise is added. ε comes from `noiseSeed` (CPU generator), so frames are reproducible.
  NoisedPoints(const NoiseSchedule& schedule, std::vector<float> x0, int dim, Normalization normalization,
               std::uint64_t noiseSeed);

  // x_t in data units for t in 0..T (clamped); frame(0) is x0 itself.
  std::vector<float> frame(int t) const;
  int dim() const { return m_dim; }
  std::size_t count() const { return m_dim > 0 ? m_x0.size() / static_cast<std::size_t>(m_dim) : 0; }
  int steps() const { return static_cast<int>(m_sqrtAlphaBar.size()) - 1; }
  const std::vector<float>& noise() const { return m_eps; }

 private:
  int m_dim = 0;
  std::vector<float> m_x0;                                     // data units
  std::vector<float> m_x0Model;                                // model space
  std::vector<float> m_eps;                                    // standard normals, model space
  std::vector<double> m_sqrtAlphaBar, m_sqrtOneMinusAlphaBar;  // index t = 0..T
  std::vector<double> m_shift;                                 // per axis (empty = 0)
  double m_scale = 1.0;
};

}  // namespace ds
