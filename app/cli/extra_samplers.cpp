#include "app/cli/extra_samplers.h"

#include "app/cli/progress_printer.h"

#include "core/likelihood/ode.h"
#include "core/likelihood/respace.h"
#include "core/sampling/langevin.h"
#include "core/sampling/pc.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace dscli {

namespace {

constexpr int kMaxCorrectorSteps = 1000;
constexpr int kMaxLangevinSteps = 100000;
constexpr double kMaxSnr = 10.0;
constexpr int kDefaultLangevinLevels = 100;
constexpr int kDefaultHeunSteps = 100;

void refuseFor(const std::string& sampler, std::initializer_list<CLI::Option*> opts, const std::string& usedBy) {
  for (CLI::Option* opt : opts) {
    if (opt && opt->count())
      throw UsageError(opt->get_name(), "only applies to " + usedBy + ", not --sampler " + sampler);
  }
}

void requireTolerance(CLI::Option* opt, double value) {
  if (!(value > 0.0 && value < 1.0)) throw UsageError(opt->get_name(), "must be in (0, 1), got " + num(value));
}

}  // namespace

void addExtraSamplerOptions(CLI::App* cmd, ExtraSamplerOptions& o) {
  const std::string group = "ODE, predictor-corrector, Langevin and respacing";
  o.respaceOpt = cmd->add_option("--respace", o.respace,
                                 "Run on a subsequence of the T steps: section counts like 10,15,20 or ddimN "
                                 "(improved-diffusion's space_timesteps); every sampler")
                     ->type_name("COUNTS")
                     ->group(group);
  o.solverOpt =
      cmd->add_option("--solver", o.solver, "ode: fixed-step heun (--sampling-steps) or adaptive (--rtol/--atol)")
          ->check(CLI::IsMember({"heun", "adaptive"}))
          ->capture_default_str()
          ->group(group);
  o.rtolOpt = cmd->add_option("--rtol", o.rtol, "ode, adaptive solver: relative tolerance in (0, 1)")
                  ->capture_default_str()
                  ->group(group);
  o.atolOpt = cmd->add_option("--atol", o.atol, "ode, adaptive solver: absolute tolerance in (0, 1)")
                  ->capture_default_str()
                  ->group(group);
  o.predictorOpt = cmd->add_option("--predictor", o.predictor, "pc: the predictor step, ddpm (ancestral) or ode (DDIM)")
                       ->check(CLI::IsMember({"ddpm", "ode"}))
                       ->capture_default_str()
                       ->group(group);
  o.correctorOpt = cmd->add_option("--corrector-steps", o.correctorSteps,
                                   "pc: Langevin corrector steps per predictor step (0..1000)")
                       ->capture_default_str()
                       ->type_name("M")
                       ->group(group);
  o.snrOpt =
      cmd->add_option("--snr", o.snr, "pc, langevin: signal-to-noise ratio r of the Langevin step size, in (0, 10]")
          ->capture_default_str()
          ->type_name("R")
          ->group(group);
  o.langevinStepsOpt =
      cmd->add_option("--langevin-steps", o.langevinSteps, "langevin: updates per noise level (1..100000)")
          ->capture_default_str()
          ->type_name("M")
          ->group(group);
  o.stepSizeOpt =
      cmd->add_option("--step-size", o.stepSize, "langevin: a fixed step size delta > 0 instead of the --snr rule")
          ->type_name("DELTA")
          ->group(group);
}

bool needsExtraSampler(const SamplerOptions& sampler, const ExtraSamplerOptions& extra) {
  if (sampler.sampler != "ddpm" && sampler.sampler != "ddim") return true;
  // Any of these options with ddpm/ddim goes this way too, where it is used or refused by name.
  for (const CLI::Option* opt : {extra.respaceOpt, extra.solverOpt, extra.rtolOpt, extra.atolOpt, extra.predictorOpt,
                                 extra.correctorOpt, extra.snrOpt, extra.langevinStepsOpt, extra.stepSizeOpt}) {
    if (opt->count()) return true;
  }
  return false;
}

std::vector<int> parseRespace(const std::string& sectionCounts, int T) {
  try {
    return ds::spaceTimesteps(T, sectionCounts);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--respace", e.what());
  }
}

at::Tensor runExtraSampler(const DenoiserSource& source, const SamplerOptions& s, const ExtraSamplerOptions& e,
                           long long n, std::uint64_t seed, const c10::Device& device, bool timing,
                           nlohmann::json& meta) {
  const std::string& name = s.sampler;
  const int T = source.schedule->steps();
  const bool respaced = e.respaceOpt->count() > 0;
  std::vector<int> kept;
  if (respaced) {
    kept = parseRespace(e.respace, T);
    if (s.samplingStepsOpt->count()) {
      throw UsageError("--sampling-steps", "give either --sampling-steps or --respace, not both");
    }
    meta["respace"] = e.respace;
    meta["respaced_steps"] = kept.size();
  }
  if (s.samplingStepsOpt->count()) requireInRange("--sampling-steps", s.samplingSteps, 1, T);
  // Options of one sampler are errors with another.
  if (name != "ddim") refuseFor(name, {s.etaOpt}, "--sampler ddim");
  if (name != "ode") refuseFor(name, {e.solverOpt, e.rtolOpt, e.atolOpt}, "--sampler ode");
  if (name != "pc") refuseFor(name, {e.predictorOpt, e.correctorOpt}, "--sampler pc");
  if (name != "pc" && name != "langevin") refuseFor(name, {e.snrOpt}, "--sampler pc or langevin");
  if (name != "langevin") refuseFor(name, {e.langevinStepsOpt, e.stepSizeOpt}, "--sampler langevin");
  if (name != "ddpm" && !(name == "pc" && e.predictor == "ddpm")) {
    refuseFor(name, {s.varianceOpt}, "--sampler ddpm or pc with --predictor ddpm");
  }
  if (e.snrOpt->count() && !(e.snr > 0.0 && e.snr <= kMaxSnr)) {
    throw UsageError("--snr", "must be in (0, " + num(kMaxSnr) + "], got " + num(e.snr));
  }
  const ds::DdpmVariance variance = s.variance == "beta" ? ds::DdpmVariance::Beta : ds::DdpmVariance::PosteriorVariance;

  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  const std::string label = "sample (" + name + ", " + device.str() + ")";
  ProgressPrinter printer(label, globalOptions().quiet);
  const auto start = std::chrono::steady_clock::now();
  at::Tensor x;
  if (name == "ddim") {
    // ds::sample's DDIM already takes a timestep subsequence (any eta).
    ds::SampleRequest r;
    r.kind = ds::SamplerKind::Ddim;
    if (!(s.eta >= 0.0 && s.eta <= 10.0)) throw UsageError("--eta", "must be in 0..10, got " + num(s.eta));
    r.eta = s.eta;
    r.timesteps = kept;
    r.n = n;
    r.seed = seed;
    r.sampleShape = source.sampleShape;
    r.device = device;
    x = ds::sample(*source.denoiser, *source.schedule, r, printer.callback(), cancel).final();
    meta["sampling_steps"] = kept.size();
    meta["eta"] = s.eta;
  } else if (name == "ddpm" || name == "pc") {
    // DDPM on the respaced chain is PC without a corrector (pc.h).
    ds::PcRequest r;
    r.predictor = name == "pc" && e.predictor == "ode" ? ds::PcPredictor::Ode : ds::PcPredictor::Ddpm;
    r.variance = variance;
    r.correctorSteps = name == "pc" ? e.correctorSteps : 0;
    r.snr = e.snr;
    if (name == "pc") requireInRange("--corrector-steps", e.correctorSteps, 0, kMaxCorrectorSteps);
    r.timesteps =
        respaced ? kept : (s.samplingStepsOpt->count() ? ds::ddimTimesteps(T, s.samplingSteps) : std::vector<int>{});
    r.n = n;
    r.seed = seed;
    r.sampleShape = source.sampleShape;
    r.device = device;
    x = ds::pcSample(*source.denoiser, *source.schedule, r, printer.callback(), cancel).final();
    meta["sampling_steps"] = r.timesteps.empty() ? T : static_cast<int>(r.timesteps.size());
    if (r.predictor == ds::PcPredictor::Ddpm) meta["variance"] = s.variance;
    if (name == "pc") {
      meta["predictor"] = e.predictor;
      meta["corrector_steps"] = e.correctorSteps;
      meta["snr"] = e.snr;
    }
  } else if (name == "ode") {
    ds::OdeSampleRequest r;
    r.ode.solver = ds::parseOdeSolver(e.solver);
    if (r.ode.solver == ds::OdeSolver::Adaptive) {
      if (s.samplingStepsOpt->count()) throw UsageError("--sampling-steps", "sets Heun steps; add --solver heun");
      if (respaced)
        throw UsageError("--respace", "sets Heun steps; add --solver heun (the adaptive solver picks its own)");
      requireTolerance(e.rtolOpt, e.rtol);
      requireTolerance(e.atolOpt, e.atol);
      r.ode.rtol = e.rtol;
      r.ode.atol = e.atol;
      meta["rtol"] = e.rtol;
      meta["atol"] = e.atol;
    } else {
      refuseFor("ode --solver heun", {e.rtolOpt, e.atolOpt}, "--solver adaptive");
      r.ode.steps = s.samplingStepsOpt->count() ? s.samplingSteps : std::min(T, kDefaultHeunSteps);
      r.ode.timesteps = kept;
      meta["sampling_steps"] = respaced ? static_cast<int>(kept.size()) : r.ode.steps;
    }
    r.ode.seed = seed;
    r.ode.device = device;
    r.n = n;
    r.sampleShape = source.sampleShape;
    const ds::OdeSample out = ds::odeSample(*source.denoiser, *source.schedule, r, printer.callback(), cancel);
    x = out.trajectory.final();
    meta["solver"] = e.solver;
    meta["evaluations"] = out.evaluations;
  } else {  // langevin
    ds::LangevinRequest r;
    if (respaced) {
      r.levels = kept;
      std::reverse(r.levels.begin(), r.levels.end());
    } else {
      r.levels =
          ds::annealedLevels(T, s.samplingStepsOpt->count() ? s.samplingSteps : std::min(T, kDefaultLangevinLevels));
    }
    requireInRange("--langevin-steps", e.langevinSteps, 1, kMaxLangevinSteps);
    if (e.stepSizeOpt->count()) {
      if (!(e.stepSize > 0.0 && e.stepSize <= 1.0))
        throw UsageError("--step-size", "must be in (0, 1], got " + num(e.stepSize));
      if (e.snrOpt->count()) throw UsageError("--snr", "give either --snr or --step-size");
      r.stepSize = e.stepSize;
      meta["step_size"] = e.stepSize;
    } else {
      r.snr = e.snr;
      meta["snr"] = e.snr;
    }
    r.stepsPerLevel = e.langevinSteps;
    r.n = n;
    r.seed = seed;
    r.sampleShape = source.sampleShape;
    r.device = device;
    r.denoiseFinal = true;
    x = ds::langevin(*source.denoiser, *source.schedule, r, printer.callback(), cancel).trajectory.final();
    meta["levels"] = r.levels.size();
    meta["langevin_steps"] = e.langevinSteps;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printer.finish();
  if (timing) std::fprintf(stderr, "timing: %s %.6f s\n", label.c_str(), secs);
  return source.toData ? source.toData(x) : x;
}

}  // namespace dscli
