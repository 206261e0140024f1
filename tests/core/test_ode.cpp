#include "core/likelihood/ode.h"

#include "core/likelihood/odefield.h"
#include "core/models/mlp.h"
#include "core/runtime/rng.h"
#include "core/training/metrics.h"
#include "stats.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using ds::GaussianMixture;
using ds::NoiseSchedule;
using ds::OdeOptions;
using ds::OdeSolver;
using ds::ScheduleKind;
using ds::ScheduleSpec;

namespace {

const GaussianMixture kBimodal = GaussianMixture::parse("0.3:-2:0.4;0.7:2:0.4");
const GaussianMixture kThree2d = GaussianMixture::parse("0.5:1,1:0.3;0.3:-1,0.5:0.5;0.2:0,-1.5:0.4");
const NoiseSchedule kLinear(ScheduleSpec{ScheduleKind::Linear, 1000, {}, {}});
const NoiseSchedule kCosine(ScheduleSpec{ScheduleKind::Cosine, 200, {}, {}});

at::Tensor points(const GaussianMixture& m, std::int64_t n, std::uint64_t seed) {
  auto gen = ds::makeGenerator(seed, at::kCPU);
  return m.sample(n, gen, at::kCPU);
}

// A learned-looking denoiser: the exact one behind the plain Denoiser interface, at integer t only
// and under InferenceMode as the MLP and the U-Net run, so the ODE takes the interpolated ε and the
// central-difference divergence.
class IntegerTimeDenoiser : public ds::Denoiser {
 public:
  IntegerTimeDenoiser(GaussianMixture data, NoiseSchedule schedule) : m_exact(std::move(data), std::move(schedule)) {}
  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override {
    c10::InferenceMode inference;
    return m_exact.predictEps(xt, t, labels);
  }
  std::string name() const override { return "integer-time exact"; }

 private:
  ds::ExactMixtureDenoiser m_exact;
};

}  // namespace

TEST(ContinuousSchedule, MatchesTheScheduleAtIntegersAndInverts) {
  const ds::ContinuousSchedule cs(kCosine);
  for (int t : {0, 1, 7, 100, 199, 200}) {
    EXPECT_NEAR(cs.alphaBar(t), kCosine.alphaBar(t), 1e-14 * std::max(1.0, kCosine.alphaBar(t))) << t;
  }
  for (double t : {0.0, 0.25, 1.0, 3.5, 150.2, 199.99, 200.0}) {
    EXPECT_NEAR(cs.timeForSigma(cs.sigma(t)), t, 1e-9) << t;
  }
  EXPECT_DOUBLE_EQ(cs.sigma(0.0), 0.0);
  EXPECT_NEAR(cs.sigmaMax(), std::sqrt((1 - kCosine.alphaBar(200)) / kCosine.alphaBar(200)), 1e-9);
  EXPECT_THROW(cs.alphaBar(200.5), std::out_of_range);
}

// The exact ε at continuous σ is E[ε|x] of gmm.h at ᾱ = 1/(1+σ²).
TEST(EpsField, ExactMixtureMatchesExpectedEps) {
  const ds::ExactMixtureDenoiser exact(kThree2d, kLinear);
  const ds::EpsField field(exact, kLinear);
  const at::Tensor x = points(kThree2d, 50, 3).to(at::kDouble);
  for (double sigma : {0.05, 0.7, 3.0, 40.0}) {
    const double ab = 1.0 / (1.0 + sigma * sigma);
    const at::Tensor want = kThree2d.expectedEps(x, at::full({1}, ab, at::kDouble));
    EXPECT_TRUE(at::allclose(field(x, sigma), want, 1e-10, 1e-12)) << sigma;
  }
  EXPECT_TRUE(field.differentiable(x));
}

// ODE NLL with the exact denoiser against the exact −log q(x_0): within 0.01 nats (issue 11).
TEST(OdeLikelihood, AgreesWithExactNll1d) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kLinear);
  const at::Tensor x0 = at::cat({points(kBimodal, 12, 1), at::tensor({-2.0, 0.0, 2.0, 3.5}).view({4, 1})});
  OdeOptions o;  // adaptive, rtol = atol = 1e-5, exact divergence
  o.exactPrior = true;
  const ds::OdeNll nll = ds::odeNegLogLikelihood(exact, kLinear, x0, o);
  const at::Tensor want = -kBimodal.logDensity(x0.to(at::kDouble));
  const double err = (nll.nats - want).abs().max().item<double>();
  EXPECT_LT(err, 0.01) << "max |ODE − exact| = " << err << " nats with " << nll.evaluations << " evaluations";
  EXPECT_GT(nll.evaluations, 10);
  EXPECT_TRUE(at::allclose(nll.bitsPerDim, nll.nats / std::log(2.0)));
  // The model's own prior N(0, I) differs from q(x_T) at ᾱ_1000 = 4e-5 by a few hundredths at most.
  o.exactPrior = false;
  const double mismatch = (ds::odeNegLogLikelihood(exact, kLinear, x0, o).nats - want).abs().max().item<double>();
  EXPECT_LT(mismatch, 0.05);
}

TEST(OdeLikelihood, AgreesWithExactNll2d) {
  const ds::ExactMixtureDenoiser exact(kThree2d, kCosine);
  const at::Tensor x0 = points(kThree2d, 16, 2);
  OdeOptions o;
  const ds::OdeNll nll = ds::odeNegLogLikelihood(exact, kCosine, x0, o);
  const at::Tensor want = -kThree2d.logDensity(x0.to(at::kDouble));
  const double err = (nll.nats - want).abs().max().item<double>();
  EXPECT_LT(err, 0.01) << "max |ODE − exact| = " << err << " nats";
  EXPECT_TRUE(at::allclose(nll.bitsPerDim, nll.nats / (2 * std::log(2.0))));
}

// Heun converges to the same answer as the steps grow.
TEST(OdeLikelihood, HeunConvergesWithSteps) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kCosine);
  const at::Tensor x0 = points(kBimodal, 8, 4);
  const at::Tensor want = -kBimodal.logDensity(x0.to(at::kDouble));
  OdeOptions o;
  o.solver = OdeSolver::Heun;
  o.steps = 10;
  const double coarse = (ds::odeNegLogLikelihood(exact, kCosine, x0, o).nats - want).abs().max().item<double>();
  o.steps = 200;
  const ds::OdeNll fine = ds::odeNegLogLikelihood(exact, kCosine, x0, o);
  const double fineErr = (fine.nats - want).abs().max().item<double>();
  EXPECT_LT(fineErr, 0.02);
  EXPECT_LT(fineErr, coarse);
  EXPECT_EQ(fine.steps, 200);
  EXPECT_EQ(fine.evaluations, 400);
}

// Hutchinson–Skilling is unbiased: averaged over many probes it matches the exact divergence.
TEST(OdeLikelihood, HutchinsonIsUnbiased) {
  const ds::ExactMixtureDenoiser exact(kThree2d, kCosine);
  const at::Tensor x0 = points(kThree2d, 6, 5);
  OdeOptions o;
  o.solver = OdeSolver::Heun;
  o.steps = 20;
  const at::Tensor exactDiv = ds::odeNegLogLikelihood(exact, kCosine, x0, o).nats;
  o.probes = 1;
  at::Tensor sum = at::zeros_like(exactDiv);
  const int runs = 200;
  for (int r = 0; r < runs; ++r) {
    o.seed = static_cast<std::uint64_t>(r);
    sum += ds::odeNegLogLikelihood(exact, kCosine, x0, o).nats;
  }
  const at::Tensor mean = sum / runs;
  // One-probe estimates of a 2-D divergence have a spread of a few tenths of a nat; 200 runs bring
  // the mean's standard error to ~0.03.
  EXPECT_LT((mean - exactDiv).abs().max().item<double>(), 0.15);
}

// A learned-style denoiser (integer t only, no autograd graph) takes the interpolated ε and the
// central-difference divergence; the NLL stays close to the exact one.
TEST(OdeLikelihood, InterpolatedDenoiserIsCloseToExact) {
  const IntegerTimeDenoiser model(kBimodal, kCosine);
  const at::Tensor x0 = points(kBimodal, 8, 6);
  OdeOptions o;
  o.rtol = o.atol = 1e-4;
  const ds::OdeNll nll = ds::odeNegLogLikelihood(model, kCosine, x0, o);
  const at::Tensor want = -kBimodal.logDensity(x0.to(at::kDouble));
  EXPECT_LT((nll.nats - want).abs().max().item<double>(), 0.05);
}

// The same network without a graph: what the ODE saw from the MLP before it kept one.
class GraphlessDenoiser : public ds::Denoiser {
 public:
  explicit GraphlessDenoiser(const ds::Denoiser& model) : m_model(model) {}
  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override {
    c10::InferenceMode inference;
    return m_model.predictEps(xt.detach(), t, labels);
  }
  std::string name() const override { return "graphless " + m_model.name(); }

 private:
  const ds::Denoiser& m_model;
};

// Issue 11 asks for the exact divergence by autograd for 1-D/2-D models: the MLP keeps the graph
// when x_t requires grad (same ε as its fast inference path), and the NLL through autograd agrees
// with the central-difference route of a network without a graph.
TEST(OdeLikelihood, MlpDivergenceByAutogradMatchesFiniteDifferences) {
  ds::MlpConfig config;
  config.dim = 2;
  config.hidden = 32;
  config.layers = 2;
  config.steps = kCosine.steps();
  const ds::MlpDenoiser mlp(config, 7);
  const GraphlessDenoiser graphless(mlp);
  const at::Tensor like = at::zeros({1, 2}, at::kDouble);
  EXPECT_TRUE(ds::EpsField(mlp, kCosine).differentiable(like));
  EXPECT_FALSE(ds::EpsField(graphless, kCosine).differentiable(like));

  const at::Tensor x = points(kThree2d, 64, 4).to(at::kFloat);
  const at::Tensor t = at::randint(1, kCosine.steps() + 1, {64}, at::kLong);
  const at::Tensor fast = mlp.predictEps(x, t);
  at::Tensor withGraph;
  {
    at::AutoGradMode enable(true);
    withGraph = mlp.predictEps(x.clone().requires_grad_(true), t);
    EXPECT_TRUE(withGraph.requires_grad());
  }
  EXPECT_LT((withGraph.detach() - fast).abs().max().item<double>(), 1e-5);

  const at::Tensor x0 = points(kThree2d, 6, 2);
  OdeOptions o;
  o.solver = OdeSolver::Heun;
  o.steps = 40;
  const ds::OdeNll byAutograd = ds::odeNegLogLikelihood(mlp, kCosine, x0, o);
  const ds::OdeNll byDifferences = ds::odeNegLogLikelihood(graphless, kCosine, x0, o);
  EXPECT_TRUE(byAutograd.nats.isfinite().all().item<bool>());
  EXPECT_LT((byAutograd.nats - byDifferences.nats).abs().max().item<double>(), 1e-3)
      << byAutograd.nats << byDifferences.nats;
}

TEST(OdeLikelihood, RejectsBadOptions) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kCosine);
  const at::Tensor x0 = points(kBimodal, 2, 1);
  OdeOptions o;
  o.rtol = 0;
  EXPECT_THROW(ds::odeNegLogLikelihood(exact, kCosine, x0, o), std::invalid_argument);
  o = OdeOptions{};
  o.solver = OdeSolver::Heun;
  o.steps = 201;
  EXPECT_THROW(ds::odeNegLogLikelihood(exact, kCosine, x0, o), std::invalid_argument);
  o.steps = 10;
  o.probes = -1;
  EXPECT_THROW(ds::odeNegLogLikelihood(exact, kCosine, x0, o), std::invalid_argument);
  EXPECT_THROW(ds::odeNegLogLikelihood(exact, kCosine, at::full({1, 1}, std::nan("")), OdeOptions{}),
               std::invalid_argument);
  EXPECT_THROW(ds::parseOdeSolver("euler"), std::invalid_argument);
  EXPECT_EQ(ds::parseOdeSolver("heun"), OdeSolver::Heun);
}

// ODE sampling reproduces the mixture (KS distance at the 1 % critical value).
TEST(OdeSampling, ReproducesMixture1d) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kCosine);
  ds::OdeSampleRequest r;
  r.n = 4000;
  r.sampleShape = {1};
  r.ode.seed = 3;
  r.ode.solver = OdeSolver::Heun;
  r.ode.steps = 50;
  const ds::OdeSample s = ds::odeSample(exact, kCosine, r);
  const double ks = ds::ksDistance(ds::test::toVector(s.trajectory.final()), kBimodal);
  EXPECT_LT(std::sqrt(4000.0) * ks, 1.63) << "KS " << ks;
  EXPECT_EQ(s.trajectory.t.front(), 200);
  EXPECT_EQ(s.trajectory.t.back(), 0);
  EXPECT_EQ(s.evaluations, 100);
  r.ode.solver = OdeSolver::Adaptive;
  r.ode.rtol = r.ode.atol = 1e-4;
  const ds::OdeSample a = ds::odeSample(exact, kCosine, r);
  EXPECT_LT(std::sqrt(4000.0) * ds::ksDistance(ds::test::toVector(a.trajectory.final()), kBimodal), 1.63);
  // Both solve the same ODE from the same x_T: with enough Heun steps the samples agree point by
  // point, except the few that start next to the line between the basins of the two modes.
  r.n = 1000;
  r.ode.rtol = r.ode.atol = 1e-6;
  const ds::OdeSample tight = ds::odeSample(exact, kCosine, r);
  r.ode.solver = OdeSolver::Heun;
  r.ode.steps = 200;
  const ds::OdeSample fine = ds::odeSample(exact, kCosine, r);
  const at::Tensor gap = (tight.trajectory.final() - fine.trajectory.final()).abs();
  const double close = (gap < 0.01).to(at::kDouble).mean().item<double>();
  EXPECT_GT(close, 0.99);
}

TEST(OdeSampling, CancelStops) {
  const ds::ExactMixtureDenoiser exact(kBimodal, kCosine);
  ds::OdeSampleRequest r;
  r.n = 10;
  r.sampleShape = {1};
  ds::CancelToken cancel;
  int calls = 0;
  EXPECT_THROW(ds::odeSample(
                   exact, kCosine, r,
                   [&](const ds::Progress&) {
                     if (++calls == 3) cancel.cancel();
                   },
                   cancel),
               ds::Cancelled);
}
