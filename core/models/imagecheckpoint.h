#pragma once
// Checkpoints of the image models (the U-Net here; the classifiers in core/training/classifiertrainer.h):
// a LibTorch serialize archive (a zip file whose entries carry their own CRC-32) holding
//   "format"  = "diffusion-studio/unet" (or "/classifier"), "version" = kUNetCheckpointVersion,
//   "meta"    = JSON text: architecture, schedule, training (steps, loss, time, settings, loss curve),
//   "ema/…"   = the EMA weights (the model that samples),
//   "train/…" = optional: raw weights, Adam state, so that training can resume.
// Loading checks every part and throws ImageCheckpointError naming the file and the problem.

#include "core/models/unet.h"
#include "core/schedule.h"
#include "core/training/imagetrainer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace torch::serialize {
class InputArchive;
class OutputArchive;
}  // namespace torch::serialize

namespace ds {

constexpr int kUNetCheckpointVersion = 1;

class ImageCheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct UNetCheckpointMeta {
  UNetConfig architecture;
  ScheduleSpec schedule;
  ImageTrainingInfo training;
};

// An integer of the metadata: std::invalid_argument naming `what` unless it is a JSON integer that
// fits in Int. (nlohmann's get<int>() converts 1e100 — undefined behaviour — and wraps 2^32 + 4 to
// 4; found by fuzz/fuzz_imagecheckpoint.)
template <class Int>
Int metaIntegerValue(const nlohmann::json& value, const std::string& what);
// The same for parent[key].
template <class Int>
Int metaInteger(const nlohmann::json& parent, const char* key) {
  return metaIntegerValue<Int>(parent.at(key), key);
}

nlohmann::json toJson(const ScheduleSpec& schedule);
ScheduleSpec scheduleFromJson(const nlohmann::json& j);  // validated
nlohmann::json toJson(const ImageTrainingInfo& training);
ImageTrainingInfo trainingInfoFromJson(const nlohmann::json& j);
nlohmann::json toJson(const UNetConfig& config);
UNetConfig unetConfigFromJson(const nlohmann::json& j);  // std::invalid_argument on bad fields
nlohmann::json toJson(const UNetCheckpointMeta& meta);
UNetCheckpointMeta unetMetaFromJson(const nlohmann::json& j);

struct UNetCheckpoint {
  UNetCheckpointMeta meta;
  std::shared_ptr<UNetDenoiser> model;  // EMA weights, eval mode, on the requested device
  bool resumable = false;
};

// Writes `archive` to `path` atomically: a unique temporary file in the same folder, renamed over
// the target once completely written. Throws ImageCheckpointError on I/O errors.
void writeArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path);
// Writes the "format", "version" and "meta" entries.
void writeArchiveHeader(torch::serialize::OutputArchive& archive, const std::string& format,
                        const nlohmann::json& meta);
// Checks "format" and "version" and returns the parsed "meta" JSON (ImageCheckpointError otherwise).
nlohmann::json readArchiveHeader(torch::serialize::InputArchive& archive, const std::string& path,
                                 const std::string& format);
// Runs `parse` on the meta, turning its exceptions into ImageCheckpointError("path: bad metadata: …").
template <class Meta, class Parse>
Meta parseArchiveMeta(const nlohmann::json& meta, const std::string& path, Parse parse);
UNetCheckpointMeta readUNetMeta(torch::serialize::InputArchive& archive, const std::string& path);
void loadArchive(torch::serialize::InputArchive& archive, const std::string& path, const c10::Device& device);
// A file that cannot hold the network its metadata declares is refused before the network is built
// (a few-KB file declaring 4096 channels would otherwise allocate and initialise GBs; found by
// fuzz/fuzz_imagecheckpoint). Every U-Net and classifier level has resBlocks residual blocks whose
// second 3×3 convolution has 9·C² weights (C = base · mult): a lower bound on the float32 weights
// the file must hold. ImageCheckpointError naming the sizes otherwise.
void checkDeclaredSize(const std::string& path, int baseChannels, const std::vector<int>& channelMults, int resBlocks);

// The first line of an exception's message (LibTorch's carry a C++ backtrace after it).
std::string firstLine(const std::exception& e);

UNetCheckpoint loadUNetCheckpoint(const std::string& path, const c10::Device& device = c10::Device(c10::kCPU));
// Writes the sampling part of a checkpoint (format, version, meta and the EMA weights; no training
// state) atomically: the file the program ships, a quarter of the resumable one's size.
void saveUNetForSampling(const UNetCheckpoint& checkpoint, const std::string& path);

template <class Meta, class Parse>
Meta parseArchiveMeta(const nlohmann::json& meta, const std::string& path, Parse parse) {
  try {
    return parse(meta);
  } catch (const std::exception& e) {
    throw ImageCheckpointError(path + ": bad metadata: " + e.what());
  }
}

template <class Int>
Int metaIntegerValue(const nlohmann::json& value, const std::string& what) {
  static_assert(std::is_integral_v<Int> && sizeof(Int) <= 8);
  bool fits = value.is_number_integer();
  if (fits && value.is_number_unsigned()) {
    fits = value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
  } else if (fits) {
    const auto v = value.get<std::int64_t>();
    fits = std::is_signed_v<Int> ? v >= static_cast<std::int64_t>(std::numeric_limits<Int>::min()) &&
                                       v <= static_cast<std::int64_t>(std::numeric_limits<Int>::max())
                                 : v >= 0;
  }
  if (!fits) {
    throw std::invalid_argument(what + " must be an integer in " + std::to_string(std::numeric_limits<Int>::min()) +
                                ".." + std::to_string(std::numeric_limits<Int>::max()) + ", not " + value.dump());
  }
  return value.is_number_unsigned() ? static_cast<Int>(value.get<std::uint64_t>())
                                    : static_cast<Int>(value.get<std::int64_t>());
}

}  // namespace ds
