#include "core/training/imagetrainer.h"
#include "core/training/trainloop.h"

#include "core/data/masks.h"
#include "core/models/imagecheckpoint.h"
#include "core/models/inpaintdenoiser.h"
#include "core/runtime/rng.h"
#include "core/training/distributed.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace ds {

void ImageTrainConfig::validate() const {
  auto bad = [](const std::string& what) { throw std::invalid_argument(what); };
  if (batchSize < 1 || batchSize > 65536) bad("batch size must be 1..65536");
  if (!(learningRate > 0 && learningRate <= 1)) bad("learning rate must be in (0, 1]");
  if (warmupSteps < 0) bad("warm-up steps must be ≥ 0");
  if (!(emaDecay >= 0 && emaDecay < 1)) bad("EMA decay must be in [0, 1)");
  if (!(gradClip >= 0 && std::isfinite(gradClip))) bad("gradient clip must be ≥ 0 (0 = off)");
  if (!(labelDropout >= 0 && labelDropout <= 1)) bad("label dropout must be in [0, 1]");
  if (reportEvery < 1) bad("reportEvery must be ≥ 1");
}

struct ImageTrainer::Impl {
  UNetConfig arch;
  NoiseSchedule schedule;
  torch::Tensor images, labels;  // on the training device
  ImageTrainConfig config;
  std::string dataName;
  c10::Device device{c10::kCPU};
  UNet net{nullptr}, ema{nullptr};
  std::unique_ptr<torch::optim::Adam> adam;
  torch::Tensor sqrtAlphaBar, sqrtOneMinusAlphaBar;  // [T+1] float on device, index t
  std::int64_t step = 0;
  // Training time of earlier runs, and the start of the current one (so that a checkpoint written
  // during a run records the time so far).
  std::chrono::steady_clock::time_point runStart;
  bool running = false;
  double secondsSoFar() const {
    return secondsBefore +
           (running ? std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count() : 0.0);
  }
  double secondsBefore = 0;  // training time of earlier runs
  double lastLoss = NAN;
  std::vector<std::pair<std::int64_t, double>> lossCurve;
  // Data-parallel training (core/training/distributed.h): the group this trainer was built in, this
  // rank's rows of every batch, whether rank 0's weights were taken, and whether the ranks agreed to stop.
  std::shared_ptr<ProcessGroup> group;
  BatchShard shard;
  bool synced = false, stopAgreed = false;

  void setup(const UNetConfig& a, const NoiseSchedule& s) {
    arch = a;
    net = UNet(arch);
    ema = UNet(arch);
    net->to(device);
    ema->to(device);
    ema->eval();
    std::vector<double> ab(std::size_t(s.steps()) + 1);
    for (int t = 0; t <= s.steps(); ++t) ab[std::size_t(t)] = t == 0 ? 1.0 : s.alphaBar(t);
    auto table = torch::tensor(ab, torch::kFloat64);
    sqrtAlphaBar = table.sqrt().to(device, torch::kFloat32);
    sqrtOneMinusAlphaBar = (1 - table).sqrt().to(device, torch::kFloat32);
    adam = std::make_unique<torch::optim::Adam>(net->parameters(), torch::optim::AdamOptions(config.learningRate));
  }

  void copyToEma() {
    torch::NoGradGuard g;
    auto src = net->parameters(), dst = ema->parameters();
    for (std::size_t i = 0; i < src.size(); ++i) dst[i].copy_(src[i]);
  }

  void updateEma() {
    if (config.emaDecay <= 0) return copyToEma();
    torch::NoGradGuard g;
    const double k = double(step);
    const double decay = std::min(config.emaDecay, (1 + k) / (10 + k));
    auto src = net->parameters(), dst = ema->parameters();
    for (std::size_t i = 0; i < src.size(); ++i) dst[i].mul_(decay).add_(src[i], 1 - decay);
  }

  double learningRateAt(std::int64_t k) const {
    if (config.warmupSteps <= 0) return config.learningRate;
    return config.learningRate * std::min(1.0, double(k + 1) / double(config.warmupSteps));
  }

  // One optimisation step; returns the batch loss. Every draw comes from the step's own generator.
  // Data-parallel ranks draw the whole global batch and train on their own rows of it.
  double trainStep(bool stopRequested) {
    auto gen = makeGenerator(config.seed * 0x9E3779B97F4A7C15ULL + std::uint64_t(step) + 1, device);
    const auto dev = torch::TensorOptions().device(device);
    const std::int64_t b = config.batchSize, m = images.size(0);
    auto index = torch::randint(m, {b}, gen, dev.dtype(torch::kLong));
    auto x0 = images.index_select(0, index);
    auto y = labels.index_select(0, index);
    if (arch.numClasses > 0 && config.labelDropout > 0) {
      auto drop = torch::rand({b}, gen, dev.dtype(torch::kFloat)) < config.labelDropout;
      y = torch::where(drop, torch::full_like(y, arch.numClasses), y);
    }
    auto t = torch::randint(1, schedule.steps() + 1, {b}, gen, dev.dtype(torch::kLong));
    auto eps = torch::randn(x0.sizes(), gen, dev.dtype(torch::kFloat));
    // q(x_t | x_0) = N(√ᾱ_t x_0, (1-ᾱ_t) I) (Ho et al. 2020, eq. 4).
    auto xt = sqrtAlphaBar.index_select(0, t).view({b, 1, 1, 1}) * x0 +
              sqrtOneMinusAlphaBar.index_select(0, t).view({b, 1, 1, 1}) * eps;
    torch::Tensor condition;
    if (arch.conditionChannels > 0) {
      // The inpainting model: a fresh random mask per row (core/data/masks.h) and the clean known part.
      // Drawn after everything else, so a plain model's draws are those of earlier versions.
      condition = inpaintCondition(x0, randomInpaintMasks(b, arch.imageSize, gen, device));
    }
    if (group) {
      auto rows = [&](torch::Tensor& v) {
        if (v.defined()) v = v.narrow(0, shard.begin, shard.count);
      };
      for (auto* v : {&xt, &t, &y, &condition, &eps}) rows(*v);
    }
    auto loss = torch::mse_loss(net(xt, t, arch.numClasses > 0 ? y : torch::Tensor(), condition), eps);
    const double value = detail::adamStep(*adam, net->parameters(), loss, loss.item<double>(), learningRateAt(step),
                                          config.gradClip, group.get(), shard, stopRequested, step, stopAgreed);
    if (std::isfinite(value)) updateEma();  // only after a step taken
    return value;
  }
};

ImageTrainer::ImageTrainer(const UNetConfig& arch, NoiseSchedule schedule, at::Tensor images, at::Tensor labels,
                           ImageTrainConfig config, std::string dataName, const c10::Device& device)
    : m(std::make_unique<Impl>()) {
  m->schedule = std::move(schedule);
  m->config = config;
  m->dataName = std::move(dataName);
  m->device = device;
  config.validate();
  arch.validate();
  if (m->schedule.steps() != arch.steps) throw std::invalid_argument("the schedule's T differs from the network's");
  if (arch.conditionChannels != 0 && arch.conditionChannels != kInpaintConditionChannels) {
    throw std::invalid_argument("the trainer knows one conditioned model: inpainting, with " +
                                std::to_string(kInpaintConditionChannels) + " condition channels");
  }
  if (images.dim() != 4 || images.size(1) != arch.imageChannels || images.size(2) != arch.imageSize ||
      images.size(3) != arch.imageSize) {
    throw std::invalid_argument("images must be [N, " + std::to_string(arch.imageChannels) + ", " +
                                std::to_string(arch.imageSize) + ", " + std::to_string(arch.imageSize) + "]");
  }
  if (labels.dim() != 1 || labels.size(0) != images.size(0))
    throw std::invalid_argument("labels must be [N] like the images");
  m->images = images.to(device, torch::kFloat32);
  m->labels = labels.to(device, torch::kLong);
  m->setup(arch, m->schedule);
  initUNet(m->net, config.seed);
  m->copyToEma();
  m->group = currentDataParallelGroup();
  if (m->group) m->shard = batchShard(config.batchSize, m->group->rank(), m->group->worldSize());
}

ImageTrainer::~ImageTrainer() = default;

std::int64_t ImageTrainer::run(std::int64_t steps, const ImageTrainProgressFn& progress, const CancelToken& cancel) {
  m->net->train();
  const auto start = std::chrono::steady_clock::now();
  m->runStart = start;
  m->running = true;
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  detail::LossReport report(m->config.reportEvery, m->config.batchSize, m->lossCurve, m->lastLoss);
  std::int64_t done = 0;
  if (m->group && !m->synced) {
    // Rank 0's weights everywhere (a fine-tuned base or a resumed file read by each rank agree anyway).
    std::vector<torch::Tensor> state = m->net->parameters();
    for (const auto& p : m->ema->parameters()) state.push_back(p);
    syncInitialState(*m->group, state, m->step);
    m->synced = true;
  }
  m->stopAgreed = false;
  // Data-parallel ranks stop together: a stop request travels with the gradients of the next step.
  auto stopping = [&] { return m->group ? m->stopAgreed : cancel.isCancelled(); };
  for (; done < steps && !stopping(); ++done) {
    const double loss = m->trainStep(cancel.isCancelled());
    if (!std::isfinite(loss)) {
      throw std::runtime_error("training diverged at step " + std::to_string(m->step + 1) +
                               " (the loss is not finite); try a smaller learning rate");
    }
    report.add(loss, m->step, done + 1, steps, elapsed(), progress);
  }
  m->secondsBefore += elapsed();
  m->running = false;
  return done;
}

void ImageTrainer::initFrom(const UNetDenoiser& base) {
  if (m->step != 0) throw std::logic_error("initFrom: only before the first training step");
  UNetConfig plain = m->arch, other = base.config();
  plain.conditionChannels = other.conditionChannels = 0;
  if (plain != other) throw std::invalid_argument("the base model's architecture differs from this one's");
  torch::NoGradGuard g;
  auto src = base.module()->named_parameters();
  for (auto& item : m->net->named_parameters()) {
    const auto& from = src[item.key()];
    auto& to = item.value();
    if (from.sizes() == to.sizes()) {
      to.copy_(from);
    } else {
      // The first convolution gains input channels: the image channels keep the base weights, the
      // new ones start at zero, so the fine-tuned model starts as exactly the base model.
      to.zero_();
      to.narrow(1, 0, from.size(1)).copy_(from);
    }
  }
  m->copyToEma();
}

std::int64_t ImageTrainer::step() const { return m->step; }
const UNetConfig& ImageTrainer::architecture() const { return m->arch; }
const NoiseSchedule& ImageTrainer::schedule() const { return m->schedule; }

ImageTrainingInfo ImageTrainer::info() const {
  return ImageTrainingInfo{m->step, m->lastLoss, m->secondsSoFar(), m->dataName, m->config, m->lossCurve};
}

std::shared_ptr<UNetDenoiser> ImageTrainer::model() const {
  UNet copy(m->arch);
  {
    torch::NoGradGuard g;
    auto src = m->ema->parameters(), dst = copy->parameters();
    for (std::size_t i = 0; i < src.size(); ++i) dst[i].copy_(src[i]);
  }
  copy->to(m->device);
  return std::make_shared<UNetDenoiser>(copy);
}

void ImageTrainer::save(const std::string& path) const {
  UNetCheckpointMeta meta{m->arch, m->schedule.spec(), info()};
  torch::serialize::OutputArchive archive, emaArchive, train, netArchive, adamArchive;
  writeArchiveHeader(archive, "diffusion-studio/unet", toJson(meta));
  m->ema->save(emaArchive);
  archive.write("ema", emaArchive);
  m->net->save(netArchive);
  m->adam->save(adamArchive);
  train.write("net", netArchive);
  train.write("adam", adamArchive);
  archive.write("train", train);
  writeArchiveAtomically(archive, path);
}

std::unique_ptr<ImageTrainer> ImageTrainer::resume(const std::string& path, at::Tensor images, at::Tensor labels,
                                                   std::optional<ImageTrainConfig> config, std::string dataName,
                                                   const c10::Device& device) {
  torch::serialize::InputArchive archive;
  loadArchive(archive, path, device);
  const UNetCheckpointMeta meta = readUNetMeta(archive, path);
  ImageTrainConfig cfg = config.value_or(meta.training.config);
  cfg.seed = meta.training.config.seed;  // the per-step generators depend on it
  std::unique_ptr<ImageTrainer> trainer(new ImageTrainer(meta.architecture, NoiseSchedule(meta.schedule),
                                                         std::move(images), std::move(labels), cfg, std::move(dataName),
                                                         device));
  torch::serialize::InputArchive emaArchive, train, netArchive, adamArchive;
  if (!archive.try_read("train", train) || !train.try_read("net", netArchive) || !train.try_read("adam", adamArchive) ||
      !archive.try_read("ema", emaArchive)) {
    throw ImageCheckpointError(path + ": holds no training state (only sampling weights); it cannot be resumed");
  }
  try {
    trainer->m->net->load(netArchive);
    trainer->m->ema->load(emaArchive);
    trainer->m->adam->load(adamArchive);
  } catch (const std::exception& e) {
    throw ImageCheckpointError(path + ": the training state does not match the architecture (" + firstLine(e) + ")");
  }
  trainer->m->net->to(device);
  trainer->m->ema->to(device);
  trainer->m->step = meta.training.steps;
  trainer->m->lastLoss = meta.training.loss;
  trainer->m->secondsBefore = meta.training.seconds;
  trainer->m->lossCurve = meta.training.lossCurve;
  return trainer;
}

}  // namespace ds
