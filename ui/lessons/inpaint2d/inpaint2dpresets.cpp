#include "ui/lessons/inpaint2d/inpaint2dpresets.h"

#include <QCoreApplication>

namespace ds::ui {

namespace {
// The presets are the 2-D inpainting lesson's texts (lupdate files a free function's tr() under its
// namespace, so the context is named here).
struct Inpaint2DText {
  Q_DECLARE_TR_FUNCTIONS(ds::ui::LessonInpaint2D)
};
}  // namespace

const std::vector<Inpaint2DPreset>& inpaint2DPresets() {
  static const std::vector<Inpaint2DPreset> presets = [] {
    return std::vector<Inpaint2DPreset>{
        // The headline: x₂ = 2 says "the rare cluster", but the early, noised x₂ says nothing, and
        // by the time it does the unconditional chain has committed x₁ to the common cluster.
        {Inpaint2DText::tr("Correlated clusters, 90/10 (replace fails)"), QStringLiteral("0.9:-2,-2:0.4;0.1:2,2:0.4"),
         1, 2.0,
         Inpaint2DText::tr(
             "90 % of the data sits at (−2, −2). Seeing x₂ = 2 means the point is in the rare cluster, so x₁ ≈ 2; "
             "replacement, which sees only a noised x₂ early on, smears its samples between the clusters and puts "
             "some near x₁ = −2, where the data almost never is.")},
        {Inpaint2DText::tr("Correlated clusters, 50/50"), QStringLiteral("0.5:-2,-2:0.5;0.5:2,2:0.5"), 1, 2.0,
         Inpaint2DText::tr(
             "Two equal clusters on the diagonal: x₂ = 2 picks the upper one. Replacement still leaves some "
             "samples in the wrong cluster; try c = 0, where the truth is an even split.")},
        {Inpaint2DText::tr("Independent coordinates (replace is fine)"), QStringLiteral("0.5:-2,0:0.5;0.5:2,0:0.5"), 1,
         0.0,
         Inpaint2DText::tr(
             "x₁ does not depend on x₂, so a hazy context costs nothing: all three methods match the truth.")},
        {Inpaint2DText::tr("Ring of 8"),
         QStringLiteral("0.125:2,0:0.2;0.125:1.414,1.414:0.2;0.125:0,2:0.2;0.125:-1.414,1.414:0.2;0.125:-2,0:0.2;"
                        "0.125:-1.414,-1.414:0.2;0.125:0,-2:0.2;0.125:1.414,-1.414:0.2"),
         1, 1.414,
         Inpaint2DText::tr("Eight small clusters on a circle: the line x₂ = 1.41 crosses two of them. Drag it between "
                           "rows and watch which methods follow.")},
    };
  }();
  return presets;
}

}  // namespace ds::ui
