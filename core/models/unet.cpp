#include "core/models/unet.h"

#include "core/models/mlp.h"  // timeEmbedding
#include "core/runtime/rng.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace ds {
namespace {

namespace nn = torch::nn;

nn::Conv2d conv3(int in, int out, int stride = 1) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1));
}
nn::Conv2d conv1(int in, int out) { return nn::Conv2d(nn::Conv2dOptions(in, out, 1)); }
nn::GroupNorm groupNorm(int groups, int channels) { return nn::GroupNorm(nn::GroupNormOptions(groups, channels)); }

// Names of the parameters that start at zero (the last layer of each residual branch).
bool isZeroInit(const std::string& name) {
  return name.find("conv2.") != std::string::npos || name.find("proj.") != std::string::npos ||
         name.rfind("outConv.", 0) == 0;
}

}  // namespace

void UNetConfig::validate() const {
  auto bad = [](const std::string& what) { throw std::invalid_argument("U-Net: " + what); };
  if (imageChannels < 1 || imageChannels > 4) bad("imageChannels must be 1..4");
  if (baseChannels < 4 || baseChannels > 512) bad("baseChannels must be 4..512");
  if (channelMults.empty() || channelMults.size() > 5) bad("channelMults must have 1..5 entries");
  if (resBlocks < 1 || resBlocks > 4) bad("resBlocks must be 1..4");
  if (groups < 1) bad("groups must be ≥ 1");
  for (int m : channelMults) {
    if (m < 1 || m > 8) bad("every channel multiplier must be 1..8");
    if ((baseChannels * m) % groups != 0)
      bad("groups (" + std::to_string(groups) + ") must divide every channel count");
  }
  const int factor = 1 << (channelMults.size() - 1);
  if (imageSize < factor || imageSize % factor != 0 || imageSize > 256) {
    bad("imageSize " + std::to_string(imageSize) + " must be a multiple of " + std::to_string(factor) + " up to 256");
  }
  if (numClasses < 0 || numClasses > 1000) bad("numClasses must be 0..1000");
  if (steps < 2 || steps > 100000) bad("steps (T) must be 2..100000");
  if (conditionChannels < 0 || conditionChannels > 8) bad("conditionChannels must be 0..8");
}

bool UNetConfig::operator==(const UNetConfig& o) const {
  return imageChannels == o.imageChannels && imageSize == o.imageSize && baseChannels == o.baseChannels &&
         channelMults == o.channelMults && resBlocks == o.resBlocks && groups == o.groups &&
         midAttention == o.midAttention && numClasses == o.numClasses && steps == o.steps &&
         conditionChannels == o.conditionChannels;
}

ResBlockImpl::ResBlockImpl(int in, int out, int embedDim, int groups) {
  m_norm1 = register_module("norm1", groupNorm(groups, in));
  m_conv1 = register_module("conv1", conv3(in, out));
  m_embProj = register_module("embProj", nn::Linear(embedDim, out));
  m_norm2 = register_module("norm2", groupNorm(groups, out));
  m_conv2 = register_module("conv2", conv3(out, out));
  if (in != out) m_skip = register_module("skip", conv1(in, out));
}

torch::Tensor ResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& emb) {
  auto h = m_conv1(torch::silu(m_norm1(x)));
  h = h + m_embProj(emb).unsqueeze(-1).unsqueeze(-1);
  h = m_conv2(torch::silu(m_norm2(h)));
  return (m_skip ? m_skip(x) : x) + h;
}

AttentionBlockImpl::AttentionBlockImpl(int channels, int groups) {
  m_norm = register_module("norm", groupNorm(groups, channels));
  m_qkv = register_module("qkv", conv1(channels, 3 * channels));
  m_proj = register_module("proj", conv1(channels, channels));
}

torch::Tensor AttentionBlockImpl::forward(const torch::Tensor& x) {
  const auto n = x.size(0), c = x.size(1), hw = x.size(2) * x.size(3);
  auto qkv = m_qkv(m_norm(x)).reshape({n, 3, c, hw});
  auto q = qkv.select(1, 0), k = qkv.select(1, 1), v = qkv.select(1, 2);  // [N, C, HW]
  // softmax(QᵀK / √C) over the keys; out = V · weightsᵀ.
  auto weights = torch::softmax(torch::bmm(q.transpose(1, 2), k).mul(1.0 / std::sqrt(double(c))), -1);
  auto out = torch::bmm(v, weights.transpose(1, 2)).reshape(x.sizes());
  return x + m_proj(out);
}

UNetImpl::UNetImpl(const UNetConfig& config) : m_config(config) {
  m_config.validate();
  const int base = m_config.baseChannels, emb = m_config.embedDim(), g = m_config.groups;
  m_time1 = register_module("time1", nn::Linear(base, emb));
  m_time2 = register_module("time2", nn::Linear(emb, emb));
  if (m_config.numClasses > 0) {
    m_classEmbed = register_module("classEmbed", nn::Embedding(m_config.numClasses + 1, emb));
  }
  m_inConv = register_module("inConv", conv3(m_config.imageChannels + m_config.conditionChannels, base));

  // Down path: remember the channel count of every activation pushed on the skip stack.
  std::vector<int> skips{base};
  int ch = base;
  const int levels = int(m_config.channelMults.size());
  for (int level = 0; level < levels; ++level) {
    const int out = base * m_config.channelMults[level];
    for (int r = 0; r < m_config.resBlocks; ++r) {
      m_downBlocks->push_back(ResBlock(ch, out, emb, g));
      ch = out;
      skips.push_back(ch);
    }
    if (level + 1 < levels) {
      m_downSamples->push_back(conv3(ch, ch, 2));
      skips.push_back(ch);
    }
  }
  m_mid1 = register_module("mid1", ResBlock(ch, ch, emb, g));
  if (m_config.midAttention) m_midAttn = register_module("midAttn", AttentionBlock(ch, g));
  m_mid2 = register_module("mid2", ResBlock(ch, ch, emb, g));

  // Up path: resBlocks + 1 blocks per level, each consuming one skip activation.
  for (int level = levels - 1; level >= 0; --level) {
    const int out = base * m_config.channelMults[level];
    for (int r = 0; r < m_config.resBlocks + 1; ++r) {
      m_upBlocks->push_back(ResBlock(ch + skips.back(), out, emb, g));
      skips.pop_back();
      ch = out;
    }
    if (level > 0) m_upSamples->push_back(conv3(ch, ch));
  }
  register_module("downBlocks", m_downBlocks);
  register_module("downSamples", m_downSamples);
  register_module("upBlocks", m_upBlocks);
  register_module("upSamples", m_upSamples);
  m_outNorm = register_module("outNorm", groupNorm(g, ch));
  m_outConv = register_module("outConv", conv3(ch, m_config.imageChannels));
}

torch::Tensor UNetImpl::embed(const torch::Tensor& t, const torch::Tensor& labels, std::int64_t n,
                              const torch::Device& device) {
  auto e = m_time2(torch::silu(m_time1(timeEmbedding(t, m_config.baseChannels, m_config.steps))));
  if (m_config.numClasses > 0) {
    auto y = labels.defined()
                 ? labels.to(device, torch::kLong)
                 : torch::full({n}, m_config.numClasses, torch::TensorOptions().dtype(torch::kLong).device(device));
    e = e + m_classEmbed(y);
  }
  return torch::silu(e);  // every block's projection sees SiLU(e), as in improved-diffusion's emb_layers
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& labels,
                                const torch::Tensor& condition) {
  const auto emb = embed(t.to(x.device()), labels, x.size(0), x.device());
  std::vector<torch::Tensor> skips;
  torch::Tensor h;
  if (m_config.conditionChannels > 0) {
    if (!condition.defined() || condition.dim() != 4 || condition.size(0) != x.size(0) ||
        condition.size(1) != m_config.conditionChannels || condition.size(2) != x.size(2) ||
        condition.size(3) != x.size(3)) {
      throw std::invalid_argument("U-Net: this model needs a condition [N, " +
                                  std::to_string(m_config.conditionChannels) + ", H, W] beside x_t");
    }
    h = m_inConv(torch::cat({x, condition.to(x.device(), x.scalar_type())}, 1));
  } else {
    h = m_inConv(x);
  }
  skips.push_back(h);
  const int levels = int(m_config.channelMults.size());
  std::size_t block = 0;
  for (int level = 0; level < levels; ++level) {
    for (int r = 0; r < m_config.resBlocks; ++r) {
      h = m_downBlocks[block++]->as<ResBlock>()->forward(h, emb);
      skips.push_back(h);
    }
    if (level + 1 < levels) {
      h = m_downSamples[level]->as<nn::Conv2d>()->forward(h);
      skips.push_back(h);
    }
  }
  h = m_mid1(h, emb);
  if (m_midAttn) h = m_midAttn(h);
  h = m_mid2(h, emb);
  block = 0;
  std::size_t upsample = 0;
  for (int level = levels - 1; level >= 0; --level) {
    for (int r = 0; r < m_config.resBlocks + 1; ++r) {
      h = m_upBlocks[block++]->as<ResBlock>()->forward(torch::cat({h, skips.back()}, 1), emb);
      skips.pop_back();
    }
    if (level > 0) {
      h = torch::upsample_nearest2d(h, std::vector<int64_t>{h.size(2) * 2, h.size(3) * 2});
      h = m_upSamples[upsample++]->as<nn::Conv2d>()->forward(h);
    }
  }
  return m_outConv(torch::silu(m_outNorm(h)));
}

void initUNet(UNet& net, std::uint64_t seed) {
  torch::NoGradGuard noGrad;
  auto gen = makeGenerator(seed, c10::Device(c10::kCPU));
  // One dict for the loop and the fan-in lookups: a reference into a second, temporary
  // named_parameters() would dangle (AddressSanitizer caught it).
  auto params = net->named_parameters();
  for (auto& item : params) {
    const std::string& name = item.key();
    torch::Tensor& p = item.value();
    torch::Tensor fresh;
    if (name.find("norm") != std::string::npos || name.find("Norm") != std::string::npos) {
      fresh = name.size() >= 6 && name.compare(name.size() - 6, 6, "weight") == 0 ? torch::ones(p.sizes())
                                                                                  : torch::zeros(p.sizes());
    } else if (isZeroInit(name)) {
      fresh = torch::zeros(p.sizes());
    } else if (name.find("classEmbed") != std::string::npos) {
      fresh = torch::randn(p.sizes(), gen);
    } else {
      // fan_in of the layer this parameter belongs to: the weight's row size (conv: in·kh·kw).
      const auto weightName = name.substr(0, name.rfind('.')) + ".weight";
      const auto& weight = params[weightName];
      const double fanIn = double(weight.numel() / weight.size(0));
      const double bound = 1.0 / std::sqrt(fanIn);
      fresh = torch::rand(p.sizes(), gen).mul_(2 * bound).sub_(bound);
    }
    p.copy_(fresh.to(p.device(), p.scalar_type()));
  }
}

std::int64_t parameterCount(torch::nn::Module& module) {
  std::int64_t n = 0;
  for (const auto& p : module.parameters()) n += p.numel();
  return n;
}

UNetDenoiser::UNetDenoiser(const UNetConfig& config, std::uint64_t seed, const c10::Device& device)
    : m_config(config), m_module(config) {
  initUNet(m_module, seed);
  m_module->to(device);
  m_module->eval();
}

UNetDenoiser::UNetDenoiser(UNet module) : m_config(module->config()), m_module(std::move(module)) { m_module->eval(); }

at::Tensor UNetDenoiser::predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels) const {
  c10::InferenceMode guard;
  const auto device = this->device();
  return m_module.ptr()->forward(xt.to(device), t.to(device), labels.defined() ? labels.to(device) : labels);
}

at::Tensor UNetDenoiser::predictEpsConditioned(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels,
                                               const at::Tensor& condition) const {
  c10::InferenceMode guard;
  const auto device = this->device();
  return m_module.ptr()->forward(xt.to(device), t.to(device), labels.defined() ? labels.to(device) : labels,
                                 condition.to(device));
}

std::string UNetDenoiser::name() const {
  return "U-Net (" + std::to_string(m_config.baseChannels) + " channels, " +
         std::to_string(parameterCount(*m_module.ptr()) / 1000) + "k parameters)";
}

void UNetDenoiser::to(const c10::Device& device) { m_module->to(device); }

c10::Device UNetDenoiser::device() const { return m_module.ptr()->parameters().front().device(); }

}  // namespace ds
