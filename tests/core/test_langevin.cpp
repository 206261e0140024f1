#include "core/sampling/langevin.h"
#include "core/sampling/pc.h"

#include "core/eval/stepsquality.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"
#include "core/training/metrics.h"
#include "stats.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using ds::GaussianMixture;
using ds::NoiseSchedule;
using ds::ScheduleKind;
using ds::ScheduleSpec;

namespace {

const GaussianMixture kBimodal = GaussianMixture::parse("0.3:-2:0.4;0.7:2:0.4");
const GaussianMixture kThree2d = GaussianMixture::parse("0.5:1,1:0.3;0.3:-1,0.5:0.5;0.2:0,-1.5:0.4");
const NoiseSchedule kSchedule(ScheduleSpec{ScheduleKind::Linear, 200, {}, {}});

// √n · KS below the 1 % critical value 1.63.
void expectKsOk(const at::Tensor& samples, const GaussianMixture& m, double slack = 1.0) {
  const auto v = ds::test::toVector(samples);
  const double ks = ds::ksDistance(v, m);
  EXPECT_LT(std::sqrt(static_cast<double>(v.size())) * ks, 1.63 * slack) << "KS " << ks;
}

}  // namespace

TEST(Score, IsMinusEpsOverSigma) {
  const ds::ExactMixtureDenoiser exact(kThree2d, kSchedule);
  auto gen = ds::makeGenerator(1, at::kCPU);
  const at::Tensor x = at::randn({20, 2}, gen, at::TensorOptions().dtype(at::kDouble));
  for (int t : {1, 50, 200}) {
    const at::Tensor want = kThree2d.diffusedScore(x, at::full({1}, kSchedule.alphaBar(t), at::kDouble));
    EXPECT_TRUE(at::allclose(ds::scoreAt(exact, kSchedule, x, t), want, 1e-9, 1e-9)) << t;
  }
  EXPECT_THROW(ds::scoreAt(exact, kSchedule, x, 0), std::out_of_range);
}

// Langevin at a fixed t with the exact score samples q(x_t), from a start far from it.
TEST(Langevin, FixedLevelSamplesTheNoisedMarginal) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kSchedule);
  const int t = 120;  // the modes have merged: a single chain mixes (at t = 40 it would not)
  ds::LangevinRequest r;
  r.levels = {t};
  r.stepsPerLevel = 300;
  r.stepSize = 0.02;
  r.n = 3000;
  r.seed = 5;
  r.sampleShape = {1};
  r.recordStride = 100;
  const ds::LangevinRun run = ds::langevin(exact, kSchedule, r);
  expectKsOk(run.trajectory.final(), kBimodal.diffused(kSchedule.alphaBar(t)));
  EXPECT_EQ(run.trajectory.size(), 4);  // the start, 100, 200, 300
  EXPECT_EQ(run.iteration, (std::vector<long long>{0, 100, 200, 300}));
  EXPECT_EQ(run.evaluations, 300);
  EXPECT_EQ(run.stepSizes.size(), 300u);
}

// Annealing ends at the smallest noise level: count levels from T down to 1, evenly spaced.
TEST(Langevin, AnnealedLevelsSpanTDownToOne) {
  const std::vector<int> levels = ds::annealedLevels(200, 50);
  ASSERT_EQ(levels.size(), 50u);
  EXPECT_EQ(levels.front(), 200);
  EXPECT_EQ(levels.back(), 1);
  for (std::size_t i = 1; i < levels.size(); ++i) EXPECT_LT(levels[i], levels[i - 1]);
  EXPECT_EQ(ds::annealedLevels(5, 5), (std::vector<int>{5, 4, 3, 2, 1}));
  EXPECT_EQ(ds::annealedLevels(100, 4), (std::vector<int>{100, 67, 34, 1}));
  EXPECT_EQ(ds::annealedLevels(10, 1), (std::vector<int>{10}));
  EXPECT_THROW(ds::annealedLevels(10, 11), std::invalid_argument);
  EXPECT_THROW(ds::annealedLevels(10, 0), std::invalid_argument);
}

// Annealed over t with the SNR step size and a final denoising step: close to the data.
TEST(Langevin, AnnealedReachesTheData) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kSchedule);
  ds::LangevinRequest r;
  r.levels = ds::annealedLevels(200, 50);
  r.stepsPerLevel = 10;
  r.snr = 0.16;
  r.n = 2000;
  r.seed = 6;
  r.sampleShape = {1};
  r.denoiseFinal = true;
  const ds::LangevinRun run = ds::langevin(exact, kSchedule, r);
  EXPECT_EQ(run.trajectory.t.back(), 0);
  // Langevin's finite step blurs a little: the distance is small, not at the sampling floor.
  auto gen = ds::makeGenerator(7, at::kCPU);
  const double w1 = ds::test::wasserstein1(run.trajectory.final(), kBimodal.sample(20000, gen, at::kCPU));
  EXPECT_LT(w1, 0.15);
}

TEST(Langevin, RejectsBadRequests) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kSchedule);
  ds::LangevinRequest r;
  r.sampleShape = {1};
  r.n = 4;
  EXPECT_THROW(ds::langevin(exact, kSchedule, r), std::invalid_argument);  // no level
  r.levels = {201};
  EXPECT_THROW(ds::langevin(exact, kSchedule, r), std::invalid_argument);
  r.levels = {10};
  r.stepsPerLevel = 0;
  EXPECT_THROW(ds::langevin(exact, kSchedule, r), std::invalid_argument);
  r.stepsPerLevel = 1;
  r.snr = 0;
  EXPECT_THROW(ds::langevin(exact, kSchedule, r), std::invalid_argument);
  r.snr = 0.1;
  r.stepSize = 1e6;  // far too large: diverges and says so
  r.stepsPerLevel = 200;
  EXPECT_THROW(ds::langevin(exact, kSchedule, r), ds::NonFiniteError);
}

// No corrector, every t: the same chain as ds::sample's DDPM, noise for noise.
TEST(PredictorCorrector, WithoutCorrectorIsDdpmAndDdim) {
  const ds::ExactMixtureDenoiser exact(kThree2d, kSchedule);
  ds::PcRequest pc;
  pc.correctorSteps = 0;
  pc.n = 50;
  pc.seed = 9;
  pc.sampleShape = {2};
  ds::SampleRequest ddpm;
  ddpm.n = 50;
  ddpm.seed = 9;
  ddpm.sampleShape = {2};
  for (auto variance : {ds::DdpmVariance::Beta, ds::DdpmVariance::PosteriorVariance}) {
    pc.variance = ddpm.variance = variance;
    const at::Tensor a = ds::pcSample(exact, kSchedule, pc).final();
    const at::Tensor b = ds::sample(exact, kSchedule, ddpm).final();
    EXPECT_TRUE(at::allclose(a, b, 1e-4, 1e-4)) << (a - b).abs().max();
  }
  // The ODE predictor on DDIM's subsequence is DDIM (η = 0).
  pc.predictor = ds::PcPredictor::Ode;
  pc.timesteps = ds::ddimTimesteps(200, 20);
  ds::SampleRequest ddim = ddpm;
  ddim.kind = ds::SamplerKind::Ddim;
  ddim.samplingSteps = 20;
  EXPECT_TRUE(
      at::allclose(ds::pcSample(exact, kSchedule, pc).final(), ds::sample(exact, kSchedule, ddim).final(), 1e-4, 1e-4));
}

// PC with Langevin corrections reproduces the mixtures.
TEST(PredictorCorrector, ReproducesMixtures) {
  const ds::ExactMixtureDenoiser exact1(kBimodal, kSchedule);
  ds::PcRequest pc;
  pc.timesteps = ds::ddimTimesteps(200, 100);
  pc.correctorSteps = 1;
  pc.n = 3000;
  pc.seed = 11;
  pc.sampleShape = {1};
  expectKsOk(ds::pcSample(exact1, kSchedule, pc).final(), kBimodal);

  const ds::ExactMixtureDenoiser exact2(kThree2d, kSchedule);
  pc.sampleShape = {2};
  pc.n = 2000;
  pc.predictor = ds::PcPredictor::Ode;
  auto gen = ds::makeGenerator(12, at::kCPU);
  const at::Tensor data = kThree2d.sample(2000, gen, at::kCPU);
  const at::Tensor other = kThree2d.sample(2000, gen, at::kCPU);
  const double sw = ds::slicedWasserstein(ds::pcSample(exact2, kSchedule, pc).final(), data);
  const double floor = ds::slicedWasserstein(other, data);
  EXPECT_LT(sw, 2.5 * floor + 0.02) << "SW " << sw << " floor " << floor;
}

TEST(PredictorCorrector, RejectsBadRequests) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kSchedule);
  ds::PcRequest pc;
  pc.n = 3;
  pc.sampleShape = {1};
  pc.correctorSteps = -1;
  EXPECT_THROW(ds::pcSample(exact, kSchedule, pc), std::invalid_argument);
  pc.correctorSteps = 1;
  pc.snr = -1;
  EXPECT_THROW(ds::pcSample(exact, kSchedule, pc), std::invalid_argument);
  pc.snr = 0.16;
  pc.timesteps = {5, 5};
  EXPECT_THROW(ds::pcSample(exact, kSchedule, pc), std::invalid_argument);
  pc.timesteps = {0};
  EXPECT_THROW(ds::pcSample(exact, kSchedule, pc), std::invalid_argument);
  EXPECT_THROW(ds::parsePcPredictor("euler"), std::invalid_argument);
  ds::CancelToken cancel;
  cancel.cancel();
  pc.timesteps.clear();
  EXPECT_THROW(ds::pcSample(exact, kSchedule, pc, {}, cancel), ds::Cancelled);
}

// Steps against quality: fewer steps are further from the data; progress and cancel work.
TEST(StepsQuality, DistanceFallsWithStepsAndReportsProgress) {
  ds::StepsQualityRequest r;
  r.data = kBimodal;
  r.schedule = ScheduleSpec{ScheduleKind::Linear, 100, {}, {}};
  r.samplers = {ds::StepsSampler::Ddim, ds::StepsSampler::Ode, ds::StepsSampler::Pc};
  r.steps = {2, 50};
  r.n = 1000;
  r.seed = 4;
  long long last = -1;
  bool monotone = true;
  const ds::StepsQualityResult out = ds::stepsAgainstQuality(r, [&](const ds::Progress& p) {
    monotone = monotone && p.step >= last && p.total == 1000;
    last = p.step;
  });
  EXPECT_TRUE(monotone);
  EXPECT_GE(last, 990);
  EXPECT_EQ(out.metric, "ks");
  ASSERT_EQ(out.rows.size(), 6u);
  for (std::size_t i = 0; i < 6; i += 2) {
    EXPECT_EQ(out.rows[i].steps, 2);
    EXPECT_GT(out.rows[i].distance, 2 * out.rows[i + 1].distance) << ds::toString(out.rows[i].sampler);
    EXPECT_LT(out.rows[i + 1].distance, 3 * out.floor + 0.01) << ds::toString(out.rows[i].sampler);
  }
  EXPECT_EQ(out.rows[3].evaluations, 100);  // 50 Heun steps
  EXPECT_EQ(out.rows[5].evaluations, 100);  // 50 predictor + 50 corrector steps

  r.data = kThree2d;
  r.samplers = {ds::StepsSampler::Ddpm};
  r.steps = {20};
  r.n = 500;
  r.referenceSize = 2000;
  EXPECT_EQ(ds::stepsAgainstQuality(r).metric, "sliced_w2");

  r.steps = {101};
  EXPECT_THROW(ds::stepsAgainstQuality(r), std::invalid_argument);
  r.steps = {10};
  ds::CancelToken cancel;
  cancel.cancel();
  EXPECT_THROW(ds::stepsAgainstQuality(r, {}, cancel), ds::Cancelled);
  EXPECT_THROW(ds::parseStepsSampler("euler"), std::invalid_argument);
}
