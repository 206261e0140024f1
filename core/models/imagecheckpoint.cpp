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
  s.steps = metaInteger<int>(j, "steps");
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
  c.imageChannels = metaInteger<int>(j, "image_channels");
  c.imageSize = metaInteger<int>(j, "image_size");
  c.baseChannels = metaInteger<int>(j, "base_channels");
  if (!j.at("channel_mults").is_array()) throw std::invalid_argument("channel_mults must be an array");
  c.channelMults.clear();
  for (const auto& m : j.at("channel_mults")) c.channelMults.push_back(metaIntegerValue<int>(m, "channel_mults"));
  c.resBlocks = metaInteger<int>(j, "res_blocks");
  c.groups = metaInteger<int>(j, "groups");
  c.midAttention = j.at("mid_attention").get<bool>();
  c.numClasses = metaInteger<int>(j, "num_classes");
  c.steps = metaInteger<int>(j, "steps");
  // Absent in files written before inpainting.
  c.conditionChannels = j.contains("condition_channels") ? metaInteger<int>(j, "condition_channels") : 0;
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
  info.steps = metaInteger<std::int64_t>(t, "steps");
  info.loss = t.at("loss").is_null() ? NAN : t.at("loss").get<double>();
  info.seconds = t.at("seconds").get<double>();
  info.data = t.at("data").get<std::string>();
  auto& c = info.config;
  c.batchSize = metaInteger<std::int64_t>(t, "batch_size");
  c.learningRate = t.at("learning_rate").get<double>();
  c.warmupSteps = metaInteger<std::int64_t>(t, "warmup_steps");
  c.emaDecay = t.at("ema_decay").get<double>();
  c.gradClip = t.at("grad_clip").get<double>();
  c.labelDropout = t.at("label_dropout").get<double>();
  c.seed = metaInteger<std::uint64_t>(t, "seed");
  for (const auto& point : t.at("loss_curve")) {
    info.lossCurve.emplace_back(metaIntegerValue<std::int64_t>(point.at(0), "loss_curve"),
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

void checkDeclaredSize(const std::string& path, int baseChannels, const std::vector<int>& channelMults, int resBlocks) {
  double weights = 0;
  for (int mult : channelMults) weights += 9.0 * resBlocks * double(baseChannels) * mult * double(baseChannels) * mult;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && 4.0 * weights > double(size)) {
    std::ostringstream os;
    os << path << ": the metadata declares a network of at least " << std::int64_t(weights) << " weights ("
       << std::int64_t(4.0 * weights / 1e6) << " MB of float32) but the file has only " << size << " bytes";
    throw ImageCheckpointError(os.str());
  }
}

UNetCheckpoint loadUNetCheckpoint(const std::string& path, const c10::Device& device) {
  torch::serialize::InputArchive archive;
  loadArchive(archive, path, device);
  UNetCheckpoint out;
  out.meta = readUNetMeta(archive, path);
  const UNetConfig& a = out.meta.architecture;
  checkDeclaredSize(path, a.baseChannels, a.channelMults, a.resBlocks);
  UNet net(a);
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
