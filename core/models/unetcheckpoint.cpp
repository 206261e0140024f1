#include "core/models/unetcheckpoint.h"

#include "core/runtime/atomicfile.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace ds {
namespace {

using nlohmann::json;

std::string scheduleKindName(ScheduleKind kind) { return toString(kind); }

json scheduleToJson(const ScheduleSpec& s) {
  json j{{"kind", scheduleKindName(s.kind)}, {"steps", s.steps}};
  if (s.betaStart) j["beta_start"] = *s.betaStart;
  if (s.betaEnd) j["beta_end"] = *s.betaEnd;
  return j;
}

ScheduleSpec scheduleFromJson(const json& j) {
  ScheduleSpec s;
  s.kind = parseScheduleKind(j.at("kind").get<std::string>());
  s.steps = j.at("steps").get<int>();
  if (j.contains("beta_start")) s.betaStart = j.at("beta_start").get<double>();
  if (j.contains("beta_end")) s.betaEnd = j.at("beta_end").get<double>();
  NoiseSchedule check(s);  // validates
  return s;
}

}  // namespace

json toJson(const UNetConfig& c) {
  return json{{"image_channels", c.imageChannels}, {"image_size", c.imageSize}, {"base_channels", c.baseChannels},
              {"channel_mults", c.channelMults},   {"res_blocks", c.resBlocks}, {"groups", c.groups},
              {"mid_attention", c.midAttention},   {"num_classes", c.numClasses}, {"steps", c.steps}};
}

UNetConfig unetConfigFromJson(const json& j) {
  UNetConfig c;
  c.imageChannels = j.at("image_channels").get<int>();
  c.imageSize = j.at("image_size").get<int>();
  c.baseChannels = j.at("base_channels").get<int>();
  c.channelMults = j.at("channel_mults").get<std::vector<int>>();
  c.resBlocks = j.at("res_blocks").get<int>();
  c.groups = j.at("groups").get<int>();
  c.midAttention = j.at("mid_attention").get<bool>();
  c.numClasses = j.at("num_classes").get<int>();
  c.steps = j.at("steps").get<int>();
  c.validate();
  return c;
}

json toJson(const UNetCheckpointMeta& m) {
  const auto& t = m.training;
  json curve = json::array();
  for (const auto& [step, loss] : t.lossCurve) curve.push_back(json::array({step, std::isfinite(loss) ? json(loss) : json(nullptr)}));
  return json{{"architecture", toJson(m.architecture)},
              {"schedule", scheduleToJson(m.schedule)},
              {"training",
               {{"steps", t.steps},
                {"loss", std::isfinite(t.loss) ? json(t.loss) : json(nullptr)},
                {"seconds", t.seconds},
                {"data", t.data},
                {"batch_size", t.config.batchSize},
                {"learning_rate", t.config.learningRate},
                {"warmup_steps", t.config.warmupSteps},
                {"ema_decay", t.config.emaDecay},
                {"grad_clip", t.config.gradClip},
                {"label_dropout", t.config.labelDropout},
                {"seed", t.config.seed},
                {"loss_curve", curve}}}};
}

UNetCheckpointMeta unetMetaFromJson(const json& j) {
  UNetCheckpointMeta m;
  m.architecture = unetConfigFromJson(j.at("architecture"));
  m.schedule = scheduleFromJson(j.at("schedule"));
  if (m.schedule.steps != m.architecture.steps) {
    throw std::invalid_argument("the schedule has T = " + std::to_string(m.schedule.steps) + " but the network T = " +
                                std::to_string(m.architecture.steps));
  }
  const json& t = j.at("training");
  m.training.steps = t.at("steps").get<std::int64_t>();
  m.training.loss = t.at("loss").is_null() ? NAN : t.at("loss").get<double>();
  m.training.seconds = t.at("seconds").get<double>();
  m.training.data = t.at("data").get<std::string>();
  auto& c = m.training.config;
  c.batchSize = t.at("batch_size").get<std::int64_t>();
  c.learningRate = t.at("learning_rate").get<double>();
  c.warmupSteps = t.at("warmup_steps").get<std::int64_t>();
  c.emaDecay = t.at("ema_decay").get<double>();
  c.gradClip = t.at("grad_clip").get<double>();
  c.labelDropout = t.at("label_dropout").get<double>();
  c.seed = t.at("seed").get<std::uint64_t>();
  for (const auto& point : t.at("loss_curve")) {
    m.training.lossCurve.emplace_back(point.at(0).get<std::int64_t>(), point.at(1).is_null() ? NAN : point.at(1).get<double>());
  }
  return m;
}

void writeArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path) {
  std::ostringstream buffer;
  archive.save_to(buffer);
  try {
    writeFileAtomically(path, buffer.str());
  } catch (const std::runtime_error& e) {
    throw UNetCheckpointError(e.what());
  }
}

UNetCheckpointMeta readUNetMeta(torch::serialize::InputArchive& archive, const std::string& path) {
  c10::IValue format, version, meta;
  if (!archive.try_read("format", format) || !format.isString() || format.toStringRef() != "diffusion-studio/unet") {
    throw UNetCheckpointError(path + ": not a Diffusion Studio U-Net checkpoint");
  }
  if (!archive.try_read("version", version) || !version.isInt()) throw UNetCheckpointError(path + ": no format version");
  if (version.toInt() > kUNetCheckpointVersion) {
    throw UNetCheckpointError(path + ": written by a newer version (format " + std::to_string(version.toInt()) +
                              "; this program reads up to " + std::to_string(kUNetCheckpointVersion) + ")");
  }
  if (!archive.try_read("meta", meta) || !meta.isString()) throw UNetCheckpointError(path + ": no metadata");
  try {
    return unetMetaFromJson(json::parse(meta.toStringRef()));
  } catch (const std::exception& e) {
    throw UNetCheckpointError(path + ": bad metadata: " + e.what());
  }
}

void loadArchive(torch::serialize::InputArchive& archive, const std::string& path, const c10::Device& device) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw UNetCheckpointError(path + ": no such file");
  if (!fs::is_regular_file(path, ec)) throw UNetCheckpointError(path + ": not a regular file");
  const auto size = fs::file_size(path, ec);
  if (ec || size == 0) throw UNetCheckpointError(path + ": file is empty or unreadable");
  if (size > (std::uintmax_t(1) << 31)) throw UNetCheckpointError(path + ": larger than 2 GiB; not a checkpoint");
  try {
    archive.load_from(path, device);
  } catch (const std::exception& e) {
    // LibTorch's messages carry a C++ backtrace; the first line says what is wrong.
    std::string first = e.what();
    first = first.substr(0, first.find('\n'));
    throw UNetCheckpointError(path + ": not a readable checkpoint (" + first + ")");
  }
}

UNetCheckpoint loadUNetCheckpoint(const std::string& path, const c10::Device& device) {
  torch::serialize::InputArchive archive;
  loadArchive(archive, path, device);
  UNetCheckpoint out;
  out.meta = readUNetMeta(archive, path);
  UNet net(out.meta.architecture);
  try {
    torch::serialize::InputArchive ema;
    if (!archive.try_read("ema", ema)) throw UNetCheckpointError(path + ": no weights");
    net->load(ema);
  } catch (const UNetCheckpointError&) {
    throw;
  } catch (const std::exception& e) {
    std::string first = e.what();
    throw UNetCheckpointError(path + ": the weights do not match the architecture (" + first.substr(0, first.find('\n')) + ")");
  }
  net->to(device);
  out.model = std::make_shared<UNetDenoiser>(net);
  torch::serialize::InputArchive train;
  out.resumable = archive.try_read("train", train);
  return out;
}

}  // namespace ds
