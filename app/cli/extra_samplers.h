#pragma once
// `sample`'s samplers beyond ds::sample's DDPM/DDIM: the probability-flow ODE (core/likelihood/ode.h),
// predictor–corrector (core/sampling/pc.h) and annealed Langevin (core/sampling/langevin.h), and
// --respace SECTION_COUNTS (improved-diffusion's space_timesteps, core/likelihood/respace.h) for
// every sampler: DDPM then runs the respaced chain (β' from ᾱ at the kept steps), DDIM visits the
// kept steps, the ODE's Heun steps go through their σ, PC predicts between them, Langevin uses them
// as its levels.

#include "app/cli/cli_common.h"
#include "app/cli/sampling_options.h"

#include <nlohmann/json.hpp>

#include <string>

namespace dscli {

struct ExtraSamplerOptions {
  std::string respace;
  std::string solver = "adaptive";
  double rtol = 1e-5, atol = 1e-5;
  std::string predictor = "ddpm";
  int correctorSteps = 1;
  double snr = 0.16;
  int langevinSteps = 10;
  double stepSize = 0.0;
  CLI::Option* respaceOpt = nullptr;
  CLI::Option* solverOpt = nullptr;
  CLI::Option* rtolOpt = nullptr;
  CLI::Option* atolOpt = nullptr;
  CLI::Option* predictorOpt = nullptr;
  CLI::Option* correctorOpt = nullptr;
  CLI::Option* snrOpt = nullptr;
  CLI::Option* langevinStepsOpt = nullptr;
  CLI::Option* stepSizeOpt = nullptr;
};

// Adds --respace, --solver, --rtol, --atol, --predictor, --corrector-steps, --snr, --langevin-steps
// and --step-size (in an option group of their own).
void addExtraSamplerOptions(CLI::App* cmd, ExtraSamplerOptions& opts);

// Whether `sample` must take the path below (a new sampler, or --respace) instead of ds::sample.
bool needsExtraSampler(const SamplerOptions& sampler, const ExtraSamplerOptions& extra);

// Checks every option against the chosen sampler (an option the sampler does not use is an error
// naming it), runs it with progress on stderr and Ctrl-C cancelling, and returns x_0 [n, D…] in
// data coordinates (source.toData applied). Adds the sampler's settings to `meta`.
at::Tensor runExtraSampler(const DenoiserSource& source, const SamplerOptions& sampler,
                           const ExtraSamplerOptions& extra, long long n, std::uint64_t seed, const c10::Device& device,
                           bool timing, nlohmann::json& meta);

// The kept timesteps of --respace for T steps (UsageError naming --respace for a bad value).
std::vector<int> parseRespace(const std::string& sectionCounts, int T);

}  // namespace dscli
