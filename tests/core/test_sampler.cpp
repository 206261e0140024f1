#include "core/sampling/sampler.h"

#include "core/runtime/rng.h"
#include "stats.h"
#include "test_device.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <stdexcept>

using ds::DdpmVariance;
using ds::GaussianMixture;
using ds::NoiseSchedule;
using ds::SampleRequest;
using ds::SamplerKind;
using ds::ScheduleKind;
using ds::ScheduleSpec;

namespace {

const GaussianMixture kBimodal = GaussianMixture::parse("0.3:-2:0.4;0.7:2:0.4");
const GaussianMixture kRing = GaussianMixture::parse(
    "1:2,0:0.3;1:1.414,1.414:0.3;1:0,2:0.3;1:-1.414,1.414:0.3;1:-2,0:0.3;1:-1.414,-1.414:0.3;1:0,-2:0.3;1:1.414,-1.414:"
    "0.3");
const NoiseSchedule kSchedule(ScheduleSpec{ScheduleKind::Linear, 200, {}, {}});

SampleRequest request(SamplerKind kind, std::int64_t n, int dim, std::uint64_t seed) {
  SampleRequest r;
  r.kind = kind;
  r.n = n;
  r.seed = seed;
  r.sampleShape = {dim};
  r.device = ds::test::testDevice();
  return r;
}

// A large sample from the data itself, the reference for the distances below.
at::Tensor reference(const GaussianMixture& m, std::int64_t n) {
  auto gen = ds::makeGenerator(12345, at::kCPU);
  return m.sample(n, gen, at::kCPU);
}

}  // namespace

TEST(Sampler, DdimTimesteps) {
  EXPECT_EQ(ds::ddimTimesteps(1000, 10), (std::vector<int>{1000, 900, 800, 700, 600, 500, 400, 300, 200, 100}));
  EXPECT_EQ(ds::ddimTimesteps(10, 3), (std::vector<int>{10, 7, 3}));
  EXPECT_EQ(ds::ddimTimesteps(5, 5), (std::vector<int>{5, 4, 3, 2, 1}));
  EXPECT_EQ(ds::ddimTimesteps(7, 1), (std::vector<int>{7}));
  EXPECT_THROW(ds::ddimTimesteps(10, 11), std::invalid_argument);
  EXPECT_THROW(ds::ddimTimesteps(10, 0), std::invalid_argument);
  EXPECT_EQ(ds::parseSamplerKind("ddim"), SamplerKind::Ddim);
  EXPECT_EQ(ds::toString(SamplerKind::Ddpm), "ddpm");
  EXPECT_THROW(ds::parseSamplerKind("euler"), std::invalid_argument);
}

// With the exact ε-predictor every sampler must reproduce the data distribution. Tolerance: W1 (1-D)
// or sliced W1 (2-D) to a 50000-point sample of the data below 0.07 (1-D, 10000 samples) or 0.08
// (2-D, 4000 samples). Sampling noise alone is ~0.02 / ~0.03 (in 1-D mostly from the mode weights:
// each 1 % of mass on the wrong mode costs 0.04); the discretisation bias measured with
// 2·10^5 samples is ≈0.01 for DDPM and DDIM η=0 (S=100 of T=200) and ≈0.036 for DDIM η=1 at S=100.
// A mode std off by 25 % (0.5 instead of 0.4) gives ≈0.08, the N(0, 1) start ≈1.4 (checked below).
TEST(Sampler, ExactDenoiserReproducesTheMixture) {
  const ds::ExactMixtureDenoiser model(kBimodal, kSchedule);
  const auto ref = reference(kBimodal, 50000);
  struct Case {
    const char* name;
    SamplerKind kind;
    DdpmVariance variance;
    int steps;
    double eta;
  };
  for (const Case c : {Case{"ddpm beta~", SamplerKind::Ddpm, DdpmVariance::PosteriorVariance, 0, 0},
                       Case{"ddpm beta", SamplerKind::Ddpm, DdpmVariance::Beta, 0, 0},
                       Case{"ddim eta=0 S=100", SamplerKind::Ddim, DdpmVariance::PosteriorVariance, 100, 0.0},
                       Case{"ddim eta=1 S=100", SamplerKind::Ddim, DdpmVariance::PosteriorVariance, 100, 1.0},
                       Case{"ddim eta=0.5 S=200", SamplerKind::Ddim, DdpmVariance::PosteriorVariance, 0, 0.5}}) {
    auto r = request(c.kind, 10000, 1, 7);
    r.variance = c.variance;
    r.samplingSteps = c.steps;
    r.eta = c.eta;
    const auto traj = ds::sample(model, kSchedule, r);
    const auto x = traj.final();
    const double w = ds::test::wasserstein1(x, ref);
    std::cout << c.name << ": W1 = " << w << "\n";
    EXPECT_LT(w, 0.07) << c.name;
    // The mode weights survive: 70 % of the mass sits right of 0 (±4 standard errors).
    EXPECT_NEAR((x > 0).to(at::kDouble).mean().item<double>(), 0.7, 4 * std::sqrt(0.21 / 10000)) << c.name;
    EXPECT_GT(ds::test::wasserstein1(traj.x.front(), ref), 1.0) << c.name;
  }
}

TEST(Sampler, ExactDenoiserReproducesA2DMixture) {
  const ds::ExactMixtureDenoiser model(kRing, kSchedule);
  const auto ref = reference(kRing, 50000);
  for (auto kind : {SamplerKind::Ddpm, SamplerKind::Ddim}) {
    auto r = request(kind, 4000, 2, 9);
    r.samplingSteps = 40;
    const auto x = ds::sample(model, kSchedule, r).final();
    const double w = ds::test::slicedWasserstein1(x, ref);
    std::cout << ds::toString(kind) << " 2-D: sliced W1 = " << w << "\n";
    EXPECT_LT(w, 0.08) << ds::toString(kind);
  }
  // The metric notices a wrong answer: the ring shrunk by 20 %.
  EXPECT_GT(ds::test::slicedWasserstein1(ref.slice(0, 0, 4000) * 0.8, ref), 0.15);
}

TEST(Sampler, TrajectoryLayout) {
  const ds::ExactMixtureDenoiser model(kBimodal, kSchedule);
  auto r = request(SamplerKind::Ddpm, 50, 1, 1);
  r.recordStride = 60;
  const auto traj = ds::sample(model, kSchedule, r);
  EXPECT_EQ(traj.t, (std::vector<int>{200, 140, 80, 20, 0}));
  ASSERT_EQ(traj.x.size(), 5u);
  ASSERT_EQ(traj.x0Pred.size(), 5u);
  EXPECT_FALSE(traj.x0Pred[0].defined());
  for (int i = 1; i < 5; ++i) {
    ASSERT_TRUE(traj.x0Pred[static_cast<std::size_t>(i)].defined());
    EXPECT_EQ(traj.x0Pred[static_cast<std::size_t>(i)].sizes(), (at::IntArrayRef{50, 1}));
  }
  for (const auto& x : traj.x) {
    EXPECT_TRUE(x.device().is_cpu());
    EXPECT_EQ(x.scalar_type(), at::kFloat);
  }
  // The last step of DDPM (t = 1) adds no noise and its x̂_0 is (nearly) the sample.
  EXPECT_LT((traj.x0Pred.back() - traj.final()).abs().max().item<double>(), 0.05);
  EXPECT_EQ(traj.indexNearest(200), 0);
  EXPECT_EQ(traj.indexNearest(110), 2);  // tie between 140 and 80: the smaller t
  EXPECT_EQ(traj.indexNearest(-5), 4);

  auto d = request(SamplerKind::Ddim, 50, 1, 1);
  d.samplingSteps = 10;
  const auto only = ds::sample(model, kSchedule, d);
  EXPECT_EQ(only.t, (std::vector<int>{200, 0}));
  d.recordStride = 1;
  d.timesteps = {5, 200, 50};
  EXPECT_EQ(ds::sample(model, kSchedule, d).t, (std::vector<int>{200, 50, 5, 0}));
  // DDIM's last step lands on x̂_0 exactly.
  const auto last = ds::sample(model, kSchedule, d);
  EXPECT_TRUE(at::equal(last.x0Pred.back(), last.final()));
}

TEST(Sampler, SeedsAreReproducible) {
  const ds::ExactMixtureDenoiser model(kRing, kSchedule);
  for (auto kind : {SamplerKind::Ddpm, SamplerKind::Ddim}) {
    auto r = request(kind, 200, 2, 5);
    r.samplingSteps = 20;
    r.eta = 0.3;
    const auto a = ds::sample(model, kSchedule, r).final();
    const auto b = ds::sample(model, kSchedule, r).final();
    EXPECT_TRUE(at::equal(a, b)) << ds::toString(kind);
    r.seed = 6;
    EXPECT_FALSE(at::allclose(a, ds::sample(model, kSchedule, r).final())) << ds::toString(kind);
  }
  // A given x_T is used, and not modified.
  auto r = request(SamplerKind::Ddim, 10, 2, 0);
  r.xT = at::zeros({10, 2});
  const auto traj = ds::sample(model, kSchedule, r);
  EXPECT_TRUE(at::equal(traj.x.front(), r.xT));
  EXPECT_EQ(r.xT.abs().sum().item<double>(), 0.0);
}

TEST(Sampler, CancelStopsTheSampler) {
  const ds::ExactMixtureDenoiser model(kBimodal, kSchedule);
  for (auto kind : {SamplerKind::Ddpm, SamplerKind::Ddim}) {
    ds::CancelToken cancel;
    long long last = 0;
    auto progress = [&](const ds::Progress& p) {
      last = p.step;
      EXPECT_EQ(p.total, 200);
      EXPECT_EQ(p.stage, ds::toString(kind));
      if (p.step == 3) cancel.cancel();
    };
    EXPECT_THROW(ds::sample(model, kSchedule, request(kind, 100, 1, 0), progress, cancel), ds::Cancelled);
    EXPECT_EQ(last, 3);
  }
}

TEST(Sampler, RejectsBadRequests) {
  const ds::ExactMixtureDenoiser model(kBimodal, kSchedule);
  auto bad = [&](auto edit) {
    auto r = request(SamplerKind::Ddim, 10, 1, 0);
    edit(r);
    EXPECT_THROW(ds::sample(model, kSchedule, r), std::invalid_argument);
  };
  bad([](SampleRequest& r) { r.n = 0; });
  bad([](SampleRequest& r) { r.eta = -0.1; });
  bad([](SampleRequest& r) { r.eta = NAN; });
  bad([](SampleRequest& r) { r.sampleShape.clear(); });
  bad([](SampleRequest& r) { r.sampleShape = {2}; });  // the model is 1-D
  bad([](SampleRequest& r) { r.samplingSteps = 201; });
  bad([](SampleRequest& r) { r.timesteps = {0, 10}; });
  bad([](SampleRequest& r) { r.timesteps = {10, 10}; });
  bad([](SampleRequest& r) { r.xT = at::zeros({3, 1}); });
  bad([](SampleRequest& r) { r.recordStride = -1; });
  // The denoiser checks t only where that costs no device synchronisation: on the CPU.
  const ds::ExactMixtureDenoiser m(kBimodal, kSchedule);
  EXPECT_THROW(m.predictEps(at::zeros({4, 1}), at::full({4}, 201, at::kLong)), std::out_of_range);
}

namespace {

// ε̂ that overflows from a given timestep down: a model that diverges late in the chain.
class DivergingDenoiser : public ds::Denoiser {
 public:
  explicit DivergingDenoiser(int fromT) : m_fromT(fromT) {}
  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& = {}) const override {
    auto eps = at::zeros_like(xt);
    const auto late = t.to(at::kCPU).le(m_fromT).view({-1, 1}).to(xt.device());
    return at::where(late.expand_as(eps), at::full_like(eps, INFINITY), eps);
  }
  std::string name() const override { return "diverging"; }

 private:
  int m_fromT;
};

}  // namespace

// Issue 13: a sampler never hands on inf/NaN; the error names the step where it began.
TEST(Sampler, ANonFiniteStepStopsWithItsTimestep) {
  const DivergingDenoiser model(37);
  auto r = request(SamplerKind::Ddpm, 8, 1, 0);
  try {
    ds::sample(model, kSchedule, r);
    FAIL() << "no error";
  } catch (const ds::NonFiniteError& e) {
    EXPECT_EQ(std::string(e.what()).find("sampling went non-finite (inf or NaN) at step t = 37 -> 36 of 200"), 0u)
        << e.what();
  }
  r.kind = SamplerKind::Ddim;
  r.samplingSteps = 20;  // DDIM visits 200, 190, …: the first step at or below 37 is t = 30
  try {
    ds::sample(model, kSchedule, r);
    FAIL() << "no error";
  } catch (const ds::NonFiniteError& e) {
    EXPECT_NE(std::string(e.what()).find("at step t = 30 -> 20"), std::string::npos) << e.what();
  }
}
