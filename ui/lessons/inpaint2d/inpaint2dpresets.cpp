#include "ui/lessons/inpaint2d/inpaint2dpresets.h"

#include <QCoreApplication>

namespace ds::ui {

const std::vector<Inpaint2DPreset>& inpaint2DPresets() {
  static const std::vector<Inpaint2DPreset> presets = [] {
    auto tr = [](const char* text) { return QCoreApplication::translate("LessonInpaint2D", text); };
    return std::vector<Inpaint2DPreset>{
        // The headline: x₂ = 2 says "the rare cluster", but the early, noised x₂ says nothing, and
        // by the time it does the unconditional chain has committed x₁ to the common cluster.
        {tr("Correlated clusters, 90/10 (replace fails)"), QStringLiteral("0.9:-2,-2:0.4;0.1:2,2:0.4"), 1, 2.0,
         tr("90 % of the data sits at (−2, −2). Seeing x₂ = 2 means the point is in the rare cluster, so x₁ ≈ 2; "
            "replacement, which sees only a noised x₂ early on, smears its samples between the clusters and puts "
            "some near x₁ = −2, where the data almost never is.")},
        {tr("Correlated clusters, 50/50"), QStringLiteral("0.5:-2,-2:0.5;0.5:2,2:0.5"), 1, 2.0,
         tr("Two equal clusters on the diagonal: x₂ = 2 picks the upper one. Replacement still leaves some "
            "samples in the wrong cluster; try c = 0, where the truth is an even split.")},
        {tr("Independent coordinates (replace is fine)"), QStringLiteral("0.5:-2,0:0.5;0.5:2,0:0.5"), 1, 0.0,
         tr("x₁ does not depend on x₂, so a hazy context costs nothing: all three methods match the truth.")},
        {tr("Ring of 8"),
         QStringLiteral("0.125:2,0:0.2;0.125:1.414,1.414:0.2;0.125:0,2:0.2;0.125:-1.414,1.414:0.2;0.125:-2,0:0.2;"
                        "0.125:-1.414,-1.414:0.2;0.125:0,-2:0.2;0.125:1.414,-1.414:0.2"),
         1, 1.414,
         tr("Eight small clusters on a circle: the line x₂ = 1.41 crosses two of them. Drag it between "
            "rows and watch which methods follow.")},
    };
  }();
  return presets;
}

}  // namespace ds::ui
