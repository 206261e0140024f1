#include "ui/lessons/lesson2djob.h"

#include "core/forward.h"
#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>

namespace ds::ui {

std::shared_ptr<Lesson2DResult> runLesson2DJob(const GaussianMixture& data, const NoiseSchedule& schedule,
                                               const Lesson2DParams& params, const ProgressFn& progress,
                                               const CancelToken& cancel) {
  auto result = std::make_shared<Lesson2DResult>();
  const int T = schedule.steps();
  result->T = T;
  const c10::Device cpu(c10::kCPU);

  // Progress of the two stages as one 0..1000 scale.
  auto stage = [&](long long from, long long span) -> ProgressFn {
    if (!progress) return {};
    return [=](const Progress& p) {
      Progress q = p;
      q.total = 1000;
      q.step = from + (p.total > 0 ? span * p.step / p.total : 0);
      progress(q);
    };
  };

  at::Generator gen = makeGenerator(params.seed, cpu);
  const at::Tensor x0 = data.sample(params.particles, gen, cpu);
  result->forward = flattenTrajectory(recordForwardChain(schedule, x0, 1, params.seed + 1, stage(0, 400), cancel), T);
  if (cancel.isCancelled()) throw Cancelled();

  ExactMixtureDenoiser model(data, schedule);
  SampleRequest request;
  request.kind = params.ddim ? SamplerKind::Ddim : SamplerKind::Ddpm;
  request.samplingSteps = params.ddim ? params.ddimSteps : 0;
  request.eta = params.eta;
  request.n = params.particles;
  request.seed = params.seed + 2;
  request.recordStride = 1;
  request.sampleShape = {2};
  request.device = cpu;
  result->reverse = flattenTrajectory(sample(model, schedule, request, stage(400, 600), cancel), T);
  return result;
}

}  // namespace ds::ui
