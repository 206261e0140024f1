#include "core/models/denoiser.h"
#include "core/runtime/device.h"
#include "core/runtime/progress.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <stdexcept>

TEST(Runtime, ChoosesDevices) {
  EXPECT_TRUE(ds::chooseDevice("cpu").is_cpu());
  EXPECT_TRUE(ds::chooseDevice(" CPU ").is_cpu());
  const auto automatic = ds::chooseDevice("auto");
  EXPECT_EQ(automatic.is_cuda(), ds::cudaAvailable());
  EXPECT_THROW(ds::chooseDevice("tpu"), std::invalid_argument);
  EXPECT_THROW(ds::chooseDevice("cuda:x"), std::invalid_argument);
  if (ds::cudaAvailable()) {
    EXPECT_TRUE(ds::chooseDevice("cuda").is_cuda());
    EXPECT_THROW(ds::chooseDevice("cuda:999"), std::runtime_error);
    EXPECT_NE(ds::describeDevice(ds::chooseDevice("cuda")).find("CUDA"), std::string::npos);
  } else {
    EXPECT_THROW(ds::chooseDevice("cuda"), std::runtime_error);
  }
  EXPECT_NE(ds::describeDevice(ds::chooseDevice("cpu")).find("CPU"), std::string::npos);
}

TEST(Runtime, GeneratorsAreSeededAndPrivate) {
  auto a = ds::makeGenerator(17, at::kCPU), b = ds::makeGenerator(17, at::kCPU);
  const auto x = at::randn({8}, a), y = at::randn({8}, b);
  EXPECT_TRUE(at::equal(x, y));
  EXPECT_FALSE(at::equal(at::randn({8}, a), x));
  auto c = ds::makeGenerator(18, at::kCPU);
  EXPECT_FALSE(at::equal(at::randn({8}, c), x));
}

TEST(Runtime, CancelTokenIsShared) {
  ds::CancelToken token;
  const ds::CancelToken copy = token;
  EXPECT_FALSE(copy.isCancelled());
  token.cancel();
  EXPECT_TRUE(copy.isCancelled());
  copy.reset();
  EXPECT_FALSE(token.isCancelled());
}

// On a CUDA machine: the sampler runs on the GPU and agrees with the exact mixture statistics;
// the CPU-only build skips it.
TEST(Runtime, SamplerRunsOnCuda) {
  if (!ds::cudaAvailable()) GTEST_SKIP() << "no CUDA device";
  const auto data = ds::GaussianMixture::parse("0.5:-2:0.4;0.5:2:0.4");
  const ds::NoiseSchedule schedule(ds::ScheduleSpec{ds::ScheduleKind::Linear, 100, {}, {}});
  const ds::ExactMixtureDenoiser model(data, schedule);
  ds::SampleRequest r;
  r.n = 20000;
  r.sampleShape = {1};
  r.device = ds::chooseDevice("cuda");
  r.seed = 3;
  const auto x = ds::sample(model, schedule, r).final();
  EXPECT_TRUE(x.device().is_cpu());
  EXPECT_NEAR(x.mean().item<double>(), 0.0, 0.05);
  EXPECT_NEAR(x.var().item<double>(), 4.16, 0.15);
  EXPECT_TRUE(at::equal(x, ds::sample(model, schedule, r).final()));
}
