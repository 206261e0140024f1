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

#include <memory>
#include <stdexcept>
#include <string>

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

}  // namespace ds
