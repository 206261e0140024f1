// MlpDenoiser: the fast inference path agrees with the differentiable forward, validates its
// inputs, is deterministic from a seed and notices weight changes.

#include "core/models/mlp.h"

#include "test_device.h"

#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

namespace {

using ds::test::testDevice;
using ds::test::testFloat;
using ds::test::testLong;

ds::MlpConfig smallConfig(int dim = 2, int classes = 0) {
  ds::MlpConfig c;
  c.dim = dim;
  c.hidden = 32;
  c.layers = 3;
  c.numClasses = classes;
  c.steps = 50;
  return c;
}

torch::Tensor reference(ds::MlpDenoiser& m, const torch::Tensor& x, const torch::Tensor& t,
                        const torch::Tensor& y = {}) {
  torch::NoGradGuard g;
  return m.module()->forward(x, t, y);
}

TEST(Mlp, FastPathMatchesForward) {
  for (int dim : {1, 2}) {
    ds::MlpDenoiser m(smallConfig(dim), 3, testDevice());
    auto x = torch::randn({17, dim}, testFloat());
    auto t = torch::randint(1, 51, {17}, testLong());
    auto eps = m.predictEps(x, t);
    ASSERT_EQ(eps.sizes(), x.sizes());
    EXPECT_EQ(eps.device(), testDevice());
    EXPECT_TRUE(torch::allclose(eps, reference(m, x, t), 1e-5, 1e-5));
    // Called twice (reused buffers) and with another N.
    EXPECT_TRUE(torch::allclose(m.predictEps(x, t), eps));
    auto x2 = torch::randn({5, dim}, testFloat());
    auto t2 = torch::full({5}, 50, testLong());
    EXPECT_TRUE(torch::allclose(m.predictEps(x2, t2), reference(m, x2, t2), 1e-5, 1e-5));
  }
}

TEST(Mlp, ResultIsAnOrdinaryTensor) {
  ds::MlpDenoiser m(smallConfig(), 1, testDevice());
  auto eps = m.predictEps(torch::randn({4, 2}, testFloat()), torch::full({4}, 3, testLong()));
  EXPECT_NO_THROW(eps.mul_(2));  // callers may update it in place
  EXPECT_FALSE(eps.is_inference());
}

TEST(Mlp, ConditionalNullLabelIsDefault) {
  ds::MlpDenoiser m(smallConfig(2, 3), 5, testDevice());
  EXPECT_EQ(m.numClasses(), 3);
  auto x = torch::randn({6, 2}, testFloat());
  auto t = torch::randint(1, 51, {6}, testLong());
  auto y = torch::tensor({0, 1, 2, 3, 0, 1}, torch::kLong).to(testDevice());
  EXPECT_TRUE(torch::allclose(m.predictEps(x, t, y), reference(m, x, t, y), 1e-5, 1e-5));
  auto nullLabels = torch::full({6}, 3, testLong());
  EXPECT_TRUE(torch::allclose(m.predictEps(x, t), m.predictEps(x, t, nullLabels), 1e-6, 1e-6));
  EXPECT_FALSE(torch::allclose(m.predictEps(x, t, torch::zeros({6}, testLong())), m.predictEps(x, t)));
}

TEST(Mlp, RejectsBadInput) {
  // Shapes are checked on every device...
  ds::MlpDenoiser m(smallConfig(), 0, testDevice());
  auto t = torch::full({4}, 1, testLong());
  EXPECT_THROW(m.predictEps(torch::randn({4, 3}, testFloat()), t), std::invalid_argument);
  EXPECT_THROW(m.predictEps(torch::randn({4, 2}, testFloat()), torch::full({3}, 1, testLong())), std::invalid_argument);
  EXPECT_THROW(m.predictEps(torch::randn({4, 2}, testFloat()), t, torch::zeros({4}, testLong())),
               std::invalid_argument);
  // ...value ranges only on the CPU, where checking costs no device synchronisation.
  ds::MlpDenoiser cpu(smallConfig(), 0);
  EXPECT_THROW(cpu.predictEps(torch::randn({4, 2}), torch::full({4}, 0, torch::kLong)), std::out_of_range);
  EXPECT_THROW(cpu.predictEps(torch::randn({4, 2}), torch::full({4}, 51, torch::kLong)), std::out_of_range);
  ds::MlpDenoiser c(smallConfig(2, 2), 0);
  EXPECT_THROW(c.predictEps(torch::randn({4, 2}), torch::full({4}, 1, torch::kLong), torch::full({4}, 3, torch::kLong)),
               std::out_of_range);
  ds::MlpConfig bad = smallConfig();
  bad.timeEmbedDim = 7;
  EXPECT_THROW(ds::MlpDenoiser{bad}, std::invalid_argument);
  bad = smallConfig();
  bad.layers = 0;
  EXPECT_THROW(ds::MlpDenoiser{bad}, std::invalid_argument);
}

TEST(Mlp, SeededInitialisation) {
  // The initial weights come from a CPU generator, so they are the same on every device.
  ds::MlpDenoiser a(smallConfig(), 42, testDevice()), b(smallConfig(), 42), c(smallConfig(), 43, testDevice());
  auto pa = a.module()->parameters(), pb = b.module()->parameters(), pc = c.module()->parameters();
  ASSERT_EQ(pa.size(), pb.size());
  bool anyDifferent = false;
  for (std::size_t i = 0; i < pa.size(); ++i) {
    EXPECT_EQ(pa[i].device(), testDevice());
    EXPECT_TRUE(torch::equal(pa[i].cpu(), pb[i]));
    anyDifferent = anyDifferent || !torch::equal(pa[i], pc[i]);
  }
  EXPECT_TRUE(anyDifferent);
  // 3 layers of width 32 on 2-D data with a 32-wide time embedding.
  EXPECT_EQ(a.parameterCount(), (2 + 32) * 32 + 32 + 2 * (32 * 32 + 32) + 32 * 2 + 2);
}

TEST(Mlp, NoticesWeightChanges) {
  ds::MlpDenoiser a(smallConfig(), 1, testDevice()), b(smallConfig(), 2, testDevice());
  auto x = torch::randn({8, 2}, testFloat());
  auto t = torch::randint(1, 51, {8}, testLong());
  auto before = a.predictEps(x, t);  // builds a's tables
  a.copyWeightsFrom(b.module());
  auto after = a.predictEps(x, t);
  EXPECT_TRUE(torch::allclose(after, b.predictEps(x, t), 1e-6, 1e-6));
  EXPECT_FALSE(torch::allclose(after, before));
}

TEST(Mlp, CloneIsIndependent) {
  ds::MlpDenoiser a(smallConfig(), 1, testDevice());
  auto copy = a.clone();
  EXPECT_EQ(copy->device(), testDevice());
  auto x = torch::randn({8, 2}, testFloat());
  auto t = torch::randint(1, 51, {8}, testLong());
  EXPECT_TRUE(torch::allclose(copy->predictEps(x, t), a.predictEps(x, t)));
  {
    torch::NoGradGuard g;
    for (auto& p : a.module()->parameters()) p.add_(1.0);
  }
  EXPECT_FALSE(torch::allclose(copy->predictEps(x, t), a.predictEps(x, t)));
}

TEST(Mlp, WorksWhenBuiltUnderInferenceMode) {
  auto x = torch::randn({8, 2}, testFloat());
  auto t = torch::randint(1, 51, {8}, testLong());
  ds::MlpDenoiser plain(smallConfig(), 4, testDevice());
  c10::InferenceMode guard;
  ds::MlpDenoiser m(smallConfig(), 4, testDevice());
  EXPECT_TRUE(torch::allclose(m.predictEps(x, t), plain.predictEps(x, t)));
  ds::MlpDenoiser other(smallConfig(), 5, testDevice());
  m.copyWeightsFrom(other.module());
  EXPECT_TRUE(torch::allclose(m.predictEps(x, t), other.predictEps(x, t)));
}

TEST(Mlp, TimeEmbeddingShape) {
  auto e = ds::timeEmbedding(torch::tensor({1, 500, 1000}, torch::kLong).to(testDevice()), 16, 1000);
  EXPECT_EQ(e.device(), testDevice());
  EXPECT_EQ(e.sizes(), (std::vector<int64_t>{3, 16}));
  EXPECT_LE(e.abs().max().item<float>(), 1.0f);
}

}  // namespace

namespace {

// The checkpoint loader trusts MlpConfig::parameterCount() to reject a file whose declared network
// is larger than its payload before building it; it must equal what the built network has.
TEST(Mlp, ParameterCountWithoutBuildingMatchesTheNetwork) {
  for (int dim : {1, 2, 5}) {
    for (int classes : {0, 3}) {
      for (int layers : {1, 2, 4}) {
        ds::MlpConfig c = smallConfig(dim, classes);
        c.layers = layers;
        c.hidden = 7 + dim;
        c.timeEmbedDim = 6;
        c.classEmbedDim = 5;
        ds::MlpDenoiser m(c, 1);
        EXPECT_EQ(c.parameterCount(), m.parameterCount())
            << "dim " << dim << " classes " << classes << " layers " << layers;
      }
    }
  }
}

}  // namespace
