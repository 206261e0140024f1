#pragma once
// Checkpoints of the image U-Net: a LibTorch serialize archive (a zip file whose entries carry
// their own CRC-32) holding
//   "format"  = "diffusion-studio/unet", "version" = kUNetCheckpointVersion,
//   "meta"    = JSON text: architecture, schedule, training (steps, loss, time, settings, loss curve),
//   "ema/…"   = the EMA weights (the model that samples),
//   "train/…" = optional: raw weights, Adam state, so that training can resume.
// Loading checks every part and throws UNetCheckpointError naming the file and the problem.

#include "core/models/unet.h"
#include "core/schedule.h"
#include "core/training/imagetrainer.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <stdexcept>
#include <string>

namespace torch::serialize {
class InputArchive;
class OutputArchive;
}  // namespace torch::serialize

namespace ds {

constexpr int kUNetCheckpointVersion = 1;

class UNetCheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct UNetCheckpointMeta {
  UNetConfig architecture;
  ScheduleSpec schedule;
  ImageTrainingInfo training;
};

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
// the target once completely written. Throws UNetCheckpointError on I/O errors.
void writeArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path);
// Opens and checks the header entries; returns the parsed meta.
UNetCheckpointMeta readUNetMeta(torch::serialize::InputArchive& archive, const std::string& path);
void loadArchive(torch::serialize::InputArchive& archive, const std::string& path, const c10::Device& device);

UNetCheckpoint loadUNetCheckpoint(const std::string& path, const c10::Device& device = c10::Device(c10::kCPU));

}  // namespace ds
