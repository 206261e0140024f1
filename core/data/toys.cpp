#include "core/data/toys.h"

#include <ATen/ATen.h>

#include <cmath>
#include <functional>
#include <stdexcept>

namespace ds {

namespace {

constexpr double kPi = 3.14159265358979323846;

at::TensorOptions cpuFloat() { return at::TensorOptions().dtype(at::kFloat); }

// Centre and scale so the per-axis RMS spread is ≈ 1. The constants were measured once on 10^6
// points; fixed constants keep a small sample the same shape as a large one.
at::Tensor normalise(const at::Tensor& x, double cx, double cy, double scale) {
  auto centre = at::tensor({static_cast<float>(cx), static_cast<float>(cy)}, cpuFloat());
  return (x - centre).div_(scale);
}

at::Tensor moons(std::int64_t n, at::Generator& gen) {
  const auto h = n / 2;
  auto th = at::rand({n}, gen, cpuFloat()).mul_(kPi);
  auto outer = at::stack({at::cos(th.slice(0, 0, h)), at::sin(th.slice(0, 0, h))}, 1);
  auto inner = at::stack({1 - at::cos(th.slice(0, h)), 0.5 - at::sin(th.slice(0, h))}, 1);
  auto x = at::cat({outer, inner}, 0) + 0.05 * at::randn({n, 2}, gen, cpuFloat());
  return normalise(x, 0.5, 0.25, 0.707);
}

at::Tensor swissRoll(std::int64_t n, at::Generator& gen) {
  auto t = at::rand({n}, gen, cpuFloat()).mul_(2).add_(1).mul_(1.5 * kPi);
  auto x = at::stack({t * at::cos(t), t * at::sin(t)}, 1) + 0.25 * at::randn({n, 2}, gen, cpuFloat());
  return normalise(x, 2.0, 0.21, 6.79);
}

at::Tensor eightGaussians(std::int64_t n, at::Generator& gen) {
  auto k = at::randint(0, 8, {n}, gen, cpuFloat()).mul_(kPi / 4);
  auto x = 2 * at::stack({at::cos(k), at::sin(k)}, 1) + 0.2 * at::randn({n, 2}, gen, cpuFloat());
  return normalise(x, 0, 0, 1.428);
}

// The checkerboard of the FFJORD paper (Grathwohl et al. 2019): 8 unit squares on [-2, 2]².
at::Tensor checkerboard(std::int64_t n, at::Generator& gen) {
  auto x1 = at::rand({n}, gen, cpuFloat()).mul_(4).sub_(2);
  auto x2 = at::rand({n}, gen, cpuFloat()) - 2 * at::randint(0, 2, {n}, gen, cpuFloat());
  x2 = x2 + at::remainder(at::floor(x1), 2);
  return normalise(at::stack({x1, x2}, 1), 0, 0, 1.155);
}

// Two interleaved spirals (FFJORD's "2spirals").
at::Tensor spirals(std::int64_t n, at::Generator& gen) {
  const auto h = (n + 1) / 2;
  auto m = at::sqrt(at::rand({h}, gen, cpuFloat())).mul_(540.0 * 2 * kPi / 360.0);
  auto d = at::stack(
      {-at::cos(m) * m + 0.5 * at::rand({h}, gen, cpuFloat()), at::sin(m) * m + 0.5 * at::rand({h}, gen, cpuFloat())},
      1);
  auto x = at::cat({d, -d}, 0).slice(0, 0, n) / 3 + 0.1 * at::randn({n, 2}, gen, cpuFloat());
  return normalise(x, 0, 0, 1.598);
}

// Three concentric rings of radius 1, 2, 3, with points in proportion to circumference.
at::Tensor rings(std::int64_t n, at::Generator& gen) {
  auto probs = at::tensor({1.0f, 2.0f, 3.0f}, cpuFloat());
  auto radius = at::multinomial(probs, n, /*replacement=*/true, gen).to(at::kFloat).add_(1);
  auto th = at::rand({n}, gen, cpuFloat()).mul_(2 * kPi);
  auto x = at::stack({radius * at::cos(th), radius * at::sin(th)}, 1) + 0.08 * at::randn({n, 2}, gen, cpuFloat());
  return normalise(x, 0, 0, 1.734);
}

struct Entry {
  ToyInfo info;
  std::function<at::Tensor(std::int64_t, at::Generator&)> make;
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> all = [] {
    std::vector<Entry> e;
    e.push_back({{"moons", "Two moons", "two interleaved half circles", 2}, moons});
    e.push_back({{"swissroll", "Swiss roll", "a 2-D spiral strip", 2}, swissRoll});
    e.push_back({{"8gaussians", "8 Gaussians", "eight small clusters on a circle", 2}, eightGaussians});
    e.push_back({{"checkerboard", "Checkerboard", "eight uniform squares of a 4x4 board", 2}, checkerboard});
    e.push_back({{"spirals", "Two spirals", "two interleaved spiral arms", 2}, spirals});
    e.push_back({{"rings", "Concentric rings", "three noisy circles of radius 1, 2, 3", 2}, rings});
    e.push_back({{"mixture2d", "2-D mixture", "three unequal Gaussian clusters (exact model available)", 2},
                 [](std::int64_t n, at::Generator& gen) { return mixture2dPreset().sample(n, gen, at::kCPU); }});
    e.push_back({{"mixture1d", "1-D mixture", "the lecture's two-mode 1-D mixture (exact model available)", 1},
                 [](std::int64_t n, at::Generator& gen) {
                   return GaussianMixture::lectureBimodal().sample(n, gen, at::kCPU);
                 }});
    return e;
  }();
  return all;
}

const Entry& entry(const std::string& name) {
  for (const auto& e : entries()) {
    if (e.info.name == name) return e;
  }
  std::string known;
  for (const auto& e : entries()) known += (known.empty() ? "" : ", ") + e.info.name;
  throw std::invalid_argument("unknown data set \"" + name + "\" (known: " + known + ")");
}

}  // namespace

const std::vector<ToyInfo>& toyRegistry() {
  static const std::vector<ToyInfo> infos = [] {
    std::vector<ToyInfo> v;
    for (const auto& e : entries()) v.push_back(e.info);
    return v;
  }();
  return infos;
}

std::vector<std::string> toyNames() {
  std::vector<std::string> names;
  for (const auto& e : entries()) names.push_back(e.info.name);
  return names;
}

const ToyInfo& toyInfo(const std::string& name) { return entry(name).info; }

bool isToy(const std::string& name) {
  for (const auto& e : entries()) {
    if (e.info.name == name) return true;
  }
  return false;
}

at::Tensor makeToy(const std::string& name, std::int64_t n, at::Generator& gen) {
  const Entry& e = entry(name);
  if (n < 1) throw std::invalid_argument("data set size n = " + std::to_string(n) + " must be at least 1");
  return e.make(n, gen).to(at::kFloat).contiguous();
}

std::optional<GaussianMixture> toyMixture(const std::string& name) {
  if (name == "mixture2d") return mixture2dPreset();
  if (name == "mixture1d") return GaussianMixture::lectureBimodal();
  entry(name);  // throws for unknown names
  return std::nullopt;
}

GaussianMixture mixture2dPreset() { return GaussianMixture::parse("0.3:-1.2,-0.7:0.3;0.3:1.2,-0.7:0.3;0.4:0,1:0.45"); }

}  // namespace ds
