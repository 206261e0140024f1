#include "core/models/imagecheckpoint.h"

#include "core/runtime/atomicfile.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace ds {

using nlohmann::json;

std::string firstLine(const std::exception& e) {
  const std::string text = e.what();
  return text.substr(0, text.find('\n'));
}

json toJson(const ScheduleSpec& s) {
  json j{{"kind", toString(s.kind)}, {"steps", s.steps}};
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

json toJson(const UNetConfig& c) {
  return json{
      {"image_channels", c.imageChannels},        {"image_size", c.imageSize},   {"base_channels", c.baseChannels},
      {"channel_mults", c.channelMults},          {"res_blocks", c.resBlocks},   {"groups", c.groups},
      {"mid_attention", c.midAttention},          {"num_classes", c.numClasses}, {"steps", c.steps},
      {"condition_channels", c.conditionChannels}};
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
  c.conditionChannels = j.value("condition_channels", 0);  // absent in files written before inpainting
  c.validate();
  return c;
}

json toJson(const ImageTrainingInfo& t) {
  json curve = json::array();
  for (const auto& [step, loss] : t.lossCurve)
    curve.push_back(json::array({step, std::isfinite(loss) ? json(loss) : json(nullptr)}));
  return json{{"steps", t.steps},
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
              {"loss_curve", curve}};
}

ImageTrainingInfo trainingInfoFromJson(const json& t) {
  ImageTrainingInfo info;
  info.steps = t.at("steps").get<std::int64_t>();
  info.loss = t.at("loss").is_null() ? NAN : t.at("loss").get<double>();
  info.seconds = t.at("seconds").get<double>();
  info.data = t.at("data").get<std::string>();
  auto& c = info.config;
  c.batchSize = t.at("batch_size").get<std::int64_t>();
  c.learningRate = t.at("learning_rate").get<double>();
  c.warmupSteps = t.at("warmup_steps").get<std::int64_t>();
  c.emaDecay = t.at("ema_decay").get<double>();
  c.gradClip = t.at("grad_clip").get<double>();
  c.labelDropout = t.at("label_dropout").get<double>();
  c.seed = t.at("seed").get<std::uint64_t>();
  for (const auto& point : t.at("loss_curve")) {
    info.lossCurve.emplace_back(point.at(0).get<std::int64_t>(),
                                point.at(1).is_null() ? NAN : point.at(1).get<double>());
  }
  return info;
}

json toJson(const UNetCheckpointMeta& m) {
  return json{
      {"architecture", toJson(m.architecture)}, {"schedule", toJson(m.schedule)}, {"training", toJson(m.training)}};
}

UNetCheckpointMeta unetMetaFromJson(const json& j) {
  UNetCheckpointMeta m;
  m.architecture = unetConfigFromJson(j.at("architecture"));
  m.schedule = scheduleFromJson(j.at("schedule"));
  if (m.schedule.steps != m.architecture.steps) {
    throw std::invalid_argument("the schedule has T = " + std::to_string(m.schedule.steps) +
                                " but the network T = " + std::to_string(m.architecture.steps));
  }
  m.training = trainingInfoFromJson(j.at("training"));
  return m;
}

void writeArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path) {
  std::ostringstream buffer;
  archive.save_to(buffer);
  try {
    writeFileAtomically(path, buffer.str());
  } catch (const std::runtime_error& e) {
    throw ImageCheckpointError(e.what());
  }
}

void writeArchiveHeader(torch::serialize::OutputArchive& archive, const std::string& format, const json& meta) {
  archive.write("format", c10::IValue(format));
  archive.write("version", c10::IValue(std::int64_t(kUNetCheckpointVersion)));
  archive.write("meta", c10::IValue(meta.dump()));
}

json readArchiveHeader(torch::serialize::InputArchive& archive, const std::string& path, const std::string& format) {
  c10::IValue formatValue, version, meta;
  if (!archive.try_read("format", formatValue) || !formatValue.isString()) {
    throw ImageCheckpointError(path + ": not a Diffusion Studio image-model checkpoint");
  }
  if (formatValue.toStringRef() != format) {
    throw ImageCheckpointError(path + ": holds a " + formatValue.toStringRef() + " model, not a " + format + " model");
  }
  if (!archive.try_read("version", version) || !version.isInt())
    throw ImageCheckpointError(path + ": no format version");
  if (version.toInt() > kUNetCheckpointVersion) {
    throw ImageCheckpointError(path + ": written by a newer version (format " + std::to_string(version.toInt()) +
                               "; this program reads up to " + std::to_string(kUNetCheckpointVersion) + ")");
  }
  if (!archive.try_read("meta", meta) || !meta.isString()) throw ImageCheckpointError(path + ": no metadata");
  try {
    return json::parse(meta.toStringRef());
  } catch (const std::exception& e) {
    throw ImageCheckpointError(path + ": bad metadata: " + e.what());
  }
}

UNetCheckpointMeta readUNetMeta(torch::serialize::InputArchive& archive, const std::string& path) {
  return parseArchiveMeta<UNetCheckpointMeta>(readArchiveHeader(archive, path, "diffusion-studio/unet"), path,
                                              unetMetaFromJson);
}

void loadArchive(torch::serialize::InputArchive& archive, const std::string& path, const c10::Device& device) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw ImageCheckpointError(path + ": no such file");
  if (!fs::is_regular_file(path, ec)) throw ImageCheckpointError(path + ": not a regular file");
  const auto size = fs::file_size(path, ec);
  if (ec || size == 0) throw ImageCheckpointError(path + ": file is empty or unreadable");
  if (size > (std::uintmax_t(1) << 31)) throw ImageCheckpointError(path + ": larger than 2 GiB; not a checkpoint");
  try {
    archive.load_from(path, device);
  } catch (const std::exception& e) {
    throw ImageCheckpointError(path + ": not a readable checkpoint (" + firstLine(e) + ")");
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
    if (!archive.try_read("ema", ema)) throw ImageCheckpointError(path + ": no weights");
    net->load(ema);
  } catch (const ImageCheckpointError&) {
    throw;
  } catch (const std::exception& e) {
    throw ImageCheckpointError(path + ": the weights do not match the architecture (" + firstLine(e) + ")");
  }
  net->to(device);
  out.model = std::make_shared<UNetDenoiser>(net);
  torch::serialize::InputArchive train;
  out.resumable = archive.try_read("train", train);
  return out;
}

void saveUNetForSampling(const UNetCheckpoint& checkpoint, const std::string& path) {
  if (!checkpoint.model) throw ImageCheckpointError(path + ": no model to write");
  torch::serialize::OutputArchive archive, ema;
  writeArchiveHeader(archive, "diffusion-studio/unet", toJson(checkpoint.meta));
  auto module = checkpoint.model->module();
  module->save(ema);
  archive.write("ema", ema);
  writeArchiveAtomically(archive, path);
}

}  // namespace ds
