#pragma once
// The "Steps vs quality" page's job (worker thread): core's stepsAgainstQuality for the lesson's
// mixture and schedule — always with the mixture's exact denoiser, so every difference between
// the lines is the sampler's discretisation and not a model's error — plus the parsing of the page's
// list of step counts S.

#include "core/eval/stepsquality.h"
#include "core/runtime/progress.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace ds::ui {

struct StepsSettings {
  std::vector<StepsSampler> samplers = {StepsSampler::Ddpm, StepsSampler::Ddim, StepsSampler::Ode, StepsSampler::Pc};
  std::vector<int> steps = {5, 10, 20, 50, 100, 250, 1000};
  std::int64_t n = 2000;
  int correctorSteps = 1;
  double snr = 0.16;
  std::uint64_t seed = 0;

  bool operator==(const StepsSettings& o) const {
    return samplers == o.samplers && steps == o.steps && n == o.n && correctorSteps == o.correctorSteps &&
           snr == o.snr && seed == o.seed;
  }
};

struct StepsRequest {
  LikelihoodSetup setup;  // only the mixture and the schedule are used
  StepsSettings settings;
  c10::Device device = c10::Device(c10::kCPU);
};

struct StepsResult {
  quint64 generation = 0;
  StepsSettings settings;
  std::vector<int> steps;    // the S computed (the settings' S within 1..T)
  std::vector<int> dropped;  // S above T, left out
  int T = 0;
  StepsQualityResult quality;
  // The rows of one sampler, in S order (empty when it was not computed).
  std::vector<StepsQualityRow> rowsOf(StepsSampler sampler) const;
};

// "5, 10, 20" → {5, 10, 20} (sorted, duplicates removed). False with *error for anything else.
bool parseStepsList(const QString& text, std::vector<int>* out, QString* error);
QString formatStepsList(const std::vector<int>& steps);

// Throws std::invalid_argument when no S is left (all above T) or no sampler is chosen; ds::Cancelled.
StepsResult runSteps(const StepsRequest& request, const ProgressFn& progress, const CancelToken& cancel);

}  // namespace ds::ui
