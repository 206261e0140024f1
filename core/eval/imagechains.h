#pragma once
// The Images lesson's computations (DESIGN.md "How data flows": jobs compute, views index):
//   - the forward chain on real Fashion-MNIST images, both as t single steps
//     x_t = √(1−β_t)·x_{t−1} + √β_t·z_t and as q(x_t | x_0) in one jump x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε,
//     with the pixel histogram of x_t at every t (to set against N(0, 1));
//   - the reverse chain: class-conditional samples from the U-Net with no guidance, classifier-free
//     or classifier guidance, by DDPM or DDIM, for one or two settings that share the seed and the
//     starting noise x_T (so a side-by-side comparison shows only the effect of the setting).
// Qt-free; runs on a worker thread with progress and cancel.

#include "core/models/classifier.h"
#include "core/models/imagecheckpoint.h"
#include "core/runtime/progress.h"
#include "core/sampling/sampler.h"
#include "core/sampling/trajectory.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ds {

class Denoiser;
class UNetDenoiser;

// ---- forward chain --------------------------------------------------------------------------

// Fixed bins of the pixel histograms: kHistogramBins equal bins over [−kHistogramRange, kHistogramRange].
constexpr int kHistogramBins = 64;
constexpr double kHistogramRange = 4.0;

struct ImageForwardResult {
  ScheduleSpec schedule;
  int T = 0;
  at::Tensor x0;         // [N, 1, H, W] in [−1, 1]
  at::Tensor labels;     // int64 [N]
  at::Tensor steps;      // [T+1, N, 1, H, W]: x_t reached by t single steps (steps[0] = x_0)
  at::Tensor jumpNoise;  // [N, 1, H, W]: the one ε of the jump, the same for every t
  // Pixel histograms of the step chain's x_t (all images together), as densities (area 1 over the
  // bins inside the range): [T+1][kHistogramBins].
  std::vector<std::vector<double>> histogram;
  std::vector<double> pixelMean, pixelStd;  // [T+1]: of the step chain's x_t, all pixels together

  // x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε in one jump: [N, 1, H, W] (a view's cheap arithmetic).
  at::Tensor jump(int t) const;
  // The noise the t single steps have added: x_t − √ᾱ_t·x_0 ~ N(0, (1−ᾱ_t)·I).
  at::Tensor noiseAdded(int t) const;
};

// `count` images of the Fashion-MNIST `set` (images [M, 1, H, W], labels [M]), of class `label`
// (−1: any class), chosen by `seed`, noised by the forward chain with draws from `seed` too.
ImageForwardResult runImageForward(const at::Tensor& images, const at::Tensor& labels, int label, int count,
                                   std::uint64_t seed, const ScheduleSpec& schedule, const CancelToken& cancel = {});

// ---- reverse chain --------------------------------------------------------------------------

enum class ImageGuidance {
  None,            // the conditional model ε(x, y)
  ClassifierFree,  // ε(x, ∅) + w·(ε(x, y) − ε(x, ∅))
  Classifier,      // ε(x, ∅) − s·√(1−ᾱ_t)·∇log p(y | x_t, t)  (Dhariwal & Nichol 2021)
  Unconditional,   // ε(x, ∅): the null label, no class at all
};
std::string toString(ImageGuidance guidance);               // "none", "cfg", "classifier", "unconditional"
ImageGuidance parseImageGuidance(const std::string& name);  // std::invalid_argument otherwise
// The scale a guidance kind uses when none is given (0 for the kinds without a scale): 3 for
// classifier-free guidance, 10 for classifier guidance. Measured with eval-images on the bundled
// models (docs/images.md): classifier guidance steers the unconditional model (the null label),
// so the classifier's gradient does all the class work; the judge's accuracy rose from 68 % at
// s = 2 to 85 % at s = 5 and 89 % at s = 10 (200 samples each), Dhariwal & Nichol's choice for an
// unconditional model too.
double defaultGuidanceScale(ImageGuidance guidance);

struct ImageSamplerSettings {
  ImageGuidance guidance = ImageGuidance::ClassifierFree;
  double scale = 3.0;
  SamplerKind sampler = SamplerKind::Ddim;
  int samplingSteps = 50;  // DDIM; DDPM always runs all T
  double eta = 0.0;        // DDIM

  std::string label() const;  // e.g. "DDIM-50, classifier-free w = 3"
  bool operator==(const ImageSamplerSettings& o) const;
};

// The bundled (or chosen) models, loaded once per device and shared read-only by jobs.
struct ImageModels {
  std::string unetPath;
  std::string classifierPath;   // empty when no noisy classifier was found
  std::string classifierError;  // why there is none (shown when classifier guidance is asked for)
  UNetCheckpointMeta meta;
  std::shared_ptr<const UNetDenoiser> unet;
  Classifier classifier{nullptr};  // noisy (time-conditioned) classifier, or null
  c10::Device device = c10::Device(c10::kCPU);
};

// Resolves and loads the U-Net (required) and the noisy classifier (optional) on `device`.
// Throws ModelNotFound / ImageCheckpointError for the U-Net; a missing or unusable classifier
// only fills classifierError.
std::shared_ptr<const ImageModels> loadImageModels(const std::string& unetNameOrPath,
                                                   const std::string& classifierNameOrPath, const c10::Device& device);

// The denoiser that samples with `settings` (guidance wrapped around the U-Net). Throws
// std::invalid_argument for a setting the models cannot do (classifier guidance without a
// classifier, a scale out of range).
std::shared_ptr<const Denoiser> guidedDenoiser(const ImageModels& models, const ImageSamplerSettings& settings);
// The labels the model is given for class `label` under this guidance: the class, or the null
// label for the unconditional setting (classifier guidance guides the unconditional model).
at::Tensor guidanceLabels(const ImageModels& models, const ImageSamplerSettings& settings, int label, std::int64_t n);

struct ImageSampleRequest {
  std::vector<ImageSamplerSettings> settings;  // 1 or 2 runs, sharing seed and x_T
  int label = 0;                               // class 0..9 (ignored by the unconditional setting)
  std::int64_t n = 16;
  std::uint64_t seed = 0;
  int recordFrames = 100;  // about this many recorded steps per run (every step when fewer)
};

struct ImageSampleResult {
  std::vector<ImageSamplerSettings> settings;
  std::vector<Trajectory> runs;  // one per setting: x_t and x̂_0 from T down to 0, on the CPU
  int label = 0;
  std::uint64_t seed = 0;
  std::string device;           // where it ran, e.g. "CPU (2 threads)"
  std::vector<double> seconds;  // wall time of each run
};

ImageSampleResult runImageSampling(const ImageModels& models, const ImageSampleRequest& request,
                                   const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
