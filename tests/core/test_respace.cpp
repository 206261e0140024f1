// Respacing against improved-diffusion's space_timesteps rules (respace.py), in our 1-based t. The
// expected lists were worked out from the rules by hand and checked against the reference's Python.

#include "core/likelihood/respace.h"
#include "core/schedule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

using ds::spaceTimesteps;

namespace {

std::string errorOf(int T, const std::string& spec) {
  try {
    spaceTimesteps(T, spec);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(Respace, OneSectionSpreadsTheCountEvenly) {
  // 1000 steps, 30 kept: stride 999/29, first and last step always kept.
  const auto kept = spaceTimesteps(1000, "30");
  ASSERT_EQ(kept.size(), 30u);
  EXPECT_EQ(kept.front(), 1);
  EXPECT_EQ(kept.back(), 1000);
  EXPECT_EQ(kept[1], 35);  // round(34.448…) = 34 → t = 35
  EXPECT_EQ(kept[12], 414);
  EXPECT_EQ(spaceTimesteps(10, "1"), std::vector<int>({1}));
  EXPECT_EQ(spaceTimesteps(5, "5"), std::vector<int>({1, 2, 3, 4, 5}));
}

TEST(Respace, FractionalStrideRoundsHalfToEven) {
  // 10 steps, 3 kept: stride 9/2 = 4.5 and Python's round(4.5) = 4, so index 4 (t = 5), not 5 (t = 6).
  EXPECT_EQ(spaceTimesteps(10, "3"), std::vector<int>({1, 5, 10}));
  // 100 steps, 7 kept: stride 16.5; 16.5 → 16, 49.5 → 50, 82.5 → 82 (ties to even both ways).
  EXPECT_EQ(spaceTimesteps(100, "7"), std::vector<int>({1, 17, 34, 51, 67, 83, 100}));
}

TEST(Respace, SectionsSplitTheRangeAndTheFirstOnesTakeTheRemainder) {
  // The docstring's example: 300 steps as [10, 15, 20] over three sections of 100.
  const std::vector<int> expected = {1,   12,  23,  34,  45,  56,  67,  78,  89,  100, 101, 108, 115, 122, 129,
                                     136, 143, 150, 158, 165, 172, 179, 186, 193, 200, 201, 206, 211, 217, 222,
                                     227, 232, 237, 243, 248, 253, 258, 264, 269, 274, 279, 284, 290, 295, 300};
  EXPECT_EQ(spaceTimesteps(300, "10,15,20"), expected);
  // 10 steps in 3 sections: sizes 4, 3, 3 (10 mod 3 = 1 extra step for the first).
  EXPECT_EQ(spaceTimesteps(10, "2,2,2"), std::vector<int>({1, 4, 5, 7, 8, 10}));
  // 1000 steps in 2 sections of 500.
  EXPECT_EQ(spaceTimesteps(1000, "7,9"),
            std::vector<int>({1, 84, 167, 251, 334, 417, 500, 501, 563, 626, 688, 751, 813, 875, 938, 1000}));
  // More sections than steps: the empty last section takes a count of 0.
  EXPECT_EQ(spaceTimesteps(4, "1,1,1,0"), std::vector<int>({1, 2, 3}));
  EXPECT_EQ(spaceTimesteps(3, "1,1,1,0"), std::vector<int>({1, 2, 3}));
  EXPECT_EQ(spaceTimesteps(20, " 3 , 4 "), spaceTimesteps(20, "3,4"));
}

TEST(Respace, DdimTakesTheSmallestIntegerStride) {
  EXPECT_EQ(spaceTimesteps(10, "ddim3"), std::vector<int>({1, 5, 9}));  // stride 4: 0, 4, 8
  EXPECT_EQ(spaceTimesteps(1000, "ddim3"), std::vector<int>({1, 335, 669}));
  const auto fifty = spaceTimesteps(1000, "ddim50");  // stride 20
  ASSERT_EQ(fifty.size(), 50u);
  for (std::size_t i = 0; i < fifty.size(); ++i) EXPECT_EQ(fifty[i], static_cast<int>(20 * i + 1));
  EXPECT_EQ(spaceTimesteps(10, "ddim10").size(), 10u);
}

TEST(Respace, BadSectionCountsAreRefusedWithTheReason) {
  EXPECT_NE(errorOf(10, "11").find("cannot divide section of 10 steps into 11"), std::string::npos);
  EXPECT_NE(errorOf(10, "2,6").find("cannot divide section of 5 steps into 6"), std::string::npos);
  EXPECT_NE(errorOf(3, "1,1,1,1").find("cannot divide section of 0 steps into 1"), std::string::npos);
  EXPECT_NE(errorOf(10, "ddim7").find("cannot create exactly 7 steps"), std::string::npos);
  EXPECT_NE(errorOf(10, "ddim0").find("cannot create exactly 0 steps"), std::string::npos);
  EXPECT_NE(errorOf(10, "ddim").find("empty count"), std::string::npos);
  EXPECT_NE(errorOf(10, "").find("empty count"), std::string::npos);
  EXPECT_NE(errorOf(10, "5,,5").find("empty count"), std::string::npos);
  EXPECT_NE(errorOf(10, "five").find("\"five\" is not a whole number"), std::string::npos);
  EXPECT_NE(errorOf(10, "2.5").find("not a whole number"), std::string::npos);
  EXPECT_NE(errorOf(10, "-3").find("negative"), std::string::npos);
  EXPECT_NE(errorOf(10, "0").find("keep no step"), std::string::npos);
  EXPECT_NE(errorOf(10, "99999999999999999999").find("too large"), std::string::npos);
}

TEST(Respace, RespacedBetasKeepTheMarginalsOfTheKeptSteps) {
  const ds::NoiseSchedule s(ds::ScheduleSpec{ds::ScheduleKind::Linear, 1000, {}, {}});
  const auto kept = spaceTimesteps(1000, "10,15,20");
  const ds::RespacedSchedule r = ds::respace(s, kept);
  ASSERT_EQ(r.steps(), 45);
  ASSERT_EQ(r.betas.size(), 45u);
  ASSERT_EQ(r.alphaBars.size(), 46u);
  EXPECT_EQ(r.alphaBars[0], 1.0);
  double prod = 1.0;
  for (int i = 1; i <= r.steps(); ++i) {
    prod *= 1.0 - r.beta(i);
    // ∏(1 − β'_j) over the kept steps is ᾱ at the original step: q(x_{k_i}|x_0) is unchanged.
    EXPECT_NEAR(prod, s.alphaBar(kept[static_cast<std::size_t>(i - 1)]), 1e-14);
    EXPECT_EQ(r.alphaBar(i), s.alphaBar(kept[static_cast<std::size_t>(i - 1)]));
    EXPECT_GT(r.beta(i), 0.0);
    EXPECT_LT(r.beta(i), 1.0);
  }
  EXPECT_NEAR(r.beta(1), s.beta(1), 1e-15);  // k_1 = 1: β'_1 = 1 − ᾱ_1 = β_1 (up to rounding)
}

TEST(Respace, KeepingEveryStepGivesTheOriginalSchedule) {
  for (auto kind : {ds::ScheduleKind::Linear, ds::ScheduleKind::Cosine}) {
    const ds::NoiseSchedule s(ds::ScheduleSpec{kind, 50, {}, {}});
    const ds::RespacedSchedule r = ds::respace(s, spaceTimesteps(50, "50"));
    for (int t = 1; t <= 50; ++t) {
      EXPECT_NEAR(r.beta(t), s.beta(t), 1e-13);
      EXPECT_NEAR(r.posteriorVariance(t), s.posteriorVariance(t), 1e-13);
      EXPECT_NEAR(r.posteriorLogVarianceClipped(t), s.posteriorLogVarianceClipped(t), 1e-9);
      EXPECT_NEAR(r.posteriorMeanCoef1(t), s.posteriorMeanCoef1(t), 1e-12);
      EXPECT_NEAR(r.posteriorMeanCoef2(t), s.posteriorMeanCoef2(t), 1e-12);
      EXPECT_NEAR(r.snr(t), s.snr(t), 1e-9 * s.snr(t));
    }
  }
}

TEST(Respace, RespaceRefusesBadKeptLists) {
  const ds::NoiseSchedule s(ds::ScheduleSpec{ds::ScheduleKind::Linear, 10, {}, {}});
  EXPECT_THROW(ds::respace(s, {}), std::invalid_argument);
  EXPECT_THROW(ds::respace(s, {0, 5}), std::invalid_argument);
  EXPECT_THROW(ds::respace(s, {5, 11}), std::invalid_argument);
  EXPECT_THROW(ds::respace(s, {5, 5}), std::invalid_argument);
  EXPECT_THROW(ds::respace(s, {6, 2}), std::invalid_argument);
  const ds::RespacedSchedule one = ds::respace(s, {4});
  EXPECT_TRUE(std::isnan(one.posteriorLogVarianceClipped(1)));
  EXPECT_THROW(one.beta(2), std::out_of_range);
  EXPECT_THROW(one.beta(0), std::out_of_range);
}
