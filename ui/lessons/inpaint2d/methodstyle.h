#pragma once
// How the lesson names and colours the three inpainting methods, in one place so the plane, the
// histogram panels, the controls and the CSV agree.

#include "core/sampling/inpaint.h"

#include <QColor>
#include <QString>

#include <array>

namespace ds::ui {

constexpr std::array<InpaintMethod, 3> kInpaintMethods{InpaintMethod::Replace, InpaintMethod::Repaint,
                                                       InpaintMethod::Conditioned};

int methodIndex(InpaintMethod method);      // 0, 1, 2 in kInpaintMethods order
QString methodKey(InpaintMethod method);    // "replace", "repaint", "conditioned": objectNames and CSV
QString methodTitle(InpaintMethod method);  // "Replace", "RePaint", "Conditioned model" (translated)
QColor methodColor(InpaintMethod method);
// One sentence: what the method does and what the lecture says about it (13:04–13:45).
QString methodExplanation(InpaintMethod method);

}  // namespace ds::ui
