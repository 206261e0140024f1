#pragma once
// The image side of `sample`, `chain`, `sample-images` and `eval-images`, in one place: telling an
// image model behind --model from an MLP checkpoint, the options only image models take (--class,
// --guidance, --scale, --classifier, --threads), the guided denoiser and the class labels they
// build, and writing PNGs.

#include "app/cli/cli_common.h"
#include "app/cli/sampling_options.h"

#include "core/models/imagecheckpoint.h"
#include "core/sampling/trajectory.h"
#include "core/training/classifiertrainer.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>

namespace dscli {

// Defaults of the image sampler, said in --help and docs/cli.md. The guidance scales are core's
// (ds::defaultGuidanceScale, shared with the Images lesson).
constexpr int kDefaultImageDdimSteps = 50;  // DDIM steps when --sampling-steps is not given
constexpr long long kMaxImages = 100'000;   // --n of one image run

// What --model names: the file it resolves to (via the registry: a bundled name or a path) and
// whether that file is an image model. The test is the file's content: image-model checkpoints are
// LibTorch archives (zip files, "PK\3\4"; the format entry inside is checked when loading, see
// core/models/imagecheckpoint.h), while the MLP checkpoints of `train` start with "DSCKPT".
struct ModelRef {
  std::string path;
  bool image = false;
};
// A text that names no file: a path (with '/') comes back unresolved and not an image, so the MLP
// loader reports it as it always has; a bare name throws UsageError(option) listing the folders
// searched for bundled models.
ModelRef resolveModelRef(const std::string& text, const std::string& option = "--model");

// A U-Net checkpoint loaded onto a device, with its schedule.
struct ImageModel {
  std::string path;
  ds::UNetCheckpoint checkpoint;
  std::shared_ptr<ds::NoiseSchedule> schedule;
  int numClasses() const { return checkpoint.meta.architecture.numClasses; }
};
// Loads a name or path; errors become UsageError(option, ...).
ImageModel loadImageModel(const std::string& nameOrPath, const c10::Device& device,
                          const std::string& option = "--model");

// The clean classifier that scores pictures (eval-images, eval-inpaint): UsageError("--judge", …) for a
// missing file, a noisy classifier, or one made for other pictures or classes than the model `a`.
ds::ClassifierCheckpoint loadJudge(const std::string& nameOrPath, const ds::UNetConfig& a, const std::string& modelPath,
                                   const c10::Device& device);

struct ImageOptions {
  std::string cls = "all";
  std::string guidance = "cfg";
  double scale = 0;  // when --scale is not given: the default of the guidance kind
  std::string classifier = "fashion-mnist-classifier";
  int threads = 0;
  CLI::Option* classOpt = nullptr;
  CLI::Option* guidanceOpt = nullptr;
  CLI::Option* scaleOpt = nullptr;
  CLI::Option* classifierOpt = nullptr;
  CLI::Option* threadsOpt = nullptr;

  // --scale, or the default of --guidance.
  double effectiveScale() const;
};
// --class (unless withClass is false), --guidance, --scale, --classifier, --threads, in the help
// group `group` (empty: the command's own options).
void addImageOptions(CLI::App* cmd, ImageOptions& opts, bool withClass = true, const std::string& group = {});

// Throws UsageError naming the first of `opts` given on the command line: "<opt>: <reason>".
// Null entries are skipped.
void refuseOptions(std::initializer_list<const CLI::Option*> opts, const std::string& reason);

// Intra-op threads for image work (0 = one per core; LibTorch starts with one on some machines).
void applyThreads(int threads);

// The label of each of n samples: --class C for all of them, --class all cycles the classes
// (sample i gets class i mod K), --guidance unconditional gives the model's null label K.
at::Tensor imageLabels(const ImageOptions& opts, int numClasses, std::int64_t n);

// The denoiser to sample from: the model, or the model wrapped in classifier-free or classifier
// guidance as --guidance/--scale/--classifier say. Validates those options.
DenoiserSource makeImageSource(const ImageOptions& opts, const ImageModel& model, const c10::Device& device);
// "classifier-free guidance, w = 3", for status lines.
std::string describeGuidance(const ImageOptions& opts);

// As applySamplerOptions, but DDIM runs kDefaultImageDdimSteps unless --sampling-steps says
// otherwise; and x̂_0 is clipped to [-1, 1] (images).
void applyImageSamplerOptions(const SamplerOptions& sampler, int T, ds::SampleRequest& request);

// DIR/sample_0000.png … one 8-bit grayscale PNG per image of [N, 1, H, W]; creates DIR.
void writeSamplePngs(const std::string& dir, const at::Tensor& images);
// One contact sheet of [N, 1, H, W], ⌈√N⌉ columns.
void writeGridPng(const std::string& path, const at::Tensor& images);
// The file name of a chain frame: "<prefix>_t0999.png".
std::string chainFrameName(const std::string& prefix, int t);

// `sample --model IMAGE …` and `sample-images …`: N images, to --out DIR and/or --grid FILE.
struct ImageSampleJob {
  std::string command;  // for messages: "sample" or "sample-images"
  std::string model;
  ImageOptions image;
  SamplerOptions sampler;
  long long n = 0;
  std::uint64_t seed = 0;
  std::string out;
  std::string grid;
  bool timing = false;
};
void runImageSample(const ImageSampleJob& job);

}  // namespace dscli
