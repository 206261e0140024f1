#pragma once
// A small U-Net ε-predictor for 28×28 grayscale images (Fashion-MNIST), class-conditional with an
// extra null label so one network is both the conditional and the unconditional model that
// classifier-free guidance needs (Ho & Salimans 2022).
//
// The shape follows Ho et al. 2020 (appendix B) and Nichol & Dhariwal 2021 scaled down: an input
// convolution, per resolution (28, 14, 7) `resBlocks` residual blocks on the way down and one more
// on the way up (each up block sees the matching down activation concatenated), stride-2
// convolutions down and nearest-neighbour ×2 + convolution up, a middle of residual block →
// self-attention → residual block at 7×7, and GroupNorm → SiLU → convolution out. Every residual
// block adds a projection of the embedding e = MLP(sinusoid(t)) + c(y) to its hidden activation.
// The last convolution of every residual block, of the attention and of the output start at zero,
// so the untrained network is the identity-plus-zero map that trains stably (improved-diffusion's
// zero_module).

#include "core/models/denoiser.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ds {

struct UNetConfig {
  int imageChannels = 1;
  int imageSize = 28;                         // H = W; must be divisible by 2^(levels-1)
  int baseChannels = 32;                      // C: channels at full resolution
  std::vector<int> channelMults = {1, 2, 2};  // channels per level = C · mult
  int resBlocks = 1;                          // residual blocks per level on the way down (one more on the way up)
  int groups = 8;                             // GroupNorm groups (must divide every channel count)
  bool midAttention = true;                   // self-attention in the middle, at the lowest resolution
  int numClasses = 10;                        // 0: unconditional; else labels 0..numClasses-1, numClasses = null
  int steps = 1000;                           // T: the model accepts t in 1..T
  // Extra input channels concatenated to x_t before the first convolution (0: a plain ε-model).
  // The inpainting model has 2: the clean known part of x_0 (0 where unknown) and the mask
  // (1 = fill), so it sees the context sharply instead of through the noise (see
  // core/models/inpaintdenoiser.h).
  int conditionChannels = 0;

  int embedDim() const { return 4 * baseChannels; }
  void validate() const;  // std::invalid_argument naming the bad field
  bool operator==(const UNetConfig& o) const;
  bool operator!=(const UNetConfig& o) const { return !(*this == o); }
};

class ResBlockImpl : public torch::nn::Module {
 public:
  ResBlockImpl(int in, int out, int embedDim, int groups);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& emb);

 private:
  torch::nn::GroupNorm m_norm1{nullptr}, m_norm2{nullptr};
  torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr}, m_skip{nullptr};
  torch::nn::Linear m_embProj{nullptr};
};
TORCH_MODULE(ResBlock);

// Single-head self-attention over the H·W positions (Vaswani et al. 2017), residual.
class AttentionBlockImpl : public torch::nn::Module {
 public:
  AttentionBlockImpl(int channels, int groups);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::GroupNorm m_norm{nullptr};
  torch::nn::Conv2d m_qkv{nullptr}, m_proj{nullptr};
};
TORCH_MODULE(AttentionBlock);

class UNetImpl : public torch::nn::Module {
 public:
  explicit UNetImpl(const UNetConfig& config);
  // ε̂ for x [N, C, H, W], t int64 [N] (1..T), labels int64 [N] (numClasses = null) or undefined
  // (all null), condition [N, conditionChannels, H, W] (required when conditionChannels > 0).
  // Differentiable.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& labels = {},
                        const torch::Tensor& condition = {});
  const UNetConfig& config() const { return m_config; }

 private:
  torch::Tensor embed(const torch::Tensor& t, const torch::Tensor& labels, std::int64_t n, const torch::Device& device);

  UNetConfig m_config;
  torch::nn::Linear m_time1{nullptr}, m_time2{nullptr};
  torch::nn::Embedding m_classEmbed{nullptr};
  torch::nn::Conv2d m_inConv{nullptr};
  torch::nn::ModuleList m_downBlocks, m_downSamples, m_upBlocks, m_upSamples;
  ResBlock m_mid1{nullptr}, m_mid2{nullptr};
  AttentionBlock m_midAttn{nullptr};
  torch::nn::GroupNorm m_outNorm{nullptr};
  torch::nn::Conv2d m_outConv{nullptr};
};
TORCH_MODULE(UNet);

// Seeded initialisation independent of the global generator: PyTorch's default bounds
// U(±1/√fan_in) for convolutions and linear layers, N(0, 1) for the class embedding, then the
// zero-initialised output convolutions (see above).
void initUNet(UNet& net, std::uint64_t seed);
std::int64_t parameterCount(torch::nn::Module& module);

// The sampling-side wrapper: inference mode, eval, thread-safe.
class UNetDenoiser : public Denoiser {
 public:
  explicit UNetDenoiser(const UNetConfig& config, std::uint64_t seed = 0,
                        const c10::Device& device = c10::Device(c10::kCPU));
  explicit UNetDenoiser(UNet module);

  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override;
  std::string name() const override;
  int numClasses() const override { return m_config.numClasses; }
  void to(const c10::Device& device) override;
  // ε̂ of a model with condition channels (config().conditionChannels > 0); see UNetImpl::forward.
  at::Tensor predictEpsConditioned(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels,
                                   const at::Tensor& condition) const;

  c10::Device device() const;
  const UNetConfig& config() const { return m_config; }
  UNet& module() { return m_module; }
  const UNet& module() const { return m_module; }

 private:
  UNetConfig m_config;
  UNet m_module;
};

}  // namespace ds
