#pragma once
// Training the image U-Net on a labelled image set: the ε-prediction objective of Ho et al. 2020
// (L_simple, t uniform in 1..T) with label dropout for classifier-free guidance (Ho & Salimans
// 2022: a share p of the rows is trained with the null label), Adam with a short linear warm-up,
// global gradient-norm clipping and EMA weights.
//
// Every random draw of step k comes from a generator seeded with (seed, k), so a run split into
// pieces by --resume follows exactly the same trajectory as one uninterrupted run on the same device.

#include "core/models/unet.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ds {

struct ImageTrainConfig {
  std::int64_t batchSize = 128;
  double learningRate = 1e-3;
  std::int64_t warmupSteps = 200;  // linear learning-rate warm-up from 0
  double emaDecay = 0.999;         // with warm-up min(decay, (1+k)/(10+k)); 0 = no EMA
  double gradClip = 1.0;           // 0 = no clipping
  double labelDropout = 0.1;       // share of rows trained with the null label
  std::uint64_t seed = 0;
  int reportEvery = 10;  // steps between progress reports

  void validate() const;  // std::invalid_argument naming the bad field
};

struct ImageTrainProgress {
  std::int64_t step = 0;     // total optimisation steps (all runs)
  std::int64_t runStep = 0;  // steps of this run
  std::int64_t runTotal = 0;
  double loss = 0;     // mean ε-MSE since the previous report
  double seconds = 0;  // wall time of this run
  double imagesPerSecond = 0;
};
using ImageTrainProgressFn = std::function<void(const ImageTrainProgress&)>;

// What a checkpoint records about the run, beyond the weights.
struct ImageTrainingInfo {
  std::int64_t steps = 0;
  double loss = 0;
  double seconds = 0;  // training wall time summed over all runs
  std::string data;    // e.g. "fashion-mnist (60000 training images)"
  ImageTrainConfig config;
  std::vector<std::pair<std::int64_t, double>> lossCurve;
};

class CheckpointError;

class ImageTrainer {
 public:
  // images: float [M, C, H, W] in [-1, 1]; labels int64 [M]. Throws std::invalid_argument on bad shapes.
  ImageTrainer(const UNetConfig& arch, NoiseSchedule schedule, at::Tensor images, at::Tensor labels,
               ImageTrainConfig config, std::string dataName, const c10::Device& device = c10::Device(c10::kCPU));
  ~ImageTrainer();
  ImageTrainer(const ImageTrainer&) = delete;
  ImageTrainer& operator=(const ImageTrainer&) = delete;

  // Runs `steps` more steps; stops early (state consistent) when `cancel` is set. Returns the steps done.
  // Throws std::runtime_error when the loss becomes non-finite (the weights stay the last good ones).
  std::int64_t run(std::int64_t steps, const ImageTrainProgressFn& progress = {}, const CancelToken& cancel = {});

  // Fine-tuning: starts from a trained model's weights (before the first step). The base must have
  // this architecture except for the condition channels, whose new input weights start at zero.
  void initFrom(const UNetDenoiser& base);

  std::int64_t step() const;
  ImageTrainingInfo info() const;
  const UNetConfig& architecture() const;
  const NoiseSchedule& schedule() const;

  // The EMA model for sampling (a deep copy, eval mode, on the training device).
  std::shared_ptr<UNetDenoiser> model() const;

  // Writes a resumable checkpoint atomically (see core/models/imagecheckpoint.h).
  void save(const std::string& path) const;
  // Continues the run stored in `path` on the given data (the schedule and architecture come from
  // the file; config fields other than the seed may be changed, e.g. a new learning rate).
  static std::unique_ptr<ImageTrainer> resume(const std::string& path, at::Tensor images, at::Tensor labels,
                                              std::optional<ImageTrainConfig> config, std::string dataName,
                                              const c10::Device& device = c10::Device(c10::kCPU));

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
  ImageTrainer() = default;
};

}  // namespace ds
