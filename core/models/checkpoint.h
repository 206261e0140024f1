#pragma once
// Checkpoints of learned denoisers: one file holding the weights and JSON metadata.
//
// Layout (all integers little-endian):
//   0   "DSCKPT"                         magic, 6 bytes
//   6   uint16  format version           (kCheckpointVersion)
//   8   uint32  J = JSON length
//   12  uint64  W = weights length
//   20  J bytes of UTF-8 JSON metadata   (architecture, schedule, data, training; see docs/learning.md)
//   20+J  W bytes: a torch::serialize archive with the (EMA) weights and, optionally, the trainer state
//   20+J+W  uint32 CRC-32 (zlib) of every preceding byte
// Loading checks every part and throws CheckpointError naming what is wrong; it never crashes.

#include "core/data/pointset.h"
#include "core/models/mlp.h"
#include "core/schedule.h"
#include "core/training/trainer.h"

#include <c10/core/Device.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ds {

constexpr int kCheckpointVersion = 1;

class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where the training data came from, and how it was mapped to model space.
struct DataInfo {
  std::string source;     // "toy", "points" (CSV), "gmm", "drawn", … free text
  std::string name;       // toy name, file name or mixture spec
  std::int64_t size = 0;  // number of training points
  int dim = 0;
  Normalization normalization;  // data = model_space · scale + shift
  // pointsContentHash of the points trained on, for CSV data (so `train --resume` notices a CSV
  // that changed since); empty for redrawable data and for files written before it existed.
  std::string contentHash;
};

struct TrainingInfo {
  std::int64_t steps = 0;
  double loss = std::numeric_limits<double>::quiet_NaN();
  std::int64_t batchSize = 0;
  double learningRate = 0;
  double emaDecay = 0;
  double gradClip = 0;
  std::uint64_t seed = 0;
  LossWeighting weighting = LossWeighting::Simple;
  std::vector<std::pair<std::int64_t, double>> lossCurve;  // (step, loss), at most ~1000 entries
};

struct CheckpointMeta {
  MlpConfig architecture;
  ScheduleSpec schedule;
  DataInfo data;
  TrainingInfo training;
};

struct Checkpoint {
  CheckpointMeta meta;
  std::shared_ptr<MlpDenoiser> model;  // the sampling weights (EMA), eval mode
  std::optional<TrainerState> state;   // present when saved with one: training can resume
};

// Fills meta.training from a trainer (steps, last loss, its configuration, the loss curve).
TrainingInfo trainingInfo(const Trainer& trainer);

// The checkpoint as bytes; meta.architecture is taken from the model. With a state, training can
// be resumed from the file.
std::string encodeCheckpoint(const MlpDenoiser& model, const CheckpointMeta& meta, const TrainerState* state = nullptr);
// Writes atomically (a temporary file renamed over the target). Throws CheckpointError on I/O errors.
void saveCheckpoint(const std::string& path, const MlpDenoiser& model, const CheckpointMeta& meta,
                    const TrainerState* state = nullptr);

// The largest MLP checkpoint loadCheckpoint reads (the same cap as the image checkpoints); the
// file is refused before it is read.
constexpr std::uint64_t kMaxCheckpointBytes = std::uint64_t(2) << 30;

// Throw CheckpointError ("<source>: <what is wrong>") for anything but a valid checkpoint.
Checkpoint decodeCheckpoint(const std::string& bytes, const std::string& source = "checkpoint",
                            const c10::Device& device = c10::Device(c10::kCPU));
Checkpoint loadCheckpoint(const std::string& path, const c10::Device& device = c10::Device(c10::kCPU));

}  // namespace ds
