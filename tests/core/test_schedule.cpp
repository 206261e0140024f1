#include "core/schedule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using ds::NoiseSchedule;
using ds::ScheduleKind;
using ds::ScheduleSpec;

namespace {

NoiseSchedule make(ScheduleKind kind, int T) { return NoiseSchedule(ScheduleSpec{kind, T, {}, {}}); }

const ScheduleKind kKinds[] = {ScheduleKind::Linear, ScheduleKind::Cosine, ScheduleKind::Quadratic,
                               ScheduleKind::Sigmoid};

}  // namespace

TEST(Schedule, AlphaBarIsCumulativeProductOfOneMinusBeta) {
  for (auto kind : kKinds) {
    for (int T : {2, 10, 1000}) {
      const auto s = make(kind, T);
      ASSERT_EQ(s.betas().size(), static_cast<std::size_t>(T));
      ASSERT_EQ(s.alphaBars().size(), static_cast<std::size_t>(T + 1));
      EXPECT_EQ(s.alphaBar(0), 1.0);
      double prod = 1.0;
      for (int t = 1; t <= T; ++t) {
        prod *= 1.0 - s.beta(t);
        EXPECT_NEAR(s.alphaBar(t), prod, 1e-15 * std::max(1.0, prod)) << ds::toString(kind) << " T=" << T << " t=" << t;
        EXPECT_DOUBLE_EQ(s.alpha(t), 1.0 - s.beta(t));
        EXPECT_DOUBLE_EQ(s.alphaBarPrev(t), s.alphaBar(t - 1));
        EXPECT_NEAR(s.sqrtAlphaBar(t), std::sqrt(prod), 1e-14);
        EXPECT_NEAR(s.sqrtOneMinusAlphaBar(t), std::sqrt(1 - prod), 1e-14);
      }
    }
  }
}

// Independent derivation of q(x_{t-1}|x_t,x_0): precision α_t/β_t + 1/(1-ᾱ_{t-1}), mean
// β̃_t (√α_t x_t/β_t + √ᾱ_{t-1} x_0/(1-ᾱ_{t-1})).
TEST(Schedule, PosteriorCoefficientsMatchGaussianConditioning) {
  for (auto kind : kKinds) {
    const auto s = make(kind, 200);
    for (int t = 2; t <= 200; ++t) {
      const double b = s.beta(t), a = 1 - b, abPrev = s.alphaBar(t - 1);
      const double var = 1.0 / (a / b + 1.0 / (1.0 - abPrev));
      EXPECT_NEAR(s.posteriorVariance(t), var, 1e-12 * var) << t;
      EXPECT_NEAR(s.posteriorMeanCoef2(t), var * std::sqrt(a) / b, 1e-10) << t;
      EXPECT_NEAR(s.posteriorMeanCoef1(t), var * std::sqrt(abPrev) / (1 - abPrev), 1e-10) << t;
      EXPECT_NEAR(s.posteriorLogVarianceClipped(t), std::log(var), 1e-10);
      EXPECT_NEAR(s.snr(t), s.alphaBar(t) / (1 - s.alphaBar(t)), 1e-12 * s.snr(t));
    }
    // t = 1: x_0 is known exactly, so β̃_1 = 0, μ̃ = x_0; the log is clipped to β̃_2.
    EXPECT_EQ(s.posteriorVariance(1), 0.0);
    EXPECT_NEAR(s.posteriorMeanCoef1(1), 1.0, 1e-9);
    EXPECT_EQ(s.posteriorMeanCoef2(1), 0.0);
    EXPECT_DOUBLE_EQ(s.posteriorLogVarianceClipped(1), std::log(s.posteriorVariance(2)));
  }
}

TEST(Schedule, MonotoneAndInRange) {
  for (auto kind : kKinds) {
    for (int T : {2, 10, 1000, 4000}) {
      const auto s = make(kind, T);
      for (int t = 1; t <= T; ++t) {
        EXPECT_GT(s.beta(t), 0.0);
        EXPECT_LE(s.beta(t), 0.999);
        EXPECT_LT(s.alphaBar(t), s.alphaBar(t - 1)) << ds::toString(kind) << " T=" << T << " t=" << t;
        if (t > 1) {
          EXPECT_LT(s.snr(t), s.snr(t - 1));
        }
        if (kind != ScheduleKind::Cosine && t > 1) {
          EXPECT_GE(s.beta(t), s.beta(t - 1));
        }
      }
    }
  }
}

// The values diffusion-cli prints for `schedule --kind linear --steps 1000` (reference: Python).
TEST(Schedule, LinearReferenceValues) {
  const auto s = make(ScheduleKind::Linear, 1000);
  EXPECT_NEAR(s.beta(1), 1e-4, 1e-18);
  EXPECT_NEAR(s.beta(1000), 0.02, 1e-16);
  EXPECT_NEAR(s.alphaBar(1), 0.9999, 1e-15);
  EXPECT_NEAR(s.beta(2), 0.00011991991991991993, 1e-17);
  EXPECT_NEAR(s.alphaBar(2), 0.9997800920720721, 1e-15);
  EXPECT_NEAR(s.posteriorVariance(2), 5.4531876613021935e-05, 1e-15);
  EXPECT_NEAR(s.posteriorMeanCoef1(2), 0.5452914995102903, 1e-12);
  EXPECT_NEAR(s.posteriorMeanCoef2(2), 0.4547084989905303, 1e-12);
  EXPECT_NEAR(s.alphaBar(500), 0.07858724288177821, 1e-14);
  EXPECT_NEAR(s.posteriorVariance(500), 0.01003135541461369, 1e-14);
  EXPECT_NEAR(s.alphaBar(1000), 4.0358297653756754e-05, 1e-17);
  EXPECT_NEAR(s.posteriorMeanCoef1(1000), 0.00012835148717224682, 1e-15);
  EXPECT_NEAR(s.posteriorMeanCoef2(1000), 0.9899486782675173, 1e-13);
  EXPECT_NEAR(s.snr(1000), 4.03599265116842e-05, 1e-16);
}

TEST(Schedule, LinearScalesWithTAndClips) {
  const auto s = make(ScheduleKind::Linear, 100);
  EXPECT_NEAR(s.beta(1), 1e-3, 1e-15);
  EXPECT_NEAR(s.beta(100), 0.2, 1e-15);
  // T = 10: 0.02·1000/10 = 2 > 1, so the end is clipped at 0.999.
  const auto small = make(ScheduleKind::Linear, 10);
  EXPECT_NEAR(small.beta(1), 0.01, 1e-15);
  EXPECT_EQ(small.beta(10), 0.999);
  const NoiseSchedule custom(ScheduleSpec{ScheduleKind::Linear, 50, 0.001, 0.05});
  EXPECT_DOUBLE_EQ(custom.beta(1), 0.001);
  EXPECT_DOUBLE_EQ(custom.beta(50), 0.05);
  EXPECT_NEAR(custom.beta(25), 0.001 + 0.049 * 24 / 49, 1e-15);
}

TEST(Schedule, CosineFollowsFormulaAndClips) {
  const auto s = make(ScheduleKind::Cosine, 100);
  EXPECT_NEAR(s.beta(1), 0.0006312815983416931, 1e-15);
  EXPECT_NEAR(s.alphaBar(50), 0.49384359044063786, 1e-13);
  EXPECT_NEAR(s.beta(99), 0.7499392803846592, 1e-12);
  EXPECT_EQ(s.beta(100), 0.999);  // 1 - f(T)/f(T-1) is ~1 and gets clipped
  EXPECT_NEAR(s.alphaBar(100), 2.428572279350064e-07, 1e-18);
  // Before the clip, ᾱ_t = f(t)/f(0).
  const double pi = 3.14159265358979323846;
  auto f = [&](double t) {
    const double c = std::cos(pi / 2 * (t / 100 + 0.008) / 1.008);
    return c * c;
  };
  for (int t : {1, 10, 50, 90}) EXPECT_NEAR(s.alphaBar(t), f(t) / f(0), 1e-12);
}

TEST(Schedule, QuadraticAndSigmoidEndpoints) {
  const NoiseSchedule q(ScheduleSpec{ScheduleKind::Quadratic, 1000, {}, {}});
  EXPECT_NEAR(q.beta(1), 1e-4, 1e-16);
  EXPECT_NEAR(q.beta(1000), 0.02, 1e-15);
  EXPECT_NEAR(q.beta(500), std::pow(0.01 + (std::sqrt(0.02) - 0.01) * 499 / 999, 2), 1e-15);
  const NoiseSchedule g(ScheduleSpec{ScheduleKind::Sigmoid, 1000, {}, {}});
  EXPECT_NEAR(g.beta(1), 1e-4 + (0.02 - 1e-4) / (1 + std::exp(6.0)), 1e-15);
}

TEST(Schedule, TimestepForAlphaBar) {
  const auto s = make(ScheduleKind::Linear, 1000);
  EXPECT_EQ(s.timestepForAlphaBar(1.0), 0);
  EXPECT_EQ(s.timestepForAlphaBar(s.alphaBar(500)), 500);
  EXPECT_EQ(s.timestepForAlphaBar(s.alphaBar(500) + 1e-9), 500);
  EXPECT_EQ(s.timestepForAlphaBar(s.alphaBar(500) - 1e-9), 501);
  EXPECT_EQ(s.timestepForAlphaBar(0.0), 1000);
}

TEST(Schedule, NamesRoundTrip) {
  for (const auto& name : ds::scheduleKindNames()) EXPECT_EQ(ds::toString(ds::parseScheduleKind(name)), name);
  try {
    ds::parseScheduleKind("cosin");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("cosin"), std::string::npos);
  }
}

TEST(Schedule, RejectsBadInput) {
  EXPECT_THROW(make(ScheduleKind::Linear, 1), std::invalid_argument);
  EXPECT_THROW(make(ScheduleKind::Cosine, 0), std::invalid_argument);
  EXPECT_THROW(make(ScheduleKind::Linear, -5), std::invalid_argument);
  EXPECT_THROW(NoiseSchedule(ScheduleSpec{ScheduleKind::Linear, 100, 0.0, 0.02}), std::invalid_argument);
  EXPECT_THROW(NoiseSchedule(ScheduleSpec{ScheduleKind::Linear, 100, 1e-4, 1.0}), std::invalid_argument);
  EXPECT_THROW(NoiseSchedule(ScheduleSpec{ScheduleKind::Linear, 100, std::nan(""), 0.02}), std::invalid_argument);
  EXPECT_THROW(NoiseSchedule(ScheduleSpec{ScheduleKind::Cosine, 100, 1e-4, {}}), std::invalid_argument);
  try {
    NoiseSchedule(ScheduleSpec{ScheduleKind::Linear, 100, 1e-4, 1.5});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("1.5"), std::string::npos) << e.what();
  }
  const auto s = make(ScheduleKind::Linear, 10);
  EXPECT_THROW(s.beta(0), std::out_of_range);
  EXPECT_THROW(s.beta(11), std::out_of_range);
  EXPECT_THROW(s.alphaBar(-1), std::out_of_range);
  EXPECT_THROW(s.alphaBar(11), std::out_of_range);
  EXPECT_THROW(s.snr(0), std::out_of_range);
  EXPECT_NO_THROW(s.alphaBar(0));
}
