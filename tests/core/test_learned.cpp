// core/eval/learned (the tables the lessons draw from a learned ε_θ) and core/eval/noisedpoints
// (the Train lesson's precomputed forward process): each checked against a direct computation.

#include "core/data/pointset.h"
#include "core/eval/learned.h"
#include "core/eval/noisedpoints.h"
#include "core/forward.h"
#include "core/models/mlp.h"
#include "core/runtime/rng.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace {

std::shared_ptr<ds::MlpDenoiser> smallModel(int dim, int T) {
  ds::MlpConfig c;
  c.dim = dim;
  c.hidden = 16;
  c.layers = 2;
  c.steps = T;
  return std::make_shared<ds::MlpDenoiser>(c, 3);
}

TEST(Learned, EpsAtPointIsOneRowPerT) {
  const int T = 12;
  auto model = smallModel(2, T);
  const auto table = ds::epsAtPoint(*model, {0.5, -1.0}, T);
  ASSERT_EQ(table->size(), static_cast<std::size_t>(T * 2));
  for (int t : {1, 7, T}) {
    const auto eps = model->predictEps(torch::tensor({{0.5f, -1.0f}}), torch::tensor({static_cast<std::int64_t>(t)}));
    EXPECT_NEAR((*table)[(t - 1) * 2], eps[0][0].item<float>(), 1e-5) << t;
    EXPECT_NEAR((*table)[(t - 1) * 2 + 1], eps[0][1].item<float>(), 1e-5) << t;
  }
  ds::CancelToken cancel;
  cancel.cancel();
  EXPECT_THROW(ds::epsAtPoint(*model, {0.0, 0.0}, T, cancel), ds::Cancelled);
}

TEST(Learned, NegEpsFieldMatchesTheNetwork) {
  const int T = 70;  // more than one chunk of 64 timesteps
  auto model = smallModel(2, T);
  const std::vector<double> xy = {0.0, 1.0, -2.0, 0.5, 1.5, -1.5};
  const auto field = ds::learnedNegEpsField(*model, xy, T);
  ASSERT_EQ(field.size(), static_cast<std::size_t>((T + 1) * 6));
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(field[i], 0.0f);  // t = 0: no noise to predict
  for (int t : {1, 64, 65, T}) {
    const auto eps = model->predictEps(torch::tensor({{-2.0f, 0.5f}}), torch::tensor({static_cast<std::int64_t>(t)}));
    EXPECT_NEAR(field[t * 6 + 2], -eps[0][0].item<float>(), 1e-5) << t;
    EXPECT_NEAR(field[t * 6 + 3], -eps[0][1].item<float>(), 1e-5) << t;
  }
}

TEST(NoisedPoints, FramesAreTheForwardProcessInDataUnits) {
  ds::ScheduleSpec spec;
  spec.steps = 50;
  const ds::NoiseSchedule schedule(spec);
  ds::Normalization norm;
  norm.shift = {10.0, -3.0};
  norm.scale = 2.0;
  const std::vector<float> x0 = {10.f, -3.f, 12.f, 1.f, 6.f, -5.f};
  const ds::NoisedPoints frames(schedule, x0, 2, norm, 99);
  EXPECT_EQ(frames.count(), 3u);
  EXPECT_EQ(frames.steps(), 50);
  EXPECT_EQ(frames.frame(0), x0);
  const at::Tensor eps = ds::fromInterleaved(frames.noise(), 2);
  for (int t : {1, 25, 50}) {
    const at::Tensor expected = norm.inverse(
        ds::qSample(schedule, norm.apply(ds::fromInterleaved(x0, 2)), torch::full({3}, t, torch::kLong), eps));
    EXPECT_TRUE(torch::allclose(ds::fromInterleaved(frames.frame(t), 2), expected, 1e-5, 1e-5)) << t;
  }
  EXPECT_EQ(frames.frame(500), frames.frame(50));  // clamped to T
  // Same seed, same noise; another seed, other noise.
  EXPECT_EQ(ds::NoisedPoints(schedule, x0, 2, norm, 99).frame(10), frames.frame(10));
  EXPECT_NE(ds::NoisedPoints(schedule, x0, 2, norm, 98).frame(10), frames.frame(10));
  EXPECT_THROW(ds::NoisedPoints(schedule, {1.f, 2.f, 3.f}, 2, norm, 0), std::invalid_argument);
}

TEST(PointSet, InterleavedRoundTrip) {
  const at::Tensor p = torch::tensor({{1.f, 2.f}, {3.f, 4.f}});
  const std::vector<float> v = ds::toInterleaved(p);
  EXPECT_EQ(v, (std::vector<float>{1.f, 2.f, 3.f, 4.f}));
  EXPECT_TRUE(torch::equal(ds::fromInterleaved(v, 2), p));
  EXPECT_EQ(ds::fromInterleaved(v, 1).size(0), 4);
  EXPECT_THROW(ds::fromInterleaved(v, 3), std::invalid_argument);
}

}  // namespace
