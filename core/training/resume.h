#pragma once
// Continuing a training run from its checkpoint: the one resume path of the GUI (Train lesson)
// and the CLI (train --resume). A checkpoint holds the model, the schedule, the training settings
// and where its data came from; toys and mixtures are redrawn exactly as the first run drew them
// (same size, same seed stream), user points (a CSV, a drawing) are supplied by the caller and
// mapped with the stored normalisation. So the same checkpoint resumes on the same data whichever
// program continues it.

#include "core/gmm.h"
#include "core/models/checkpoint.h"
#include "core/training/trainer.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace ds {

// The training data cannot be rebuilt; the message says why (and what would help).
class ResumeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The seed of the generator that draws a run's toy or mixture data from its training seed. Every
// new run draws its data with it (CLI and GUI), so a resumed run can redraw the same points.
std::uint64_t trainingDataSeed(std::uint64_t trainingSeed);

// Draws `n` points of a toy ("toy" source) or a mixture spec ("gmm" source) from the run's
// training seed, as a new run does. Throws ResumeError for an unknown name or spec.
at::Tensor drawTrainingData(const std::string& source, const std::string& name, std::int64_t n,
                            std::uint64_t trainingSeed);

// True for sources that drawTrainingData can redraw ("toy", "gmm"); others need user points.
bool isRedrawableSource(const std::string& source);

struct ResumeData {
  at::Tensor data;                         // float [M, D] on the CPU, in model space
  std::optional<GaussianMixture> mixture;  // the exact density of toy mixtures and "gmm" data
  std::string toy;                         // the toy's name for "toy" data
};

// The data a checkpoint was trained on, in model space. For "toy"/"gmm" sources the points are
// redrawn (userPoints is ignored); for other sources `userPoints` (float [M, D], data units) is
// required and mapped with the checkpoint's normalisation. Throws ResumeError when the data cannot
// be rebuilt (no points given, unknown toy, wrong dimension, size 0).
ResumeData rebuildTrainingData(const CheckpointMeta& meta, const at::Tensor& userPoints = at::Tensor());

// The training settings recorded in a checkpoint (batch, learning rate, seed, EMA, clipping,
// weighting). reportEvery and lossBands keep their defaults. Throws ResumeError if invalid.
TrainConfig trainConfigOf(const CheckpointMeta& meta);

// A Trainer that continues the checkpoint's run on `data` (model space; see rebuildTrainingData):
// its weights and, when the file holds one, its trainer state (EMA, Adam moments, step).
// `config` is usually trainConfigOf(ck.meta) with the caller's reportEvery/lossBands.
std::unique_ptr<Trainer> makeResumedTrainer(const Checkpoint& ck, const at::Tensor& data, const TrainConfig& config,
                                            const c10::Device& device = c10::Device(c10::kCPU));

}  // namespace ds
