#pragma once
// Training an image classifier (core/models/classifier.h) with cross-entropy, seeded and resumable
// like the ImageTrainer. A time-conditioned classifier sees x_t ~ q(x_t | x_0) with t uniform in
// 1..T — the noisy classifier p(y | x_t, t) of classifier guidance (Dhariwal & Nichol 2021); a clean
// one sees x_0 (t = 0) and is the judge of generated samples.
//
// Checkpoints: the same archive layout as the U-Net's (core/models/imagecheckpoint.h) with format
// "diffusion-studio/classifier": meta (architecture, schedule, training), "net", and optionally
// "train/adam" to resume.

#include "core/models/classifier.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"
#include "core/training/imagetrainer.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ds {

struct ClassifierCheckpoint {
  ClassifierConfig architecture;
  ScheduleSpec schedule;
  ImageTrainingInfo training;  // config.labelDropout and emaDecay are unused (0)
  Classifier net{nullptr};     // eval mode, on the requested device
};

ClassifierCheckpoint loadClassifierCheckpoint(const std::string& path,
                                              const c10::Device& device = c10::Device(c10::kCPU));
// Writes the classifier without its optimiser state (the file the program ships), atomically.
void saveClassifierForSampling(const ClassifierCheckpoint& checkpoint, const std::string& path);

class ClassifierTrainer {
 public:
  ClassifierTrainer(const ClassifierConfig& arch, NoiseSchedule schedule, at::Tensor images, at::Tensor labels,
                    ImageTrainConfig config, std::string dataName, const c10::Device& device = c10::Device(c10::kCPU));
  ~ClassifierTrainer();

  // progress reports loss = mean cross-entropy and, in imagesPerSecond, the throughput.
  std::int64_t run(std::int64_t steps, const ImageTrainProgressFn& progress = {}, const CancelToken& cancel = {});
  std::int64_t step() const;
  Classifier net() const;  // the trained module (shared, not copied)
  void save(const std::string& path) const;
  static std::unique_ptr<ClassifierTrainer> resume(const std::string& path, at::Tensor images, at::Tensor labels,
                                                   std::optional<ImageTrainConfig> config, std::string dataName,
                                                   const c10::Device& device = c10::Device(c10::kCPU));

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// Accuracy of a classifier on images [N, C, H, W] with labels [N] at timestep t for every image
// (0 = clean), evaluated in batches on the classifier's device.
double classifierAccuracy(Classifier& net, const at::Tensor& images, const at::Tensor& labels, int t = 0,
                          std::int64_t batch = 500);

}  // namespace ds
