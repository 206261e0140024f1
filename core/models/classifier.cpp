#include "core/models/classifier.h"

#include "core/models/mlp.h"  // timeEmbedding
#include "core/runtime/rng.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace ds {

void ClassifierConfig::validate() const {
  UNetConfig asUNet;
  asUNet.imageChannels = imageChannels;
  asUNet.imageSize = imageSize;
  asUNet.baseChannels = baseChannels;
  asUNet.channelMults = channelMults;
  asUNet.resBlocks = resBlocks;
  asUNet.groups = groups;
  asUNet.numClasses = 0;
  asUNet.steps = steps;
  asUNet.validate();  // the same shape rules as the U-Net's down path
  if (numClasses < 2 || numClasses > 1000) throw std::invalid_argument("classifier: numClasses must be 2..1000");
}

bool ClassifierConfig::operator==(const ClassifierConfig& o) const {
  return imageChannels == o.imageChannels && imageSize == o.imageSize && baseChannels == o.baseChannels &&
         channelMults == o.channelMults && resBlocks == o.resBlocks && groups == o.groups &&
         numClasses == o.numClasses && steps == o.steps && timeConditioned == o.timeConditioned;
}

ClassifierImpl::ClassifierImpl(const ClassifierConfig& config) : m_config(config) {
  m_config.validate();
  namespace nn = torch::nn;
  const int base = m_config.baseChannels, emb = m_config.embedDim(), g = m_config.groups;
  m_time1 = register_module("time1", nn::Linear(base, emb));
  m_time2 = register_module("time2", nn::Linear(emb, emb));
  m_inConv = register_module("inConv", nn::Conv2d(nn::Conv2dOptions(m_config.imageChannels, base, 3).padding(1)));
  int ch = base;
  const int levels = int(m_config.channelMults.size());
  for (int level = 0; level < levels; ++level) {
    const int out = base * m_config.channelMults[level];
    for (int r = 0; r < m_config.resBlocks; ++r) {
      m_blocks->push_back(ResBlock(ch, out, emb, g));
      ch = out;
    }
    if (level + 1 < levels) m_downSamples->push_back(nn::Conv2d(nn::Conv2dOptions(ch, ch, 3).stride(2).padding(1)));
  }
  register_module("blocks", m_blocks);
  register_module("downSamples", m_downSamples);
  m_outNorm = register_module("outNorm", nn::GroupNorm(nn::GroupNormOptions(g, ch)));
  m_head = register_module("head", nn::Linear(ch, m_config.numClasses));
}

torch::Tensor ClassifierImpl::forward(const torch::Tensor& x, const torch::Tensor& t) {
  const auto n = x.size(0);
  // A clean classifier sees t = 0 everywhere, so its embedding is a constant learned bias.
  auto steps = m_config.timeConditioned
                   ? t.to(x.device())
                   : torch::zeros({n}, torch::TensorOptions().dtype(torch::kLong).device(x.device()));
  auto emb = torch::silu(m_time2(torch::silu(m_time1(timeEmbedding(steps, m_config.baseChannels, m_config.steps)))));
  auto h = m_inConv(x);
  std::size_t block = 0;
  const int levels = int(m_config.channelMults.size());
  for (int level = 0; level < levels; ++level) {
    for (int r = 0; r < m_config.resBlocks; ++r) h = m_blocks[block++]->as<ResBlock>()->forward(h, emb);
    if (level + 1 < levels) h = m_downSamples[level]->as<torch::nn::Conv2d>()->forward(h);
  }
  h = torch::silu(m_outNorm(h)).mean({2, 3});
  return m_head(h);
}

void initClassifier(Classifier& net, std::uint64_t seed) {
  torch::NoGradGuard noGrad;
  auto gen = makeGenerator(seed, c10::Device(c10::kCPU));
  auto params = net->named_parameters();
  for (auto& item : params) {
    const std::string& name = item.key();
    torch::Tensor& p = item.value();
    torch::Tensor fresh;
    if (name.find("orm") != std::string::npos) {
      fresh = name.compare(name.size() - 6, 6, "weight") == 0 ? torch::ones(p.sizes()) : torch::zeros(p.sizes());
    } else {
      const auto& weight = params[name.substr(0, name.rfind('.')) + ".weight"];
      const double bound = 1.0 / std::sqrt(double(weight.numel() / weight.size(0)));
      fresh = torch::rand(p.sizes(), gen).mul_(2 * bound).sub_(bound);
    }
    p.copy_(fresh.to(p.device(), p.scalar_type()));
  }
}

}  // namespace ds
