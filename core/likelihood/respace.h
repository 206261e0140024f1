#pragma once
// Respacing (Nichol & Dhariwal 2021, §4): run a T-step process on a subsequence of its timesteps.
// The kept steps k_1 < … < k_S keep their ᾱ, and the respaced process has
//   β'_i = 1 − ᾱ_{k_i} / ᾱ_{k_{i−1}}   (ᾱ_{k_0} = ᾱ_0 = 1),
// so x_{k_i} given x_0 is distributed exactly as in the original process (openai/improved-diffusion,
// respace.py, SpacedDiffusion). Timesteps here are our 1-based t (DESIGN.md): the reference's
// 0-based index j is t = j + 1.

#include "core/schedule.h"

#include <string>
#include <vector>

namespace ds {

// improved-diffusion's space_timesteps(num_timesteps, section_counts), converted to 1-based t.
//   "10,15,20": split 1..T into len(counts) nearly equal sections (the first T mod len get one step
//               more) and take count_i steps of each, evenly spread with a fractional stride
//               (size−1)/(count−1) accumulated in double and rounded half to even like Python's
//               round(); a count of 1 takes the section's first step.
//   "ddimN":    the smallest integer stride s (1 ≤ s < T) with exactly N steps in 0, s, 2s, … < T.
// Returns the kept timesteps, ascending and distinct. Throws std::invalid_argument with a message
// naming the bad part: an empty or non-numeric count, a negative count, a count larger than its
// section ("cannot divide section of 100 steps into 120"), no integer stride for ddimN, no step
// kept at all, or T < 1.
std::vector<int> spaceTimesteps(int T, const std::string& sectionCounts);

// The respaced schedule: kept t's (1-based, ascending), β'_i (size S) and ᾱ'_i = ᾱ_{k_i} (size S+1,
// alphaBars[0] = 1). Step i = 1..S of the respaced process is the original timestep kept[i−1].
struct RespacedSchedule {
  std::vector<int> kept;
  std::vector<double> betas;
  std::vector<double> alphaBars;

  int steps() const { return static_cast<int>(kept.size()); }
  // The quantities of NoiseSchedule for respaced step i = 1..S (std::out_of_range otherwise).
  double beta(int i) const;
  double alphaBar(int i) const;      // i in 0..S
  double alphaBarPrev(int i) const;  // ᾱ'_{i−1}
  double posteriorVariance(int i) const;
  // log β̃'_i with β̃'_1 = 0 replaced by β̃'_2 (as NoiseSchedule); NaN when S = 1 (no β̃'_2).
  double posteriorLogVarianceClipped(int i) const;
  double posteriorMeanCoef1(int i) const;
  double posteriorMeanCoef2(int i) const;
  double snr(int i) const;
};

// Throws std::invalid_argument when `kept` is empty, not strictly ascending, or outside 1..T.
RespacedSchedule respace(const NoiseSchedule& schedule, const std::vector<int>& kept);

}  // namespace ds
