#pragma once
// The 2-D lesson's ready-made data distributions, read from resources/presets/mixtures2d.json
// (compiled into the resources; core/data/presets.h parses and checks them).

#include <QString>

#include <vector>

namespace ds::ui {

struct Mixture2DPreset {
  QString name;         // translated
  QString spec;         // a GaussianMixture SPEC (core/gmm.h)
  QString description;  // one sentence for a tooltip (may be empty)
};

// In file order; never empty (a broken build falls back to a standard normal, with a message).
const std::vector<Mixture2DPreset>& mixture2DPresets();

}  // namespace ds::ui
