// The VLB term by term (core/likelihood/vlb.h): the reference's helpers against their formulas, each
// term against a hand-computed Gaussian KL, the sampled-t estimate against the exact sum, and the
// bound with the exact mixture denoiser against the exact −log q(x_0).

#include "core/likelihood/vlb.h"

#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "core/runtime/rng.h"
#include "core/schedule.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace {

constexpr double kPi = 3.14159265358979323846;

ds::NoiseSchedule linear(int T) { return ds::NoiseSchedule(ds::ScheduleSpec{ds::ScheduleKind::Linear, T, {}, {}}); }

// Knows the data: every point is `c`, so the noise in x_t is (x_t − √ᾱ_t c)/√(1−ᾱ_t) exactly. It
// returns that plus a constant error δ, which makes every term a closed form independent of the draws.
class OracleDenoiser : public ds::Denoiser {
 public:
  OracleDenoiser(double c, double delta, ds::NoiseSchedule schedule)
      : m_c(c), m_delta(delta), m_schedule(std::move(schedule)) {}
  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor&) const override {
    std::vector<double> ab;
    for (int i = 0; i <= m_schedule.steps(); ++i) ab.push_back(m_schedule.alphaBar(i));
    const at::Tensor a = at::tensor(ab, at::kDouble).index_select(0, t.cpu()).to(xt.device());
    at::Tensor shape = a.view({-1, 1});
    const at::Tensor flat = xt.to(at::kDouble).reshape({xt.size(0), -1});
    const at::Tensor eps = (flat - shape.sqrt() * m_c) / (1.0 - shape).sqrt() + m_delta;
    return eps.view(xt.sizes()).to(xt.scalar_type());
  }
  std::string name() const override { return "oracle"; }

 private:
  double m_c, m_delta;
  ds::NoiseSchedule m_schedule;
};

// KL(N(0, v1) ‖ N(0, v2)) per coordinate.
double klVariances(double v1, double v2) { return 0.5 * (-1.0 + std::log(v2 / v1) + v1 / v2); }

double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace

TEST(Vlb, NormalKlIsTheGaussianKl) {
  const auto d = at::TensorOptions().dtype(at::kDouble);
  // KL(N(1, 2) ‖ N(0, 1)) = ½(−1 + 0 − log 2 + 2 + 1)
  const double kl =
      ds::normalKl(at::full({1}, 1.0, d), at::full({1}, std::log(2.0), d), at::zeros({1}, d), at::zeros({1}, d))
          .item<double>();
  EXPECT_NEAR(kl, 0.5 * (2.0 - std::log(2.0)), 1e-15);
  // KL(N(μ1, s1²) ‖ N(μ2, s2²)) = log(s2/s1) + (s1² + (μ1−μ2)²)/(2 s2²) − ½
  const double m1 = -0.3, s1 = 0.7, m2 = 1.2, s2 = 1.9;
  const double expected = std::log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2) - 0.5;
  EXPECT_NEAR(ds::normalKl(at::full({1}, m1, d), at::full({1}, 2 * std::log(s1), d), at::full({1}, m2, d),
                           at::full({1}, 2 * std::log(s2), d))
                  .item<double>(),
              expected, 1e-14);
}

TEST(Vlb, ApproximateNormalCdfIsCloseToPhi) {
  const at::Tensor x = at::linspace(-5, 5, 101, at::kDouble);
  const at::Tensor approx = ds::approxStandardNormalCdf(x);
  EXPECT_DOUBLE_EQ(ds::approxStandardNormalCdf(at::zeros({1}, at::kDouble)).item<double>(), 0.5);
  for (int i = 0; i < 101; ++i) {
    const double xi = x[i].item<double>();
    EXPECT_NEAR(approx[i].item<double>(), phi(xi), 2e-4) << "x = " << xi;
  }
}

TEST(Vlb, DiscretizedGaussianSumsToOneOverTheBins) {
  const auto d = at::TensorOptions().dtype(at::kDouble);
  const at::Tensor pixels = (at::arange(256, d) / 127.5 - 1.0);  // every 8-bit value in [−1, 1]
  for (double mean : {-0.98, -0.3, 0.0, 0.55}) {
    for (double sd : {0.004, 0.03, 0.4}) {
      const at::Tensor logp =
          ds::discretizedGaussianLogLikelihood(pixels, at::full({256}, mean, d), at::full({256}, std::log(sd), d));
      EXPECT_NEAR(logp.exp().sum().item<double>(), 1.0, 1e-9) << mean << " " << sd;
    }
  }
  // An inner bin by hand: Φ̃((x − μ + 1/255)/s) − Φ̃((x − μ − 1/255)/s) with the reference's Φ̃.
  auto approx = [](double v) { return 0.5 * (1.0 + std::tanh(std::sqrt(2.0 / kPi) * (v + 0.044715 * v * v * v))); };
  const double x = 10 / 127.5 - 1.0, mu = x + 0.002, s = 0.01;
  const double expected = std::log(approx((x - mu + 1 / 255.0) / s) - approx((x - mu - 1 / 255.0) / s));
  EXPECT_NEAR(
      ds::discretizedGaussianLogLikelihood(at::full({1}, x, d), at::full({1}, mu, d), at::full({1}, std::log(s), d))
          .item<double>(),
      expected, 1e-12);
}

TEST(Vlb, VarianceTablesFollowTheReference) {
  const auto s = linear(100);
  const auto C = ds::VlbDecoder::Continuous, I = ds::VlbDecoder::Discretized;
  for (auto decoder : {C, I}) {
    EXPECT_DOUBLE_EQ(ds::vlbLogVariance(s, ds::VlbVariance::Large, decoder, 7), std::log(s.beta(7)));
    EXPECT_DOUBLE_EQ(ds::vlbLogVariance(s, ds::VlbVariance::Small, decoder, 7), std::log(s.posteriorVariance(7)));
    EXPECT_DOUBLE_EQ(ds::vlbLogVariance(s, ds::VlbVariance::Small, decoder, 1), std::log(s.posteriorVariance(2)));
  }
  // Fixed-large at t = 1: β_1 for continuous data (Ho et al.), β̃_2 for images (the reference codes).
  EXPECT_DOUBLE_EQ(ds::vlbLogVariance(s, ds::VlbVariance::Large, C, 1), std::log(s.beta(1)));
  EXPECT_DOUBLE_EQ(ds::vlbLogVariance(s, ds::VlbVariance::Large, I, 1), std::log(s.posteriorVariance(2)));
  EXPECT_EQ(ds::parseVlbVariance("small"), ds::VlbVariance::Small);
  EXPECT_THROW(ds::parseVlbVariance("fixed"), std::invalid_argument);
}

// Each term by hand for data at one point c and a denoiser off by δ in every coordinate:
//   L_{t−1} = D·[KL(N(0, β̃_t) ‖ N(0, σ_t²)) + λ_t δ²],  λ_t = β_t² / (2σ_t² α_t (1−ᾱ_t))
//   L_0     = D·[½ log(2π σ_1²) + δ² (1−ᾱ_1)/ᾱ_1 / (2σ_1²)]   (x̂_0 − x_0 = −√(1−ᾱ_1)/√ᾱ_1 δ)
//   L_T     = D·KL(N(√ᾱ_T c, 1−ᾱ_T) ‖ N(0, 1)).
TEST(Vlb, ExactSumMatchesHandComputedKls) {
  const int T = 40;
  const auto s = linear(T);
  const double c = 0.8, delta = 0.05;
  const OracleDenoiser model(c, delta, s);
  const at::Tensor x0 = at::full({3, 2}, c, at::kDouble);
  for (auto variance : {ds::VlbVariance::Large, ds::VlbVariance::Small}) {
    ds::VlbOptions o;
    o.variance = variance;
    o.doubleInput = true;
    o.batchRows = 7;  // several calls, split across t
    const ds::VlbResult r = ds::variationalBound(model, s, x0, o);
    ASSERT_EQ(r.terms.sizes(), (at::IntArrayRef{3, T + 1}));
    const double D = 2;
    double total = 0;
    for (int t = 1; t <= T; ++t) {
      const double sigma2 = std::exp(ds::vlbLogVariance(s, variance, ds::VlbDecoder::Continuous, t));
      double expected = 0;
      if (t == 1) {
        const double err2 = delta * delta * (1 - s.alphaBar(1)) / s.alphaBar(1);
        expected = D * (0.5 * std::log(2 * kPi * sigma2) + err2 / (2 * sigma2));
      } else {
        expected = D * (klVariances(s.posteriorVariance(t), sigma2) + ds::vlbEpsWeight(s, variance, t) * delta * delta);
      }
      total += expected;
      for (int n = 0; n < 3; ++n) {
        EXPECT_NEAR(r.terms[n][t - 1].item<double>(), expected, 1e-9 * std::max(1.0, std::abs(expected)))
            << "t = " << t << " " << ds::toString(variance);
      }
    }
    const double abT = s.alphaBar(T);
    const double lT = D * 0.5 * (-1.0 - std::log(1 - abT) + (1 - abT) + abT * c * c);
    total += lT;
    EXPECT_NEAR(r.lT[0].item<double>(), lT, 1e-12);
    EXPECT_NEAR(r.terms[0][T].item<double>(), lT, 1e-12);
    EXPECT_NEAR(r.nats[1].item<double>(), total, 1e-8);
    EXPECT_NEAR((r.l0 + r.lMid + r.lT)[2].item<double>(), total, 1e-8);
    EXPECT_NEAR(r.bitsPerDim[0].item<double>(), total / (D * std::log(2.0)), 1e-9);
    EXPECT_EQ(r.standardError.abs().max().item<double>(), 0.0);
    EXPECT_EQ(r.evaluations, (3 * T + 6) / 7);
    EXPECT_NEAR(ds::meanTerms(r)[5].item<double>(), r.terms[0][5].item<double>(), 1e-12);
  }
}

TEST(Vlb, DiscretizedDecoderForImages) {
  const auto s = linear(20);
  const OracleDenoiser model(0.2, 0.0, s);  // 0.2 is no pixel value, but the decoder only needs x in [−1, 1]
  const at::Tensor images = at::full({2, 1, 4, 4}, 0.2, at::kDouble);
  ds::VlbOptions o;
  o.decoder = ds::VlbDecoder::Discretized;
  o.doubleInput = true;
  const ds::VlbResult r = ds::variationalBound(model, s, images, o);
  EXPECT_EQ(r.dims, 16);
  // μ_θ(x_1) = x_0 exactly: each pixel's bin has probability Φ̃(h/σ) − Φ̃(−h/σ), h = 1/255.
  const double sd = std::exp(0.5 * ds::vlbLogVariance(s, ds::VlbVariance::Large, ds::VlbDecoder::Discretized, 1));
  const double h = (1 / 255.0) / sd;
  auto approx = [](double v) { return 0.5 * (1.0 + std::tanh(std::sqrt(2.0 / kPi) * (v + 0.044715 * v * v * v))); };
  EXPECT_NEAR(r.l0[1].item<double>(), -16 * std::log(approx(h) - approx(-h)), 1e-9);
  const at::Tensor outside = at::full({1, 1, 2, 2}, 1.5, at::kDouble);
  EXPECT_THROW(ds::variationalBound(model, s, outside, o), std::invalid_argument);
}

TEST(Vlb, SampledEstimateIsUnbiasedWithItsStandardError) {
  const int T = 50;
  const auto s = linear(T);
  const OracleDenoiser model(-0.5, 0.2, s);
  const at::Tensor x0 = at::full({400, 1}, -0.5, at::kDouble);
  ds::VlbOptions o;
  o.doubleInput = true;
  const double exact = ds::variationalBound(model, s, x0.slice(0, 0, 1), o).nats[0].item<double>();
  o.sampledT = 8;
  o.seed = 3;
  const ds::VlbResult r = ds::variationalBound(model, s, x0, o);
  EXPECT_FALSE(r.terms.defined());
  // The terms here do not depend on x_t, so the spread is the t draw's alone.
  const double mean = r.nats.mean().item<double>();
  const double se = r.nats.std().item<double>() / std::sqrt(400.0);
  EXPECT_NEAR(mean, exact, 4 * se);
  // The per-point standard errors estimate that same spread (they agree on average within ~10 %).
  const double perPoint = r.nats.std().item<double>();
  EXPECT_NEAR(r.standardError.pow(2).mean().sqrt().item<double>(), perPoint, 0.15 * perPoint);
  EXPECT_NEAR((r.l0 + r.lMid + r.lT - r.nats).abs().max().item<double>(), 0.0, 1e-9);
}

TEST(Vlb, ExactDenoiserBoundsTheExactNll) {
  // With the exact ε the bound is −log q(x_0) plus the KLs the fixed-variance Gaussian steps cannot
  // close: E[VLB] ≥ NLL, the gap shrinking as T grows.
  for (const char* spec : {"0.4:-1.5:0.3;0.6:1:0.5", "0.5:-1,0:0.4;0.5:1,0.5:0.3"}) {
    const ds::GaussianMixture data = ds::GaussianMixture::parse(spec);
    at::Generator gen = ds::makeGenerator(7, c10::Device(c10::kCPU));
    const long NP = 400;  // one x_t per t per point: the mean's standard error is ~0.05 nats here
    const at::Tensor x0 = data.sample(NP, gen, c10::Device(c10::kCPU));
    const double nll = ds::mixtureNegLogLikelihood(data, x0).mean().item<double>();
    for (int T : {50, 1000}) {
      const auto s = linear(T);
      const ds::ExactMixtureDenoiser model(data, s);
      ds::VlbOptions o;
      o.doubleInput = true;
      o.seed = 11;
      o.batchRows = 65536;
      const ds::VlbResult r = ds::variationalBound(model, s, x0, o);
      const double vlb = r.nats.mean().item<double>();
      const double gap = vlb - nll;
      const double se = r.nats.sub(ds::mixtureNegLogLikelihood(data, x0)).std().item<double>() / std::sqrt(double(NP));
      EXPECT_GT(gap, -3 * se) << spec << " T = " << T;
      // At T = 1000 the bound is tight: measured 0.010 ± 0.018 (1-D) and 0.003 ± 0.026 (2-D) nats
      // with 3000 points, against 0.065 and 0.146 at T = 50 (docs/likelihood.md).
      if (T == 1000) EXPECT_LT(gap, 0.03 + 3 * se) << spec;
      EXPECT_LT(r.lT.mean().item<double>(), 1e-3);  // ᾱ_T ≈ 4e-5: q(x_T|x_0) is almost N(0, I)
    }
  }
}

TEST(Vlb, BadOptionsAndCancellation) {
  const auto s = linear(10);
  const OracleDenoiser model(0.0, 0.0, s);
  const at::Tensor x0 = at::zeros({4, 1}, at::kDouble);
  ds::VlbOptions o;
  o.sampledT = 1;
  EXPECT_THROW(ds::variationalBound(model, s, x0, o), std::invalid_argument);
  o.sampledT = 0;
  EXPECT_THROW(ds::variationalBound(model, s, at::zeros({4}, at::kDouble), o), std::invalid_argument);
  o.labels = at::zeros({3}, at::kLong);
  EXPECT_THROW(ds::variationalBound(model, s, x0, o), std::invalid_argument);
  o.labels = at::Tensor();
  EXPECT_THROW(ds::variationalBound(model, s, at::full({2, 1}, NAN, at::kDouble), o), std::invalid_argument);
  ds::CancelToken cancel;
  long long calls = 0, total = 0;
  o.batchRows = 4;
  ds::variationalBound(model, s, x0, o, [&](const ds::Progress& p) {
    ++calls;
    total = p.total;
    EXPECT_EQ(p.stage, "vlb");
  });
  EXPECT_EQ(calls, 10);
  EXPECT_EQ(total, 10);
  cancel.cancel();
  EXPECT_THROW(ds::variationalBound(model, s, x0, o, {}, cancel), ds::Cancelled);
}

TEST(Vlb, MixtureNllIsMinusTheLogDensity) {
  const ds::GaussianMixture g = ds::GaussianMixture::parse("1:0.5:2");
  const at::Tensor x = at::tensor({0.5, 2.5}, at::kDouble).view({2, 1});
  const at::Tensor nll = ds::mixtureNegLogLikelihood(g, x);
  EXPECT_NEAR(nll[0].item<double>(), 0.5 * std::log(2 * kPi * 4), 1e-12);
  EXPECT_NEAR(nll[1].item<double>(), 0.5 * std::log(2 * kPi * 4) + 0.5, 1e-12);
  EXPECT_THROW(ds::mixtureNegLogLikelihood(g, at::zeros({2, 2})), std::invalid_argument);
}
