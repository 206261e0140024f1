#pragma once
// diffusion-cli train: its options, and the plan of a run — the data in model space, the model
// and training settings, and where to start from. A new model is planned from the options
// (cmd_train.cpp); `--resume FILE` plans from a checkpoint that holds a trainer state
// (train_resume.cpp).

#include "app/cli/cli_common.h"
#include "app/cli/distributed_options.h"

#include "core/gmm.h"
#include "core/models/checkpoint.h"
#include "core/models/mlp.h"
#include "core/training/trainer.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace dscli {

struct TrainOptions {
  std::string data, points, gmm, resume;
  ScheduleOptions schedule;
  int hidden = 128;
  int layers = 3;
  int timeEmbed = 32;
  long long iters = 3000;
  long long batch = 256;
  double lr = 3e-3;
  std::uint64_t seed = 0;
  double ema = 0.995;
  double clip = 1.0;
  bool vlb = false;
  long long nData = 10000;
  bool noNormalize = false;
  bool evaluate = false;
  std::string out;
  DistributedOptions dist;  // --nproc, --world-size/--rank/--rendezvous (docs/distributed.md)
  CLI::App* cmd = nullptr;  // the subcommand, to ask which options were given on the command line

  // True when the option was given explicitly (not just left at its default).
  bool given(const std::string& name) const;
};

struct TrainPlan {
  ds::CheckpointMeta meta;  // data and schedule; a resumed run also keeps the file's training info
  ds::MlpConfig arch;
  ds::TrainConfig config;
  at::Tensor data;                             // float [M, D] on the CPU, in model space
  std::optional<ds::GaussianMixture> mixture;  // the exact density of toy mixtures and --gmm data
  std::string toy;                             // the toy's name, for fresh draws in --evaluate
  // Resuming: the checkpoint (model and trainer state) that ds::makeResumedTrainer continues.
  std::shared_ptr<const ds::Checkpoint> checkpoint;
};

// Reads --resume FILE and rebuilds the run it came from. Throws UsageError naming the option for
// an unreadable file, a checkpoint without trainer state, options that contradict the file
// (e.g. a different --hidden, or --data at all) and training data that cannot be rebuilt.
TrainPlan planResume(const TrainOptions& options);

// The --resume FILE option, with its conflicts checked in planResume.
void addResumeOption(CLI::App* cmd, TrainOptions& options);

}  // namespace dscli
