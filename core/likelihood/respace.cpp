#include "core/likelihood/respace.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace ds {

namespace {

// Python's round() of a non-negative float: the nearest integer, ties to the even one
// (round(4.5) = 4, round(5.5) = 6). The fractional stride hits exact halves (e.g. 9/2 = 4.5), so
// rounding half away from zero would keep different steps than the reference.
long long roundHalfToEven(double x) {
  const double lower = std::floor(x);
  const double diff = x - lower;
  long long r = static_cast<long long>(lower);
  if (diff > 0.5 || (diff == 0.5 && r % 2 != 0)) ++r;
  return r;
}

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

// A non-negative count (Python's int() of the part; a sign other than '-' or digits is refused).
long long parseCount(const std::string& part, const std::string& whole) {
  const std::string s = trim(part);
  if (s.empty()) throw std::invalid_argument("section counts \"" + whole + "\": an empty count");
  if (s[0] == '-') throw std::invalid_argument("section counts \"" + whole + "\": the count " + s + " is negative");
  long long value = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      throw std::invalid_argument("section counts \"" + whole + "\": \"" + s + "\" is not a whole number");
    }
    if (value > (std::numeric_limits<int>::max() - (c - '0')) / 10) {
      throw std::invalid_argument("section counts \"" + whole + "\": the count " + s + " is too large");
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

std::vector<int> ddimTimesteps(int T, const std::string& spec) {
  const long long desired = parseCount(spec.substr(4), spec);
  // The reference tries strides 1..T−1 and keeps range(0, T, s) when it has exactly N entries.
  for (int stride = 1; stride < T; ++stride) {
    if ((T + stride - 1) / stride == desired) {
      std::vector<int> kept;
      for (int j = 0; j < T; j += stride) kept.push_back(j + 1);
      return kept;
    }
  }
  throw std::invalid_argument("section counts \"" + spec + "\": cannot create exactly " + std::to_string(desired) +
                              " steps of " + std::to_string(T) + " with an integer stride");
}

}  // namespace

std::vector<int> spaceTimesteps(int T, const std::string& sectionCounts) {
  if (T < 1) throw std::invalid_argument("respacing needs T ≥ 1 steps, got " + std::to_string(T));
  const std::string spec = trim(sectionCounts);
  if (spec.rfind("ddim", 0) == 0) return ddimTimesteps(T, spec);

  std::vector<long long> counts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = spec.find(',', start);
    counts.push_back(
        parseCount(spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start), sectionCounts));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  // More sections than steps is allowed, as in the reference: the last sections are empty and only
  // a count of 0 fits them.
  const long long sections = static_cast<long long>(counts.size());
  const long long sizePer = T / sections;
  const long long extra = T % sections;
  std::set<int> kept;
  long long startIdx = 0;  // the reference's 0-based index of the section's first step
  for (long long i = 0; i < sections; ++i) {
    const long long size = sizePer + (i < extra ? 1 : 0);
    const long long count = counts[static_cast<std::size_t>(i)];
    if (size < count) {
      throw std::invalid_argument("section counts \"" + sectionCounts + "\": cannot divide section of " +
                                  std::to_string(size) + " steps into " + std::to_string(count));
    }
    // The stride is accumulated, not multiplied, exactly as the reference does: the rounding of
    // the running sum decides which steps are kept when it lands on (or near) a half.
    const double fracStride = count <= 1 ? 1.0 : static_cast<double>(size - 1) / static_cast<double>(count - 1);
    double cur = 0.0;
    for (long long k = 0; k < count; ++k) {
      kept.insert(static_cast<int>(startIdx + roundHalfToEven(cur)) + 1);
      cur += fracStride;
    }
    startIdx += size;
  }
  if (kept.empty()) throw std::invalid_argument("section counts \"" + sectionCounts + "\" keep no step");
  return std::vector<int>(kept.begin(), kept.end());
}

RespacedSchedule respace(const NoiseSchedule& schedule, const std::vector<int>& kept) {
  if (kept.empty()) throw std::invalid_argument("respace: no timestep kept");
  RespacedSchedule r;
  r.kept = kept;
  r.alphaBars.push_back(1.0);
  int previous = 0;
  for (int t : kept) {
    if (t < 1 || t > schedule.steps()) {
      throw std::invalid_argument("respace: timestep " + std::to_string(t) + " is outside 1.." +
                                  std::to_string(schedule.steps()));
    }
    if (t <= previous) throw std::invalid_argument("respace: the kept timesteps must be strictly ascending");
    // β'_i = 1 − ᾱ_{k_i}/ᾱ_{k_{i−1}} (improved-diffusion SpacedDiffusion), formed in double.
    r.betas.push_back(1.0 - schedule.alphaBar(t) / schedule.alphaBar(previous));
    r.alphaBars.push_back(schedule.alphaBar(t));
    previous = t;
  }
  return r;
}

namespace {

void checkStep(const RespacedSchedule& r, int i, int lo) {
  if (i < lo || i > r.steps()) {
    throw std::out_of_range("respaced step " + std::to_string(i) + " is outside " + std::to_string(lo) + ".." +
                            std::to_string(r.steps()));
  }
}

}  // namespace

double RespacedSchedule::beta(int i) const {
  checkStep(*this, i, 1);
  return betas[static_cast<std::size_t>(i - 1)];
}

double RespacedSchedule::alphaBar(int i) const {
  checkStep(*this, i, 0);
  return alphaBars[static_cast<std::size_t>(i)];
}

double RespacedSchedule::alphaBarPrev(int i) const {
  checkStep(*this, i, 1);
  return alphaBars[static_cast<std::size_t>(i - 1)];
}

double RespacedSchedule::posteriorVariance(int i) const {
  return beta(i) * (1.0 - alphaBarPrev(i)) / (1.0 - alphaBar(i));
}

double RespacedSchedule::posteriorLogVarianceClipped(int i) const {
  checkStep(*this, i, 1);
  if (i == 1) return steps() >= 2 ? std::log(posteriorVariance(2)) : std::numeric_limits<double>::quiet_NaN();
  return std::log(posteriorVariance(i));
}

double RespacedSchedule::posteriorMeanCoef1(int i) const {
  return beta(i) * std::sqrt(alphaBarPrev(i)) / (1.0 - alphaBar(i));
}

double RespacedSchedule::posteriorMeanCoef2(int i) const {
  return (1.0 - alphaBarPrev(i)) * std::sqrt(1.0 - beta(i)) / (1.0 - alphaBar(i));
}

double RespacedSchedule::snr(int i) const {
  checkStep(*this, i, 1);
  return alphaBar(i) / (1.0 - alphaBar(i));
}

}  // namespace ds
