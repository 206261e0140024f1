#pragma once
// An image classifier p(y | x_t, t) built from the U-Net's down path: input convolution, residual
// blocks with the time embedding, stride-2 downsampling, then GroupNorm → SiLU → global average
// pool → linear. Trained on noised images x_t ~ q(x_t | x_0) with t uniform in 1..T it is the noisy
// classifier that classifier guidance needs (Dhariwal & Nichol 2021, §4); trained with
// `timeConditioned = false` on clean images it is the judge that measures whether generated
// samples look like their class.

#include "core/models/unet.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <vector>

namespace ds {

struct ClassifierConfig {
  int imageChannels = 1;
  int imageSize = 28;
  int baseChannels = 32;
  std::vector<int> channelMults = {1, 2, 2};
  int resBlocks = 1;
  int groups = 8;
  int numClasses = 10;
  int steps = 1000;             // T (time-conditioned classifiers accept t in 0..T; 0 = clean)
  bool timeConditioned = true;  // false: a clean-image classifier (t is ignored)

  int embedDim() const { return 4 * baseChannels; }
  void validate() const;
  bool operator==(const ClassifierConfig& o) const;
};

class ClassifierImpl : public torch::nn::Module {
 public:
  explicit ClassifierImpl(const ClassifierConfig& config);
  // Logits [N, numClasses] for x [N, C, H, W] and t int64 [N] (ignored unless time-conditioned).
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t);
  const ClassifierConfig& config() const { return m_config; }

 private:
  ClassifierConfig m_config;
  torch::nn::Linear m_time1{nullptr}, m_time2{nullptr};
  torch::nn::Conv2d m_inConv{nullptr};
  torch::nn::ModuleList m_blocks, m_downSamples;
  torch::nn::GroupNorm m_outNorm{nullptr};
  torch::nn::Linear m_head{nullptr};
};
TORCH_MODULE(Classifier);

void initClassifier(Classifier& net, std::uint64_t seed);

}  // namespace ds
