#pragma once
// The Inpaint 2-D lesson's ready-made set-ups: a 2-D mixture together with the observation that
// makes its point. They live in code, not in resources/presets/*.json, because a set-up is a
// mixture *and* an observed axis and value, which the shared preset format (name, spec,
// description) has no room for.

#include <QString>

#include <vector>

namespace ds::ui {

struct Inpaint2DPreset {
  QString name;         // translated
  QString spec;         // a 2-D GaussianMixture SPEC (core/gmm.h)
  int observedDim = 1;  // 0 = x₁, 1 = x₂
  double value = 0.0;   // the observed value c
  QString description;  // one sentence for a tooltip
};

// Never empty; the first is the lesson's start-up set-up.
const std::vector<Inpaint2DPreset>& inpaint2DPresets();

}  // namespace ds::ui
