// Encoding along the probability-flow ODE (core/likelihood/odeencode.h): x_0 → x_T and back with
// odeSample lands on x_0 again (adaptive: to the tolerance; Heun: to its discretisation error), the
// encoded latents of mixture samples look like N(0, I), the recorded path ascends in t, bad options
// and cancel are refused.

#include "core/likelihood/odeencode.h"

#include "core/runtime/rng.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <stdexcept>

using ds::GaussianMixture;
using ds::NoiseSchedule;
using ds::OdeOptions;
using ds::OdeSolver;
using ds::ScheduleKind;
using ds::ScheduleSpec;

namespace {

const GaussianMixture kThree2d = GaussianMixture::parse("0.5:1,1:0.3;0.3:-1,0.5:0.5;0.2:0,-1.5:0.4");
const NoiseSchedule kCosine(ScheduleSpec{ScheduleKind::Cosine, 200, {}, {}});

at::Tensor points(const GaussianMixture& m, std::int64_t n, std::uint64_t seed) {
  auto gen = ds::makeGenerator(seed, at::kCPU);
  return m.sample(n, gen, at::kCPU);
}

double roundTripError(const OdeOptions& options, const at::Tensor& x0) {
  const ds::ExactMixtureDenoiser model(kThree2d, kCosine);
  const ds::OdeSample encoded = ds::odeEncode(model, kCosine, x0, options, 1);
  ds::OdeSampleRequest request;
  request.ode = options;
  request.n = x0.size(0);
  request.xT = encoded.trajectory.final();
  const ds::OdeSample decoded = ds::odeSample(model, kCosine, request);
  return (decoded.trajectory.final() - x0).abs().max().item<double>();
}

}  // namespace

TEST(OdeEncode, AdaptiveRoundTripLandsOnX0) {
  OdeOptions options;
  options.rtol = options.atol = 1e-6;
  EXPECT_LT(roundTripError(options, points(kThree2d, 16, 3)), 1e-3);
}

TEST(OdeEncode, HeunRoundTripErrorShrinksWithSteps) {
  const at::Tensor x0 = points(kThree2d, 16, 4);
  OdeOptions coarse, fine;
  coarse.solver = fine.solver = OdeSolver::Heun;
  coarse.steps = 5;
  fine.steps = 100;
  const double eCoarse = roundTripError(coarse, x0), eFine = roundTripError(fine, x0);
  EXPECT_LT(eFine, 0.02);
  EXPECT_LT(eFine, eCoarse);
}

TEST(OdeEncode, PathAscendsAndLatentsLookStandardNormal) {
  const ds::ExactMixtureDenoiser model(kThree2d, kCosine);
  OdeOptions options;
  const ds::OdeSample encoded = ds::odeEncode(model, kCosine, points(kThree2d, 2000, 5), options, 1);
  ASSERT_GE(encoded.trajectory.size(), 3);
  EXPECT_EQ(encoded.times.front(), 0.0);
  EXPECT_NEAR(encoded.times.back(), 200.0, 1e-9);
  EXPECT_EQ(encoded.trajectory.t.back(), 200);
  for (std::size_t i = 1; i < encoded.times.size(); ++i) EXPECT_GT(encoded.times[i], encoded.times[i - 1]);
  const at::Tensor z = encoded.trajectory.final().to(at::kDouble);
  // 2000 points: the mean's standard error is 0.022, the variance's about 0.032.
  EXPECT_LT(z.mean(0).abs().max().item<double>(), 0.1);
  EXPECT_LT((z.var(0) - 1.0).abs().max().item<double>(), 0.15);
  EXPECT_GT(encoded.evaluations, 0);
}

TEST(OdeEncode, RefusesBadInputAndCancels) {
  const ds::ExactMixtureDenoiser model(kThree2d, kCosine);
  OdeOptions heun;
  heun.solver = OdeSolver::Heun;
  heun.steps = 201;
  EXPECT_THROW(ds::odeEncode(model, kCosine, points(kThree2d, 2, 1), heun), std::invalid_argument);
  EXPECT_THROW(ds::odeEncode(model, kCosine, points(kThree2d, 2, 1), OdeOptions{}, -1), std::invalid_argument);
  EXPECT_THROW(ds::odeEncode(model, kCosine, at::full({1, 2}, NAN), OdeOptions{}), std::invalid_argument);
  ds::CancelToken cancel;
  cancel.cancel();
  EXPECT_THROW(ds::odeEncode(model, kCosine, points(kThree2d, 2, 1), OdeOptions{}, 0, {}, cancel), ds::Cancelled);
}
