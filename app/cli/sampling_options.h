#pragma once
// Options shared by `sample` and `chain --direction reverse`: which sampler and how it runs,
// where the denoiser comes from (--gmm, or --model FILE once a model loader is registered),
// and running a sampler with progress on stderr.

#include "app/cli/cli_common.h"

#include "core/models/denoiser.h"
#include "core/sampling/sampler.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dscli {

struct SamplerOptions {
  std::string sampler = "ddpm";
  int samplingSteps = 0;
  double eta = 0.0;
  std::string variance = "posterior";
  CLI::Option* samplerOpt = nullptr;
  CLI::Option* samplingStepsOpt = nullptr;
  CLI::Option* etaOpt = nullptr;
  CLI::Option* varianceOpt = nullptr;
};

// `extended`: --sampler also takes ode, pc and langevin (only `sample` runs those; extra_samplers.h).
void addSamplerOptions(CLI::App* cmd, SamplerOptions& opts, bool samplerRequired, bool extended = false);
// Validates the combination against T and fills kind/variance/samplingSteps/eta of a request.
void applySamplerOptions(const SamplerOptions& opts, int T, ds::SampleRequest& request);

// ---- Where the denoiser comes from -------------------------------------------------------

// A denoiser ready to sample from, with the schedule it was built for and one sample's shape.
struct DenoiserSource {
  std::shared_ptr<ds::Denoiser> denoiser;
  std::shared_ptr<ds::NoiseSchedule> schedule;
  std::vector<std::int64_t> sampleShape;           // e.g. {2}
  nlohmann::json meta = nlohmann::json::object();  // describes the source in JSON output
  // Model space → the user's data coordinates, for a model trained on normalised points
  // (Normalization::inverse); empty = the model already works in data coordinates.
  std::function<at::Tensor(const at::Tensor&)> toData;
  // Working memory of one denoiser call per sample (bytes), for the memory estimate of a request.
  double bytesPerSample = 0;
};

// The memory ds::sample needs for n samples of `source` recording `frames` steps (x_t and x̂_0 of
// each, float32, plus the sampler's and the denoiser's working tensors), in bytes.
double samplingBytes(const DenoiserSource& source, long long n, long long frames);

// Loads a learned model from a file onto a device. Should throw UsageError("--model", ...) for
// a file that cannot be read. Registered by a later subcommand module (e.g. cmd_train.cpp)
// *before* addSampleCommand runs; with a loader, `sample` gains `--model FILE` as an
// alternative to --gmm (and --kind/--steps then come from the file).
using ModelLoader = std::function<DenoiserSource(const std::string& path, const c10::Device& device)>;
void setModelLoader(ModelLoader loader);
const ModelLoader& modelLoader();

struct SourceOptions {
  std::string gmm;
  std::string model;
  ScheduleOptions schedule;
  CLI::Option* kindOpt = nullptr;
  CLI::Option* stepsOpt = nullptr;
};
// --gmm SPEC and the schedule options; plus --model FILE when a ModelLoader is registered.
void addSourceOptions(CLI::App* cmd, SourceOptions& opts, bool allowModel);
DenoiserSource makeSource(const SourceOptions& opts, const c10::Device& device);

// Runs ds::sample with a progress printer on stderr and Ctrl-C cancelling it. Every recorded x_t
// and x̂_0 of the result is in data coordinates (source.toData applied).
// Prints "timing: <label> <seconds> s" on stderr when `timing` is set (even with --quiet).
ds::Trajectory runSampler(const DenoiserSource& source, const ds::SampleRequest& request, const std::string& label,
                          bool timing = false);

}  // namespace dscli
