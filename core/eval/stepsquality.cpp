#include "core/eval/stepsquality.h"

#include "core/eval/progressstage.h"
#include "core/likelihood/ode.h"
#include "core/likelihood/respace.h"
#include "core/models/denoiser.h"
#include "core/runtime/rng.h"
#include "core/sampling/pc.h"
#include "core/sampling/sampler.h"
#include "core/training/metrics.h"

#include <ATen/ATen.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace ds {

StepsSampler parseStepsSampler(const std::string& name) {
  if (name == "ddpm") return StepsSampler::Ddpm;
  if (name == "ddim") return StepsSampler::Ddim;
  if (name == "ode") return StepsSampler::Ode;
  if (name == "pc") return StepsSampler::Pc;
  throw std::invalid_argument("unknown sampler \"" + name + "\" (expected ddpm, ddim, ode or pc)");
}

std::string toString(StepsSampler sampler) {
  switch (sampler) {
    case StepsSampler::Ddpm:
      return "ddpm";
    case StepsSampler::Ddim:
      return "ddim";
    case StepsSampler::Ode:
      return "ode";
    case StepsSampler::Pc:
      return "pc";
  }
  return "?";
}

namespace {

struct Run {
  at::Tensor x;
  std::int64_t evaluations = 0;
};

Run runSampler(StepsSampler kind, int S, const ExactMixtureDenoiser& model, const NoiseSchedule& schedule,
               const StepsQualityRequest& r, std::uint64_t seed, const ProgressFn& progress,
               const CancelToken& cancel) {
  const std::vector<std::int64_t> shape{r.data.dim()};
  if (kind == StepsSampler::Ode) {
    OdeSampleRequest q;
    q.ode.solver = OdeSolver::Heun;
    q.ode.steps = S;
    q.ode.seed = seed;
    q.ode.device = r.device;
    q.n = r.n;
    q.sampleShape = shape;
    OdeSample out = odeSample(model, schedule, q, progress, cancel);
    return {out.trajectory.final(), out.evaluations};
  }
  PcRequest q;
  q.timesteps = spaceTimesteps(schedule.steps(), std::to_string(S));
  q.predictor = kind == StepsSampler::Ddim ? PcPredictor::Ode : PcPredictor::Ddpm;  // the ODE predictor is DDIM
  q.correctorSteps = kind == StepsSampler::Pc ? r.correctorSteps : 0;
  q.snr = r.snr;
  q.n = r.n;
  q.seed = seed;
  q.sampleShape = shape;
  q.device = r.device;
  const std::int64_t evaluations = static_cast<std::int64_t>(q.timesteps.size()) * (1 + q.correctorSteps);
  return {pcSample(model, schedule, q, progress, cancel).final(), evaluations};
}

}  // namespace

StepsQualityResult stepsAgainstQuality(const StepsQualityRequest& r, const ProgressFn& progress,
                                       const CancelToken& cancel) {
  if (r.data.empty()) throw std::invalid_argument("steps against quality needs a mixture");
  if (r.samplers.empty()) throw std::invalid_argument("steps against quality needs at least one sampler");
  if (r.steps.empty()) throw std::invalid_argument("steps against quality needs at least one step count");
  if (r.n < 2) throw std::invalid_argument("n = " + std::to_string(r.n) + " must be at least 2");
  if (r.correctorSteps < 0) throw std::invalid_argument("corrector steps must be >= 0");
  const NoiseSchedule schedule(r.schedule);
  const int T = schedule.steps();
  for (int S : r.steps) {
    if (S < 1 || S > T) {
      throw std::invalid_argument("step count " + std::to_string(S) + " is outside 1.." + std::to_string(T));
    }
  }
  const ExactMixtureDenoiser model(r.data, schedule);
  const bool oneD = r.data.dim() == 1;
  at::Generator gen = makeGenerator(r.seed ^ 0x5eed5eedULL, at::kCPU);
  at::Tensor reference;
  if (!oneD) reference = r.data.sample(r.referenceSize, gen, at::kCPU);
  auto distance = [&](const at::Tensor& x) {
    const at::Tensor cpu = x.to(at::kCPU, at::kDouble).contiguous();
    if (oneD)
      return ksDistance(std::vector<double>(cpu.data_ptr<double>(), cpu.data_ptr<double>() + cpu.numel()), r.data);
    return slicedWasserstein(cpu.to(at::kFloat), reference, 128, r.seed);
  };

  StepsQualityResult out;
  out.metric = oneD ? "ks" : "sliced_w2";
  out.floor = distance(r.data.sample(r.n, gen, at::kCPU));

  // Progress in proportion to the steps each run takes.
  long long totalWork = 0;
  for (auto kind : r.samplers) {
    (void)kind;
    for (int S : r.steps) totalWork += S;
  }
  long long done = 0;
  for (auto kind : r.samplers) {
    for (int S : r.steps) {
      throwIfCancelled(cancel);
      const ProgressFn stage = progressStage(progress, 1000 * done / totalWork, 1000 * S / totalWork);
      const auto start = std::chrono::steady_clock::now();
      // The same seed for every run: every sampler starts from the same x_T.
      const Run run = runSampler(kind, S, model, schedule, r, r.seed, stage, cancel);
      StepsQualityRow row;
      row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      row.sampler = kind;
      row.steps = S;
      row.distance = distance(run.x);
      row.evaluations = run.evaluations;
      out.rows.push_back(row);
      done += S;
    }
  }
  return out;
}

}  // namespace ds
