#include "core/training/classifiertrainer.h"

#include "core/models/imagecheckpoint.h"
#include "core/runtime/rng.h"
#include "core/training/distributed.h"
#include "core/training/trainloop.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace ds {
namespace {

using nlohmann::json;
constexpr const char* kFormat = "diffusion-studio/classifier";

json toJson(const ClassifierConfig& c) {
  return json{
      {"image_channels", c.imageChannels}, {"image_size", c.imageSize}, {"base_channels", c.baseChannels},
      {"channel_mults", c.channelMults},   {"res_blocks", c.resBlocks}, {"groups", c.groups},
      {"num_classes", c.numClasses},       {"steps", c.steps},          {"time_conditioned", c.timeConditioned}};
}

ClassifierConfig classifierConfigFromJson(const json& j) {
  ClassifierConfig c;
  // Checked integers (metaInteger, core/models/imagecheckpoint.h): get<int>() of 1e100 is undefined.
  c.imageChannels = metaInteger<int>(j, "image_channels");
  c.imageSize = metaInteger<int>(j, "image_size");
  c.baseChannels = metaInteger<int>(j, "base_channels");
  if (!j.at("channel_mults").is_array()) throw std::invalid_argument("channel_mults must be an array");
  c.channelMults.clear();
  for (const auto& m : j.at("channel_mults")) c.channelMults.push_back(metaIntegerValue<int>(m, "channel_mults"));
  c.resBlocks = metaInteger<int>(j, "res_blocks");
  c.groups = metaInteger<int>(j, "groups");
  c.numClasses = metaInteger<int>(j, "num_classes");
  c.steps = metaInteger<int>(j, "steps");
  c.timeConditioned = j.at("time_conditioned").get<bool>();
  c.validate();
  return c;
}

ClassifierCheckpoint metaFromJson(const json& j) {
  ClassifierCheckpoint ck;
  ck.architecture = classifierConfigFromJson(j.at("architecture"));
  ck.schedule = scheduleFromJson(j.at("schedule"));
  ck.training = trainingInfoFromJson(j.at("training"));
  return ck;
}

}  // namespace

struct ClassifierTrainer::Impl {
  ClassifierConfig arch;
  NoiseSchedule schedule;
  ImageTrainConfig config;
  std::string dataName;
  c10::Device device{c10::kCPU};
  torch::Tensor images, labels;
  Classifier net{nullptr};
  std::unique_ptr<torch::optim::Adam> adam;
  torch::Tensor sqrtAlphaBar, sqrtOneMinusAlphaBar;
  std::int64_t step = 0;
  // Training time of earlier runs, and the start of the current one (so that a checkpoint written
  // during a run records the time so far).
  std::chrono::steady_clock::time_point runStart;
  bool running = false;
  double secondsSoFar() const {
    return secondsBefore +
           (running ? std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count() : 0.0);
  }
  double secondsBefore = 0, lastLoss = NAN;
  std::vector<std::pair<std::int64_t, double>> lossCurve;
  // Data-parallel training, as in the ImageTrainer (core/training/distributed.h).
  std::shared_ptr<ProcessGroup> group;
  BatchShard shard;
  bool synced = false, stopAgreed = false;

  void setup() {
    net = Classifier(arch);
    net->to(device);
    adam = std::make_unique<torch::optim::Adam>(net->parameters(), torch::optim::AdamOptions(config.learningRate));
    std::vector<double> ab(std::size_t(schedule.steps()) + 1);
    for (int t = 0; t <= schedule.steps(); ++t) ab[std::size_t(t)] = t == 0 ? 1.0 : schedule.alphaBar(t);
    auto table = torch::tensor(ab, torch::kFloat64);
    sqrtAlphaBar = table.sqrt().to(device, torch::kFloat32);
    sqrtOneMinusAlphaBar = (1 - table).sqrt().to(device, torch::kFloat32);
  }

  double trainStep(bool stopRequested) {
    auto gen = makeGenerator(config.seed * 0x9E3779B97F4A7C15ULL + std::uint64_t(step) + 1, device);
    const auto dev = torch::TensorOptions().device(device);
    const std::int64_t b = config.batchSize;
    auto index = torch::randint(images.size(0), {b}, gen, dev.dtype(torch::kLong));
    auto x = images.index_select(0, index);
    auto y = labels.index_select(0, index);
    torch::Tensor t = torch::zeros({b}, dev.dtype(torch::kLong));
    if (arch.timeConditioned) {
      t = torch::randint(1, schedule.steps() + 1, {b}, gen, dev.dtype(torch::kLong));
      auto eps = torch::randn(x.sizes(), gen, dev.dtype(torch::kFloat));
      x = sqrtAlphaBar.index_select(0, t).view({b, 1, 1, 1}) * x +
          sqrtOneMinusAlphaBar.index_select(0, t).view({b, 1, 1, 1}) * eps;
    }
    if (group) {
      x = x.narrow(0, shard.begin, shard.count);
      t = t.narrow(0, shard.begin, shard.count);
      y = y.narrow(0, shard.begin, shard.count);
    }
    auto loss = torch::cross_entropy_loss(net(x, t), y);
    const double lr = config.warmupSteps > 0
                          ? config.learningRate * std::min(1.0, double(step + 1) / double(config.warmupSteps))
                          : config.learningRate;
    return detail::adamStep(*adam, net->parameters(), loss, loss.item<double>(), lr, config.gradClip, group.get(),
                            shard, stopRequested, step, stopAgreed);
  }
};

ClassifierTrainer::ClassifierTrainer(const ClassifierConfig& arch, NoiseSchedule schedule, at::Tensor images,
                                     at::Tensor labels, ImageTrainConfig config, std::string dataName,
                                     const c10::Device& device)
    : m(std::make_unique<Impl>()) {
  arch.validate();
  config.validate();
  if (images.dim() != 4 || images.size(1) != arch.imageChannels || images.size(2) != arch.imageSize ||
      images.size(3) != arch.imageSize || labels.dim() != 1 || labels.size(0) != images.size(0)) {
    throw std::invalid_argument(
        "classifier training needs images [N, C, H, W] matching the architecture and labels [N]");
  }
  m->arch = arch;
  m->schedule = std::move(schedule);
  m->config = config;
  m->dataName = std::move(dataName);
  m->device = device;
  m->images = images.to(device, torch::kFloat32);
  m->labels = labels.to(device, torch::kLong);
  m->setup();
  initClassifier(m->net, config.seed);
  m->group = currentDataParallelGroup();
  if (m->group) m->shard = batchShard(config.batchSize, m->group->rank(), m->group->worldSize());
}

ClassifierTrainer::~ClassifierTrainer() = default;

std::int64_t ClassifierTrainer::run(std::int64_t steps, const ImageTrainProgressFn& progress,
                                    const CancelToken& cancel) {
  m->net->train();
  const auto start = std::chrono::steady_clock::now();
  m->runStart = start;
  m->running = true;
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  detail::LossReport report(m->config.reportEvery, m->config.batchSize, m->lossCurve, m->lastLoss);
  std::int64_t done = 0;
  if (m->group && !m->synced) {
    syncInitialState(*m->group, m->net->parameters(), m->step);
    m->synced = true;
  }
  m->stopAgreed = false;
  auto stopping = [&] { return m->group ? m->stopAgreed : cancel.isCancelled(); };
  for (; done < steps && !stopping(); ++done) {
    const double loss = m->trainStep(cancel.isCancelled());
    if (!std::isfinite(loss))
      throw std::runtime_error("classifier training diverged at step " + std::to_string(m->step + 1));
    report.add(loss, m->step, done + 1, steps, elapsed(), progress);
  }
  m->secondsBefore += elapsed();
  m->running = false;
  m->net->eval();
  return done;
}

std::int64_t ClassifierTrainer::step() const { return m->step; }
Classifier ClassifierTrainer::net() const { return m->net; }

void ClassifierTrainer::save(const std::string& path) const {
  ImageTrainingInfo info{m->step, m->lastLoss, m->secondsSoFar(), m->dataName, m->config, m->lossCurve};
  json meta{{"architecture", toJson(m->arch)}, {"schedule", toJson(m->schedule.spec())}, {"training", toJson(info)}};
  torch::serialize::OutputArchive archive, netArchive, train, adamArchive;
  writeArchiveHeader(archive, kFormat, meta);
  m->net->save(netArchive);
  archive.write("net", netArchive);
  m->adam->save(adamArchive);
  train.write("adam", adamArchive);
  archive.write("train", train);
  writeArchiveAtomically(archive, path);
}

void saveClassifierForSampling(const ClassifierCheckpoint& checkpoint, const std::string& path) {
  if (!checkpoint.net) throw ImageCheckpointError(path + ": no classifier to write");
  json meta{{"architecture", toJson(checkpoint.architecture)},
            {"schedule", toJson(checkpoint.schedule)},
            {"training", toJson(checkpoint.training)}};
  torch::serialize::OutputArchive archive, netArchive;
  writeArchiveHeader(archive, kFormat, meta);
  checkpoint.net->save(netArchive);
  archive.write("net", netArchive);
  writeArchiveAtomically(archive, path);
}

ClassifierCheckpoint loadClassifierCheckpoint(const std::string& path, const c10::Device& device) {
  torch::serialize::InputArchive archive;
  loadArchive(archive, path, device);
  ClassifierCheckpoint ck =
      parseArchiveMeta<ClassifierCheckpoint>(readArchiveHeader(archive, path, kFormat), path, metaFromJson);
  checkDeclaredSize(path, ck.architecture.baseChannels, ck.architecture.channelMults, ck.architecture.resBlocks);
  ck.net = Classifier(ck.architecture);
  torch::serialize::InputArchive netArchive;
  if (!archive.try_read("net", netArchive)) throw ImageCheckpointError(path + ": no weights");
  try {
    ck.net->load(netArchive);
  } catch (const std::exception& e) {
    throw ImageCheckpointError(path + ": the weights do not match the architecture (" + firstLine(e) + ")");
  }
  ck.net->to(device);
  ck.net->eval();
  return ck;
}

std::unique_ptr<ClassifierTrainer> ClassifierTrainer::resume(const std::string& path, at::Tensor images,
                                                             at::Tensor labels, std::optional<ImageTrainConfig> config,
                                                             std::string dataName, const c10::Device& device) {
  ClassifierCheckpoint ck = loadClassifierCheckpoint(path, device);
  ImageTrainConfig cfg = config.value_or(ck.training.config);
  cfg.seed = ck.training.config.seed;  // the per-step generators depend on it
  auto trainer = std::make_unique<ClassifierTrainer>(ck.architecture, NoiseSchedule(ck.schedule), std::move(images),
                                                     std::move(labels), cfg, std::move(dataName), device);
  torch::serialize::InputArchive archive, train, adamArchive;
  loadArchive(archive, path, device);
  if (!archive.try_read("train", train) || !train.try_read("adam", adamArchive)) {
    throw ImageCheckpointError(path + ": holds no training state; it cannot be resumed");
  }
  {
    torch::NoGradGuard g;
    auto src = ck.net->parameters(), dst = trainer->m->net->parameters();
    for (std::size_t i = 0; i < src.size(); ++i) dst[i].copy_(src[i]);
  }
  try {
    trainer->m->adam->load(adamArchive);
  } catch (const std::exception& e) {
    throw ImageCheckpointError(path + ": the optimiser state does not match (" + firstLine(e) + ")");
  }
  trainer->m->step = ck.training.steps;
  trainer->m->lastLoss = ck.training.loss;
  trainer->m->secondsBefore = ck.training.seconds;
  trainer->m->lossCurve = ck.training.lossCurve;
  return trainer;
}

double classifierAccuracy(Classifier& net, const at::Tensor& images, const at::Tensor& labels, int t,
                          std::int64_t batch) {
  c10::InferenceMode guard;
  net->eval();
  const auto device = net->parameters().front().device();
  std::int64_t correct = 0;
  for (std::int64_t i = 0; i < images.size(0); i += batch) {
    const auto n = std::min(batch, images.size(0) - i);
    auto x = images.narrow(0, i, n).to(device);
    auto steps = torch::full({n}, t, torch::TensorOptions().dtype(torch::kLong).device(device));
    correct += net(x, steps).argmax(1).eq(labels.narrow(0, i, n).to(device)).sum().item<std::int64_t>();
  }
  return images.size(0) > 0 ? double(correct) / double(images.size(0)) : 0.0;
}

}  // namespace ds
