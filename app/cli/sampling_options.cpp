#include "app/cli/sampling_options.h"

#include "app/cli/progress_printer.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace dscli {

namespace {
constexpr double kMaxEta = 10.0;
}  // namespace

void addSamplerOptions(CLI::App* cmd, SamplerOptions& o, bool samplerRequired, bool extended) {
  const std::vector<std::string> names = extended ? std::vector<std::string>{"ddpm", "ddim", "ode", "pc", "langevin"}
                                                  : std::vector<std::string>{"ddpm", "ddim"};
  o.samplerOpt =
      cmd->add_option("--sampler", o.sampler, "Reverse sampler")->check(CLI::IsMember(names))->type_name("NAME");
  if (samplerRequired) {
    o.samplerOpt->required();
  } else {
    o.samplerOpt->capture_default_str();
  }
  o.samplingStepsOpt = cmd->add_option("--sampling-steps", o.samplingSteps,
                                       "DDIM only: number of steps S, an evenly spaced subsequence of 1..T (default T)")
                           ->type_name("S");
  o.etaOpt = cmd->add_option("--eta", o.eta, "DDIM only: stochasticity eta in 0..10 (0 = deterministic, 1 ~ DDPM)")
                 ->type_name("E");
  o.varianceOpt =
      cmd->add_option("--variance", o.variance, "DDPM only: reverse variance sigma_t^2 = beta_t or posterior beta~_t")
          ->check(CLI::IsMember({"beta", "posterior"}))
          ->capture_default_str();
}

void applySamplerOptions(const SamplerOptions& o, int T, ds::SampleRequest& request) {
  request.kind = o.sampler == "ddim" ? ds::SamplerKind::Ddim : ds::SamplerKind::Ddpm;
  if (request.kind == ds::SamplerKind::Ddpm) {
    if (o.samplingStepsOpt->count() && o.samplingSteps != T) {
      throw UsageError("--sampling-steps", "DDPM always runs all T steps; use --sampler ddim for fewer");
    }
    if (o.etaOpt->count()) throw UsageError("--eta", "only applies to --sampler ddim");
    request.variance = o.variance == "beta" ? ds::DdpmVariance::Beta : ds::DdpmVariance::PosteriorVariance;
  } else {
    if (o.varianceOpt->count()) throw UsageError("--variance", "only applies to --sampler ddpm");
    if (o.samplingStepsOpt->count()) requireInRange("--sampling-steps", o.samplingSteps, 1, T);
    // η = 1 is DDPM-like noise; far above it the injected noise swamps the sample (η = 1e30 gave
    // inf/NaN), so the range stops at 10.
    if (!(o.eta >= 0.0 && o.eta <= kMaxEta))
      throw UsageError("--eta", "must be in 0.." + num(kMaxEta) + ", got " + num(o.eta));
    request.samplingSteps = o.samplingStepsOpt->count() ? o.samplingSteps : 0;
    request.eta = o.eta;
  }
}

namespace {
ModelLoader& loaderSlot() {
  static ModelLoader loader;
  return loader;
}
}  // namespace

void setModelLoader(ModelLoader loader) { loaderSlot() = std::move(loader); }
const ModelLoader& modelLoader() { return loaderSlot(); }

void addSourceOptions(CLI::App* cmd, SourceOptions& o, bool allowModel) {
  const bool withModel = allowModel && static_cast<bool>(modelLoader());
  auto* gmm = addGmmOption(cmd, o.gmm, /*required=*/!withModel);
  addScheduleOptions(cmd, o.schedule, /*kindRequired=*/!withModel, /*stepsRequired=*/!withModel);
  o.kindOpt = cmd->get_option("--kind");
  o.stepsOpt = cmd->get_option("--steps");
  if (withModel) {
    // Required with --gmm (checked in makeSource), taken from the file with --model.
    o.kindOpt->default_str("")->description("Noise schedule (required with --gmm)");
    o.stepsOpt->default_str("")->description("Number of diffusion steps T >= 2 (required with --gmm)");
    auto* model = cmd->add_option("--model", o.model, "A trained model file (instead of --gmm)")
                      ->type_name("FILE")
                      ->excludes(gmm);
    gmm->excludes(model);
  }
}

DenoiserSource makeSource(const SourceOptions& o, const c10::Device& device) {
  DenoiserSource src;
  if (!o.model.empty()) {
    for (auto* opt : {o.kindOpt, o.stepsOpt}) {
      if (opt->count()) throw UsageError(opt->get_name(), "the schedule comes from the --model file; drop it");
    }
    src = modelLoader()(o.model, device);
    return src;
  }
  if (o.gmm.empty()) throw UsageError("--gmm", "give --gmm SPEC or --model FILE");
  // With a model loader registered these are optional in CLI11's eyes, but required with --gmm.
  if (!o.kindOpt->count()) throw UsageError("--kind", "is required with --gmm");
  if (!o.stepsOpt->count()) throw UsageError("--steps", "is required with --gmm");
  ds::GaussianMixture data = parseGmm(o.gmm);
  src.schedule = std::make_shared<ds::NoiseSchedule>(makeSchedule(o.schedule));
  src.sampleShape = {data.dim()};
  src.meta["gmm"] = data.toSpec();
  src.meta["kind"] = ds::toString(src.schedule->spec().kind);
  src.meta["steps"] = src.schedule->steps();
  // The exact denoiser works in double on [N, K, D] responsibilities and differences.
  src.bytesPerSample = 3.0 * 8.0 * data.size() * (data.dim() + 4);
  src.denoiser = std::make_shared<ds::ExactMixtureDenoiser>(std::move(data), *src.schedule);
  src.denoiser->to(device);
  return src;
}

double samplingBytes(const DenoiserSource& source, long long n, long long frames) {
  double d = 1;
  for (auto s : source.sampleShape) d *= static_cast<double>(s);
  const double perSample = static_cast<double>(frames) * 2.0 * d * 4.0  // recorded x_t and x̂_0
                           + 8.0 * d * 4.0                              // x, noise, ε̂, mean …
                           + source.bytesPerSample;
  return static_cast<double>(n) * perSample;
}

ds::Trajectory runSampler(const DenoiserSource& source, const ds::SampleRequest& request, const std::string& label,
                          bool timing) {
  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  ProgressPrinter printer(label, globalOptions().quiet);
  const auto start = std::chrono::steady_clock::now();
  ds::Trajectory traj = ds::sample(*source.denoiser, *source.schedule, request, printer.callback(), cancel);
  // Recorded tensors are on the CPU, so the device work has finished by now.
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printer.finish();
  if (timing) std::fprintf(stderr, "timing: %s %.6f s\n", label.c_str(), secs);
  if (source.toData) {
    for (auto& x : traj.x) x = source.toData(x);
    for (auto& x0 : traj.x0Pred) {
      if (x0.defined()) x0 = source.toData(x0);
    }
  }
  return traj;
}

}  // namespace dscli
